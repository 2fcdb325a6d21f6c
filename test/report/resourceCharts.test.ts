/**
 * Database charts, from a real run (the run's database and proxy results) and from chart data
 * filled by hand.
 */
import { describe, expect, it } from 'vitest';
import { BucketedCounts, BucketedGauge } from '../../src/metrics/index.ts';
import type { ChartPoint, ChartSpec } from '../../src/report/charts/chartSpec.ts';
import {
  type DatabaseChartData,
  databaseChartData,
  databaseCharts,
  databaseConnectionsChart,
  proxyChart,
} from '../../src/report/charts/resourceCharts.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { BURST_YAML, databaseYaml, runOf } from './fixtures.ts';

const labels = (spec: ChartSpec) => spec.config.data.datasets.map((d) => d.label);
const subtitle = (spec: ChartSpec) =>
  [(spec.config.options.plugins as { subtitle: { text: string | string[] } }).subtitle.text]
    .flat()
    .join(' · ');
const ys = (spec: ChartSpec, label: string) =>
  (spec.config.data.datasets.find((d) => d.label === label)!.data as ChartPoint[]).map((p) => p.y);

describe('database charts from a run', () => {
  it('direct connections: open connections against max_connections, refusals counted', () => {
    const out = runOf(databaseYaml('direct'));
    const data = databaseChartData(out.run);
    expect(data.map((d) => [d.name, d.maxConnections, d.proxies?.length])).toEqual([['db', 20, 0]]);
    const [chart, ...rest] = databaseCharts(data, out.run.windowMs);
    expect(rest).toEqual([]);
    expect(chart.id).toBe('db-connections');
    expect(labels(chart)).toContain('max_connections: 20');
    const peak = ys(chart, 'open connections (peak in bucket)');
    expect(Math.max(...peak.map((y) => y ?? 0))).toBe(20);
    const summary = out.summary.resources.db as { connectionErrors: number };
    expect(summary.connectionErrors).toBeGreaterThan(0);
    expect(subtitle(chart)).toContain(
      `${summary.connectionErrors.toLocaleString('en-US')} connection attempts refused`,
    );
  });

  it('through a proxy: the pool against its size, and the borrowers waiting', () => {
    const out = runOf(databaseYaml('proxy'));
    const [db] = databaseChartData(out.run);
    expect(db.proxies?.map((p) => [p.name, p.poolSize])).toEqual([['proxy', 10]]);
    const charts = databaseCharts([db], out.run.windowMs);
    expect(charts.map((c) => c.id)).toEqual(['db-connections', 'proxy-pool']);
    expect(labels(charts[0])).toEqual(expect.arrayContaining(['proxy pool: 10', 'max_connections: 20']));
    expect(subtitle(charts[0])).toContain('through proxy');
    const pool = charts[1];
    expect(labels(pool)).toEqual(
      expect.arrayContaining([
        'pool size: 10',
        'in use (time average)',
        'borrowers waiting (peak in bucket, right axis)',
      ]),
    );
    expect(Math.max(...ys(pool, 'in use (peak in bucket)').map((y) => y ?? 0))).toBeLessThanOrEqual(10);
    const proxy = out.summary.resources.proxy as { borrows: number; borrowWaits: number };
    expect(subtitle(pool)).toContain(
      `${proxy.borrowWaits.toLocaleString('en-US')} of ${proxy.borrows.toLocaleString('en-US')} borrows waited`,
    );
  });

  it('the run report has a Databases section with these charts', () => {
    const doc = buildRunReport(runOf(databaseYaml('proxy')), '');
    const section = doc.sections.find((s) => s.heading === 'Databases');
    expect(section?.blocks.map((b) => (b.kind === 'chart' ? b.chart.id : b.kind))).toEqual([
      'db-connections',
      'proxy-pool',
    ]);
  });
});

describe('database chart data shape', () => {
  const gauge = (levels: readonly number[]) => {
    const g = new BucketedGauge(levels.length * 1000, 1000);
    for (const [i, v] of levels.entries()) g.set(i * 1000, v);
    g.finish(levels.length * 1000);
    return g.toData();
  };
  const counts = (values: readonly number[]) => {
    const c = new BucketedCounts(values.length * 1000, 1000);
    for (const [i, v] of values.entries()) c.add(i * 1000, v);
    return c.toData();
  };
  const data: DatabaseChartData = {
    name: 'orders-db',
    maxConnections: 5,
    openConnections: gauge([1, 5, 5, 2]),
    connectionErrors: counts([0, 3, 1, 0]),
    proxies: [
      {
        name: 'orders-proxy',
        poolSize: 4,
        poolInUse: gauge([0, 4, 4, 1]),
        waiting: gauge([0, 7, 2, 0]),
        borrowWaits: counts([0, 9, 2, 0]),
        borrowTimeouts: counts([0, 1, 0, 0]),
      },
    ],
  };

  it("a run's chart data is its database and proxy results, every series and total included", () => {
    const run = runOf(databaseYaml('proxy')).run;
    const [db] = run.resources.databases;
    const [proxy] = run.resources.proxies;
    const [chart] = databaseChartData(run);
    expect(chart.openConnections).toBe(db.series.connections);
    expect(chart.connectionErrors).toBe(db.series.connectionErrors);
    expect(chart.connectionErrorTotal).toBe(db.connectionErrors);
    expect(chart.proxies).toEqual([
      {
        name: 'proxy',
        poolSize: proxy.poolSize,
        poolInUse: proxy.series.poolInUse,
        waiting: proxy.series.waiting,
        borrowWaits: proxy.series.borrowWaits,
        borrowTimeouts: proxy.series.borrowTimeouts,
        totals: {
          borrows: proxy.borrows,
          borrowWaits: proxy.borrowWaits,
          borrowTimeouts: proxy.borrowTimeouts,
        },
      },
    ]);
  });

  it('connection errors become bars on their own axis, summed from the series', () => {
    const chart = databaseConnectionsChart(data, 4000);
    const bars = chart.config.data.datasets.find((d) => d.label === 'connection errors')!;
    expect(bars.type).toBe('bar');
    expect((bars.data as ChartPoint[]).map((p) => p.y)).toEqual([null, 3, 1, null]);
    expect(subtitle(chart)).toContain('4 connection attempts refused');
  });

  it('borrow waits and timeouts per bucket join the pool chart when recorded', () => {
    const chart = proxyChart(data.proxies![0], data, 4000);
    expect(ys(chart, 'borrows that waited per second (right axis)')).toEqual([null, 9, 2, null]);
    expect(ys(chart, 'borrow timeouts per second (right axis)')).toEqual([null, 1, null, null]);
    expect(ys(chart, 'borrowers waiting (peak in bucket, right axis)')).toEqual([0, 7, 2, 0]);
    expect(subtitle(chart)).toContain('11 borrows that waited');
  });

  it('a pool nobody waited for gets no waiting axis', () => {
    const idle = {
      ...data.proxies![0],
      waiting: gauge([0, 0, 0, 0]),
      borrowWaits: undefined,
      borrowTimeouts: undefined,
    };
    const chart = proxyChart(idle, data, 4000);
    expect(labels(chart).some((l) => l.startsWith('borrowers waiting'))).toBe(false);
    expect(Object.keys(chart.config.options.scales as object)).toEqual(['x', 'y']);
    expect(subtitle(chart)).toContain('no borrower ever waited');
  });

  it('a run without databases has no database charts', () => {
    const run = runOf(BURST_YAML).run;
    expect(run.resources.databases).toEqual([]);
    expect(databaseChartData(run)).toEqual([]);
  });
});
