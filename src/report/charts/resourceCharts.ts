/**
 * Database charts: open connections against `max_connections` (with connection errors marked),
 * and, behind an RDS Proxy, the borrows that had to wait for a pooled connection.
 *
 * The builders take the run's series data (metrics' GaugeSeriesData and CountSeriesData); a chart
 * data value can also be filled by hand (tests), leaving out the series it does not have.
 */
import {
  type CountSeriesData,
  countValues,
  type GaugeSeriesData,
  gaugeMaxes,
  gaugeMeans,
  gridOf,
} from '../../metrics/index.ts';
import type { RunData } from '../../results/index.ts';
import { formatCount } from '../format.ts';
import { type ChartPoint, type ChartSpec, chartId, chartSpec, type DatasetSpec } from './chartSpec.ts';
import {
  baseOptions,
  type Limit,
  limitDataset,
  lineDataset,
  peakOf,
  subtitleOf,
  valueAxis,
  visibleLimits,
} from './common.ts';
import { COLORS, withAlpha } from './palette.ts';
import { rateUnitFor, toRate } from './rateUnit.ts';
import { bucketPoints, timeScale } from './timeAxis.ts';

export interface ProxyChartData {
  readonly name: string;
  /** The pool's size: maxConnectionsFraction x max_connections. */
  readonly poolSize: number;
  /** Pooled database connections lent out to queries. */
  readonly poolInUse?: GaugeSeriesData;
  /** Borrowers queued for a pooled connection (the proxy's borrow waits, as a level). */
  readonly waiting?: GaugeSeriesData;
  /** Borrows that had to wait, and those that gave up after connectionBorrowTimeout, per bucket. */
  readonly borrowWaits?: CountSeriesData;
  readonly borrowTimeouts?: CountSeriesData;
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
  readonly openConnections: GaugeSeriesData;
  /** Connection attempts refused ("too many connections"), per bucket. */
  readonly connectionErrors?: CountSeriesData;
  /** Refused connection attempts over the run, for the subtitle. */
  readonly connectionErrorTotal?: number;
  /** RDS Proxies in front of the database. */
  readonly proxies?: readonly ProxyChartData[];
}

/** The databases of a run, each with the RDS Proxies in front of it, as chart data. */
export function databaseChartData(run: RunData): DatabaseChartData[] {
  return run.resources.databases.map((db) => ({
    name: db.name,
    maxConnections: db.maxConnections,
    openConnections: db.series.connections,
    connectionErrors: db.series.connectionErrors,
    connectionErrorTotal: db.connectionErrors,
    proxies: run.resources.proxies
      .filter((p) => p.target === db.name)
      .map((p) => ({
        name: p.name,
        poolSize: p.poolSize,
        poolInUse: p.series.poolInUse,
        waiting: p.series.waiting,
        borrowWaits: p.series.borrowWaits,
        borrowTimeouts: p.series.borrowTimeouts,
        totals: { borrows: p.borrows, borrowWaits: p.borrowWaits, borrowTimeouts: p.borrowTimeouts },
      })),
  }));
}

/** Open connections against max_connections (and the proxy's pool), connection errors as bars. */
export function databaseConnectionsChart(db: DatabaseChartData, windowMs: number): ChartSpec {
  const grid = gridOf(db.openConnections);
  const x = timeScale(windowMs, grid.bucketMs);
  const limits: Limit[] = [{ label: 'max_connections', value: db.maxConnections }];
  for (const proxy of db.proxies ?? []) {
    if (proxy.poolSize !== db.maxConnections)
      limits.unshift({ label: `${proxy.name} pool`, value: proxy.poolSize });
  }
  const datasets: DatasetSpec[] = [
    lineDataset('open connections (peak in bucket)', bucketPoints(grid, gaugeMaxes(db.openConnections)), {
      color: COLORS.connectionsPeak,
      fill: 'origin',
      width: 1,
      order: 2,
    }),
    lineDataset('open connections (time average)', bucketPoints(grid, gaugeMeans(db.openConnections)), {
      color: COLORS.connections,
      order: 1,
    }),
    ...limits.map((l, i) => limitDataset(l, i, x.min, x.max)),
  ];
  const scales: Record<string, object> = { x, y: valueAxis('database connections') };
  const errors = db.connectionErrors;
  const errorCounts = errors ? countValues(errors) : undefined;
  const errorTotal = db.connectionErrorTotal ?? (errorCounts ? sum(errorCounts) : undefined);
  if (errors && errorCounts && sum(errorCounts) > 0) {
    const counts = errorCounts;
    const errorGrid = gridOf(errors);
    const unit = rateUnitFor(errorGrid, [counts]);
    const rate = toRate(errorGrid, unit);
    datasets.push({
      type: 'bar',
      legendMarker: 'box',
      label: 'connection errors',
      data: bucketPoints(errorGrid, counts, (c, i) => (c > 0 ? rate(c, i) : Number.NaN), windowMs),
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
  const grid = gridOf(proxy.poolInUse ?? proxy.waiting ?? proxy.borrowWaits ?? db.openConnections);
  const x = timeScale(windowMs, grid.bucketMs);
  const datasets: DatasetSpec[] = [];
  const scales: Record<string, object> = { x, y: valueAxis('pooled database connections') };
  if (proxy.poolInUse) {
    datasets.push(
      lineDataset(
        'in use (peak in bucket)',
        bucketPoints(grid, gaugeMaxes(proxy.poolInUse), undefined, windowMs),
        {
          color: COLORS.connectionsPeak,
          fill: 'origin',
          width: 1,
          order: 2,
        },
      ),
      lineDataset(
        'in use (time average)',
        bucketPoints(grid, gaugeMeans(proxy.poolInUse), undefined, windowMs),
        {
          color: COLORS.connections,
          order: 1,
        },
      ),
    );
  }
  // Scaled to the pool in use: a pool far above it (max_connections x maxConnectionsPercent) is
  // named in the subtitle, not drawn (it would flatten the data into the bottom of the chart).
  const inUsePeak = peakOf(...datasets.map((d) => d.data as ChartPoint[]));
  const { shown, offScale } = visibleLimits([{ label: 'pool size', value: proxy.poolSize }], inUsePeak);
  for (const l of shown) datasets.push(limitDataset(l, 0, x.min, x.max));
  const notes: string[] = [];
  const t = proxy.totals;
  if (t) {
    notes.push(
      `${formatCount(t.borrowWaits)} of ${formatCount(t.borrows)} borrows waited, ${formatCount(t.borrowTimeouts)} timed out`,
    );
  }
  const waiting = proxy.waiting ? gaugeMaxes(proxy.waiting) : undefined;
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
    const values = countValues(counts);
    const total = sum(values);
    if (!t) notes.push(`${formatCount(total)} ${label}`);
    if (total === 0) continue;
    const countGrid = gridOf(counts);
    const unit = rateUnitFor(countGrid, [values]);
    const rate = toRate(countGrid, unit);
    const axis = `rate-${datasets.length}`;
    datasets.push({
      type: 'bar',
      legendMarker: 'box',
      label: `${label} ${unit.label} (right axis)`,
      data: bucketPoints(countGrid, values, (c, i) => (c > 0 ? rate(c, i) : Number.NaN), windowMs),
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
        subtitleOf(
          `pool of ${formatCount(proxy.poolSize)} connections${offScale.length > 0 ? ', far above the data (not drawn)' : ''}`,
          ...notes,
        ),
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
