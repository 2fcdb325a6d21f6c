/**
 * Charts drawn to what the run did (issue 18 item 6): a provisioned level that changes over the
 * window is drawn as steps at the times it changed (not as the configured starting level), and an
 * RDS Proxy's pool chart is scaled to the connections in use, naming a pool far above them; the
 * comparison table has the database's peak connections and the proxy's waits.
 */
import { describe, expect, it } from 'vitest';
import type { ChartPoint, ChartSpec } from '../../src/report/charts/chartSpec.ts';
import { concurrencyLimitsOf } from '../../src/report/charts/concurrencyChart.ts';
import { functionCharts } from '../../src/report/charts/functionCharts.ts';
import { databaseChartData, proxyChart } from '../../src/report/charts/resourceCharts.ts';
import { type ComparedRun, comparisonTable } from '../../src/report/compareReport.ts';
import type { DatabaseSummary, ProxySummary } from '../../src/results/index.ts';
import { BURST_YAML, databaseYaml, runOf } from './fixtures.ts';

const subtitle = (spec: ChartSpec) =>
  [(spec.config.options.plugins as { subtitle: { text: string | string[] } }).subtitle.text]
    .flat()
    .join(' · ');

// 2 provisioned environments, 6 from 2 min to 4 min (a scheduled action), in a 6-minute window.
const SCHEDULED = `
lamsim: 1
duration: 6m
traffic: { target: api, phases: [{ duration: 6m, arrivalRate: 5 }] }
functions:
  api:
    runtime: nodejs22.x
    model: { init: 100ms, compute: 50ms }
    provisionedConcurrency:
      concurrency: 2
      allocationTime: 0s
      schedule:
        - { start: 2m, end: 4m, concurrency: 6 }
`;

describe('the provisioned-concurrency line', () => {
  it('follows the provisioned level over time (steps where it changed, in minutes)', () => {
    const out = runOf(SCHEDULED);
    const fn = out.run.functions[0];
    expect(fn.provisioned?.levels).toEqual([
      { startMs: 0, concurrency: 2 },
      { startMs: 120_000, concurrency: 6 },
      { startMs: 240_000, concurrency: 2 },
    ]);
    const limit = concurrencyLimitsOf(out.run.scenario, 'api', fn.provisioned).find((l) =>
      l.label.startsWith('provisioned'),
    );
    expect(limit).toEqual({
      label: 'provisioned concurrency',
      value: 6,
      steps: [
        { x: 0, y: 2 },
        { x: 2, y: 6 },
        { x: 4, y: 2 },
      ],
    });
    const chart = functionCharts(out.run, fn)[0];
    const line = chart.config.data.datasets.find((d) => String(d.label).startsWith('provisioned'))!;
    expect(line.label).toBe('provisioned concurrency: up to 6');
    // Held from each change to the next, then to the window's end.
    expect(line.stepped).toBe('before');
    expect(line.data as ChartPoint[]).toEqual([
      { x: 0, y: 2 },
      { x: 2, y: 6 },
      { x: 4, y: 2 },
      { x: 6, y: 2 },
    ]);
  });

  it('stays one flat line when the level never changes', () => {
    const out = runOf(SCHEDULED.replace('concurrency: 6', 'concurrency: 2'));
    const fn = out.run.functions[0];
    expect(concurrencyLimitsOf(out.run.scenario, 'api', fn.provisioned)[0]).toEqual({
      label: 'provisioned concurrency',
      value: 2,
    });
  });
});

describe('the RDS Proxy pool chart', () => {
  it('is scaled to the pool in use: a pool far above it is named, not drawn', () => {
    const out = runOf(databaseYaml('proxy'));
    const [db] = databaseChartData(out.run);
    const proxy = db.proxies![0];
    // The fixture's pool of 10 is in use: drawn.
    const drawn = proxyChart(proxy, db, out.run.windowMs);
    expect(drawn.config.data.datasets.map((d) => d.label)).toContain('pool size: 10');
    // The same use against a pool of 1,000 (max_connections x 100 % on a large instance).
    const wide = proxyChart({ ...proxy, poolSize: 1000 }, db, out.run.windowMs);
    expect(wide.config.data.datasets.some((d) => String(d.label).startsWith('pool size'))).toBe(false);
    expect(subtitle(wide)).toContain('pool of 1,000 connections, far above the data (not drawn)');
  });
});

describe('the comparison table', () => {
  const compared = (yaml: string, label: string): ComparedRun => ({
    label,
    output: runOf(yaml),
    scenarioText: yaml,
  });

  it('has the database connections at their peak and the proxy waits when a run has a database', () => {
    const direct = compared(databaseYaml('direct'), 'direct');
    const proxy = compared(databaseYaml('proxy'), 'proxy');
    const rows = new Map(comparisonTable([direct, proxy]).rows.map((r) => [r[0], r.slice(1, 3)]));
    const db = (run: ComparedRun) => run.output.summary.resources.db as DatabaseSummary;
    const pool = proxy.output.summary.resources.proxy as ProxySummary;
    expect(rows.get('database connections, peak')).toEqual([
      db(direct).peakConnections.toLocaleString('en-US'),
      db(proxy).peakConnections.toLocaleString('en-US'),
    ]);
    expect(rows.get('database connection errors')?.[0]).toBe(
      db(direct).connectionErrors.toLocaleString('en-US'),
    );
    // The direct run has no proxy: '-', not a measured 0.
    expect(rows.get('proxy borrows that waited')).toEqual(['-', pool.borrowWaits.toLocaleString('en-US')]);
    expect(rows.get('proxy borrow timeouts')?.[1]).toBe(pool.borrowTimeouts.toLocaleString('en-US'));
    // Without a database the rows stay out.
    const plain = comparisonTable([compared(BURST_YAML, 'a'), compared(BURST_YAML, 'b')]);
    expect(plain.rows.some((r) => r[0].startsWith('database'))).toBe(false);
  });
});
