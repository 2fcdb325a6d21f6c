/**
 * Database charts: open connections against `max_connections` (with connection errors marked),
 * and, behind an RDS Proxy, the borrows that had to wait for a pooled connection.
 *
 * The builders take a plain data shape, not the model's classes, so they work with whatever the
 * database model records: a gauge is anything with per-bucket `means()`/`maxes()` (a
 * BucketedGauge), a count series anything with per-bucket `values()` (a BucketedCounts).
 */
import type { BucketGrid } from '../../metrics/index.ts';
import type { RunResult } from '../../model/world.ts';
import { formatCount } from '../format.ts';
import { type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import { baseOptions, type Limit, limitDataset, lineDataset, subtitleOf, valueAxis } from './common.ts';
import { COLORS, withAlpha } from './palette.ts';
import { rateUnitFor, toRate } from './rateUnit.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

/** A level per time bucket (BucketedGauge has this shape). */
export interface GaugeSeriesLike {
  readonly grid: BucketGrid;
  means(): Float64Array;
  maxes(): Float64Array;
}

/** Event counts per time bucket (BucketedCounts has this shape). */
export interface CountSeriesLike {
  readonly grid: BucketGrid;
  values(): Float64Array;
}

export interface ProxyChartData {
  readonly name: string;
  /** The pool's size: maxConnectionsFraction x max_connections. */
  readonly poolSize: number;
  /** Pooled database connections lent out to queries. */
  readonly poolInUse?: GaugeSeriesLike;
  /** Borrowers queued for a pooled connection (the proxy's borrow waits, as a level). */
  readonly waiting?: GaugeSeriesLike;
  /** Borrows that had to wait, and those that gave up after connectionBorrowTimeout, per bucket. */
  readonly borrowWaits?: CountSeriesLike;
  readonly borrowTimeouts?: CountSeriesLike;
  /** Totals over the run, for the subtitle. */
  readonly totals?: {
    readonly borrows: number;
    readonly borrowWaits: number;
    readonly borrowTimeouts: number;
  };
}

export interface DatabaseChartData {
  /** The database resource's name. */
  readonly name: string;
  readonly maxConnections: number;
  /** Connections open on the database (from functions directly, or from proxies' pools). */
  readonly openConnections: GaugeSeriesLike;
  /** Connection attempts refused ("too many connections"), per bucket. */
  readonly connectionErrors?: CountSeriesLike;
  /** Refused connection attempts over the run, for the subtitle. */
  readonly connectionErrorTotal?: number;
  /** RDS Proxies in front of the database. */
  readonly proxies?: readonly ProxyChartData[];
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null;

const isGauge = (v: unknown): v is GaugeSeriesLike =>
  isObject(v) && typeof v.means === 'function' && typeof v.maxes === 'function' && isObject(v.grid);

const isCounts = (v: unknown): v is CountSeriesLike =>
  isObject(v) && typeof v.values === 'function' && isObject(v.grid);

/** True for values of the DatabaseChartData shape (checked structurally). */
export function isDatabaseChartData(v: unknown): v is DatabaseChartData {
  return (
    isObject(v) &&
    typeof v.name === 'string' &&
    typeof v.maxConnections === 'number' &&
    isGauge(v.openConnections)
  );
}

/** The values of a Map or of a plain record; [] for anything else. */
function entriesOf(v: unknown): Loose[] {
  const values = v instanceof Map ? [...v.values()] : isObject(v) ? Object.values(v) : [];
  return values.filter(isObject);
}

/**
 * The databases of a run, as chart data, read structurally from `run.resources` (the database
 * model's `databases` and `proxies` maps: DatabaseServer's `config`, `connectionsSeries`, and
 * RdsProxyModel's `config.target`, `poolSize`, `poolInUseSeries`, `waitingSeries`). Series the
 * model does not record (yet) are left out of the charts; a shape this does not recognise gives
 * no database charts rather than an error.
 * Per-bucket counts: DatabaseServer's `connectionErrorsSeries`, RdsProxyModel's
 * `borrowWaitsSeries` and `borrowTimeoutsSeries`.
 */
export function databaseChartData(run: RunResult): DatabaseChartData[] {
  const resources = (run as unknown as { readonly resources?: unknown }).resources;
  if (!isObject(resources)) return [];
  const proxies = entriesOf(resources.proxies);
  const out: DatabaseChartData[] = [];
  for (const db of entriesOf(resources.databases)) {
    const config = db.config;
    if (!isObject(config) || typeof config.name !== 'string' || typeof config.maxConnections !== 'number')
      continue;
    if (!isGauge(db.connectionsSeries)) continue;
    const name = config.name;
    const inFront: ProxyChartData[] = [];
    for (const p of proxies) {
      const pc = p.config;
      if (
        !isObject(pc) ||
        pc.target !== name ||
        typeof pc.name !== 'string' ||
        typeof p.poolSize !== 'number'
      )
        continue;
      inFront.push({
        name: pc.name,
        poolSize: p.poolSize,
        poolInUse: isGauge(p.poolInUseSeries) ? p.poolInUseSeries : undefined,
        waiting: isGauge(p.waitingSeries) ? p.waitingSeries : undefined,
        borrowWaits: isCounts(p.borrowWaitsSeries) ? p.borrowWaitsSeries : undefined,
        borrowTimeouts: isCounts(p.borrowTimeoutsSeries) ? p.borrowTimeoutsSeries : undefined,
        totals:
          typeof p.borrows === 'number' &&
          typeof p.borrowWaits === 'number' &&
          typeof p.borrowTimeouts === 'number'
            ? { borrows: p.borrows, borrowWaits: p.borrowWaits, borrowTimeouts: p.borrowTimeouts }
            : undefined,
      });
    }
    out.push({
      name,
      maxConnections: config.maxConnections,
      openConnections: db.connectionsSeries,
      connectionErrors: isCounts(db.connectionErrorsSeries) ? db.connectionErrorsSeries : undefined,
      connectionErrorTotal: typeof db.connectionErrors === 'number' ? db.connectionErrors : undefined,
      proxies: inFront,
    });
  }
  return out;
}

/** Open connections against max_connections (and the proxy's pool), connection errors as bars. */
export function databaseConnectionsChart(db: DatabaseChartData, windowMs: number): ChartSpec {
  const grid = db.openConnections.grid;
  const x = timeScale(windowMs, grid.bucketMs);
  const limits: Limit[] = [{ label: 'max_connections', value: db.maxConnections }];
  for (const proxy of db.proxies ?? []) {
    if (proxy.poolSize !== db.maxConnections)
      limits.unshift({ label: `${proxy.name} pool`, value: proxy.poolSize });
  }
  const datasets: DatasetSpec[] = [
    lineDataset('open connections (peak in bucket)', bucketPoints(grid, db.openConnections.maxes()), {
      color: COLORS.connectionsPeak,
      fill: 'origin',
      width: 1,
      order: 2,
    }),
    lineDataset('open connections (time average)', bucketPoints(grid, db.openConnections.means()), {
      color: COLORS.connections,
      order: 1,
    }),
    ...limits.map((l, i) => limitDataset(l, i, x.min, x.max)),
  ];
  const scales: Record<string, object> = { x, y: valueAxis('database connections') };
  const errors = db.connectionErrors;
  const errorTotal = db.connectionErrorTotal ?? (errors ? sum(errors.values()) : undefined);
  if (errors && sum(errors.values()) > 0) {
    const counts = errors.values();
    const unit = rateUnitFor(errors.grid, [counts]);
    const rate = toRate(errors.grid, unit);
    datasets.push({
      type: 'bar',
      label: 'connection errors',
      data: bucketPoints(errors.grid, counts, (c, i) => (c > 0 ? rate(c, i) : Number.NaN), windowMs),
      backgroundColor: withAlpha(COLORS.throttles, 0.8),
      borderWidth: 0,
      barPercentage: 1,
      categoryPercentage: 1,
      yAxisID: 'errors',
      order: 3,
    });
    scales.errors = valueAxis(`connection errors ${unit.label}`, 'right', {
      title: { display: true, text: `connection errors ${unit.label}`, color: COLORS.throttles },
    });
  }
  return chartSpec(chartId(db.name, 'connections'), `${db.name}: connections`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${db.name}: open connections against max_connections`,
        subtitleOf(
          db.proxies && db.proxies.length > 0
            ? `through ${db.proxies.map((p) => p.name).join(', ')}`
            : 'direct connections from the functions',
          errorTotal !== undefined &&
            (errorTotal > 0
              ? `${formatCount(errorTotal)} connection attempts refused (too many connections)`
              : 'no connection refused'),
        ),
      ),
      scales,
    },
  });
}

/**
 * An RDS Proxy's pool over time: connections lent out against the pool size, and the borrowers
 * waiting for one (right axis) — the proxy's borrow waits. Borrow waits and timeouts per bucket
 * join when the model records them.
 */
export function proxyChart(proxy: ProxyChartData, db: DatabaseChartData, windowMs: number): ChartSpec {
  const grid = (proxy.poolInUse ?? proxy.waiting ?? proxy.borrowWaits ?? db.openConnections).grid;
  const x = timeScale(windowMs, grid.bucketMs);
  const datasets: DatasetSpec[] = [];
  const scales: Record<string, object> = { x, y: valueAxis('pooled database connections') };
  if (proxy.poolInUse) {
    datasets.push(
      lineDataset(
        'in use (peak in bucket)',
        bucketPoints(grid, proxy.poolInUse.maxes(), undefined, windowMs),
        {
          color: COLORS.connectionsPeak,
          fill: 'origin',
          width: 1,
          order: 2,
        },
      ),
      lineDataset('in use (time average)', bucketPoints(grid, proxy.poolInUse.means(), undefined, windowMs), {
        color: COLORS.connections,
        order: 1,
      }),
    );
  }
  datasets.push(limitDataset({ label: 'pool size', value: proxy.poolSize }, 0, x.min, x.max));
  const notes: string[] = [];
  const t = proxy.totals;
  if (t) {
    notes.push(
      `${formatCount(t.borrowWaits)} of ${formatCount(t.borrows)} borrows waited, ${formatCount(t.borrowTimeouts)} timed out`,
    );
  }
  const waiting = proxy.waiting?.maxes();
  const mostWaiting = waiting ? Math.max(0, ...Array.from(waiting).filter(Number.isFinite)) : 0;
  if (waiting && mostWaiting > 0) {
    datasets.push(
      lineDataset(
        'borrowers waiting (peak in bucket, right axis)',
        bucketPoints(grid, waiting, undefined, windowMs),
        {
          color: COLORS.borrowWaits,
          width: 1.5,
          yAxisID: 'waiting',
        },
      ),
    );
    scales.waiting = valueAxis('borrowers waiting for a connection', 'right', {
      title: { display: true, text: 'borrowers waiting for a connection', color: COLORS.borrowWaits },
    });
    notes.push(`at most ${formatCount(mostWaiting)} borrowers waiting`);
  } else if (waiting) {
    notes.push('no borrower ever waited');
  }
  for (const [label, counts, color] of [
    ['borrows that waited', proxy.borrowWaits, COLORS.borrowWaits],
    ['borrow timeouts', proxy.borrowTimeouts, COLORS.throttles],
  ] as const) {
    if (!counts) continue;
    const values = counts.values();
    const total = sum(values);
    if (!t) notes.push(`${formatCount(total)} ${label}`);
    if (total === 0) continue;
    const unit = rateUnitFor(counts.grid, [values]);
    const rate = toRate(counts.grid, unit);
    const axis = `rate-${datasets.length}`;
    datasets.push({
      type: 'bar',
      label: `${label} ${unit.label} (right axis)`,
      data: bucketPoints(counts.grid, values, (c, i) => (c > 0 ? rate(c, i) : Number.NaN), windowMs),
      backgroundColor: withAlpha(color, 0.7),
      borderWidth: 0,
      barPercentage: 1,
      categoryPercentage: 1,
      yAxisID: axis,
      order: 3,
    });
    scales[axis] = valueAxis(`${label} ${unit.label}`, 'right');
  }
  return chartSpec(chartId(proxy.name, 'pool'), `${proxy.name}: pool and borrow waits`, {
    type: 'line',
    data: { datasets },
    options: {
      ...baseOptions(
        `${proxy.name}: connection pool to ${db.name} and borrow waits`,
        subtitleOf(`pool of ${formatCount(proxy.poolSize)} connections`, ...notes),
      ),
      scales,
    },
  });
}

/** The charts of every database of a run: connections, then the pool of each proxy in front. */
export function databaseCharts(databases: readonly DatabaseChartData[], windowMs: number): ChartSpec[] {
  return databases.flatMap((db) => [
    databaseConnectionsChart(db, windowMs),
    ...(db.proxies ?? []).map((p) => proxyChart(p, db, windowMs)),
  ]);
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
