/** `lamsim compare` as data: the side-by-side tables, the overlaid charts, compare.json. */
import { describe, expect, it } from 'vitest';
import { defaultCompareDir, uniqueLabels } from '../../src/cli/commands/compare.ts';
import { gaugeMaxes } from '../../src/metrics/index.ts';
import type { ChartPoint } from '../../src/report/charts/chartSpec.ts';
import {
  buildComparisonReport,
  type ComparedRun,
  changeText,
  comparisonCharts,
  comparisonCostTable,
  comparisonJson,
  comparisonTable,
} from '../../src/report/compareReport.ts';
import { formatChange } from '../../src/report/diff/diffFormat.ts';
import { chartsOf } from '../../src/report/document.ts';
import { plainTable } from '../../src/report/plainTable.ts';
import { BURST_YAML, databaseYaml, MESSAGING_YAML, runOf, TWO_FUNCTIONS_YAML } from './fixtures.ts';

const compared = (yaml: string, label?: string): ComparedRun => {
  const output = runOf(yaml);
  return { label: label ?? output.summary.scenario, output, scenarioText: yaml };
};
const direct = compared(databaseYaml('direct'));
const proxy = compared(databaseYaml('proxy'));

describe('comparison table', () => {
  const table = comparisonTable([direct, proxy]);

  it('one column per run and a change column for two runs', () => {
    expect(table.columns.map((c) => c.title)).toEqual([
      'measure',
      'db-direct',
      'db-proxy',
      'db-proxy vs db-direct',
    ]);
  });

  it('reads its numbers from each run summary', () => {
    const row = (label: string) => table.rows.find((r) => r[0] === label)!;
    const d = direct.output.summary.functions.api;
    const p = proxy.output.summary.functions.api;
    expect(row('arrived').slice(1, 3)).toEqual(
      [d.invocations.arrived, p.invocations.arrived].map((n) => `${n.toLocaleString('en-US')} requests`),
    );
    expect(row('failed')[1]).toBe(d.invocations.failed.toLocaleString('en-US'));
    expect(row('arrived')[3]).toBe('0%');
    expect(row('throttle rate')[3]).toMatch(/ pp$/);
  });

  it("a run without a proxy shows '-' in the proxy rows, not a 0 that reads as measured", () => {
    const row = (label: string) => table.rows.find((r) => r[0] === label)!;
    expect(row('proxy borrows that waited')).toEqual([
      'proxy borrows that waited',
      '-',
      expect.stringMatching(/^[\d,]+$/),
      '',
    ]);
    expect(row('database connections, peak')[1]).toMatch(/^[\d,]+$/);
  });

  it('three runs: no change column', () => {
    const three = comparisonTable([direct, proxy, compared(databaseYaml('direct'), 'db-direct-2')]);
    expect(three.columns.map((c) => c.title)).toEqual(['measure', 'db-direct', 'db-proxy', 'db-direct-2']);
  });

  it("says what it counts as run's table does: events, batches or requests arrived, and invocations", () => {
    const t = comparisonTable([compared(MESSAGING_YAML), compared(BURST_YAML)]);
    const row = (label: string) => t.rows.find((r) => r[0] === label)!.slice(1, 5);
    expect(t.columns.map((c) => c.title).slice(1, 5)).toEqual([
      'messaging · worker',
      'messaging · indexer',
      'messaging · thumbs',
      'tiny-burst',
    ]);
    const thumbs = compared(MESSAGING_YAML).output.summary.functions.thumbs;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(row('arrived').map((c) => c.replace(/^[\d,]+ /, ''))).toEqual([
      'batches',
      'batches',
      'events',
      'requests',
    ]);
    expect(row('arrived')[2]).toBe(`${n(thumbs.invocations.arrived)} events`);
    // Invocations are not events: failed events are tried again (retries started), and events
    // still queued at the end never started.
    const inv = thumbs.invocations;
    expect(inv.retried).toBeGreaterThan(0);
    expect(inv.started).not.toBe(inv.arrived);
    expect(row('invocations')[2]).toBe(n(inv.started));
    expect(inv.succeeded + inv.failed + inv.timedOut + inv.inFlightAtEnd).toBe(inv.started);
    expect([row('ok')[2], row('failed')[2], row('timed out')[2]]).toEqual(
      [inv.succeeded, inv.failed, inv.timedOut].map(n),
    );
    // The report says so under the table, as run's report does.
    const md = buildComparisonReport([compared(MESSAGING_YAML), compared(BURST_YAML)]);
    expect(JSON.stringify(md)).toContain(
      'Invocations count what the function started, retries of events included',
    );
  });

  it('a run with several functions gets a column per function', () => {
    const t = comparisonTable([compared(TWO_FUNCTIONS_YAML), compared(BURST_YAML)]);
    expect(t.columns.map((c) => c.title)).toEqual([
      'measure',
      'two-functions · reserved-fn',
      'two-functions · pooled-fn',
      'tiny-burst',
    ]);
  });

  it('prints as an aligned text table', () => {
    const text = plainTable(table);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^measure\s+db-direct\s+db-proxy\s+db-proxy vs db-direct$/);
    expect(new Set(lines.map((l) => l.length)).size).toBeLessThanOrEqual(2);
  });
});

describe('change text', () => {
  it('relative change, percentage points for shares', () => {
    expect(changeText(100, 150)).toBe('+50.0%');
    expect(changeText(100, 25)).toBe('-75.0%');
    expect(changeText(10, 1000)).toBe('+9900%');
    expect(changeText(0, 0)).toBe('0%');
    expect(changeText(0, 5)).toBe('new');
    expect(changeText(0.2, 0.05, true)).toBe('-15.00 pp');
    // A cold-start rate from 0.1546 % to 0.1556 %: not "+0.00 pp".
    expect(changeText(0.001546, 0.001556, true)).toBe('+0.001 pp');
    expect(changeText(0.0015, 0.00149, true)).toBe('-0.001 pp');
    expect(changeText(0.01, 0.01, true)).toBe('0 pp');
    // A throttle rate from 0.041 % to 0.059 % (as formatPercent shows them) moved 0.018 pp, not 0.02.
    expect(changeText(0.00041, 0.00059, true)).toBe('+0.018 pp');
    expect(changeText(0.0004, 0.0006, true)).toBe('+0.02 pp');
    expect(changeText(0.1234, 0.1, true)).toBe('-2.34 pp');
  });

  it("lamsim diff writes a share's change and its interval with the same digits", () => {
    expect(formatChange('fraction', 0.00059 - 0.00041)).toBe('+0.018 pp');
    expect(formatChange('fraction', -0.0000123)).toBe('-0.00123 pp');
    expect(formatChange('fraction', 0.012)).toBe('+1.20 pp');
    expect(formatChange('fraction', 0)).toBe('0');
  });
});

describe('comparison cost table', () => {
  it('every bill line of every run, and the totals', () => {
    const t = comparisonCostTable([direct, proxy]);
    expect(t.columns.map((c) => c.title)).toEqual(['service', 'item', 'db-direct', 'db-proxy']);
    expect(t.rows.at(-1)![0]).toBe('total');
    expect(t.strongRows).toEqual([t.rows.length - 1]);
    // RDS Proxy is billed only where there is one.
    const proxyLine = t.rows.find((r) => r[0] === 'rds-proxy')!;
    expect(proxyLine[1]).toBe('vCPU hours');
    expect(proxyLine[2]).toBe('');
    expect(proxyLine[3]).toMatch(/^\$\d/);
  });
});

describe('overlaid charts', () => {
  const charts = comparisonCharts([direct, proxy]);
  const byId = new Map(charts.map((c) => [c.id, c]));

  it('concurrency, latency, failures, cold starts, database connections and cost', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'compare-concurrency',
      'compare-latency',
      'compare-latency-cdf',
      'compare-failures',
      'compare-cold-starts',
      'compare-db-connections',
      'compare-cost',
    ]);
  });

  it('one line per run, in the run colours, from each run series', () => {
    const spec = byId.get('compare-concurrency')!;
    const lines = spec.config.data.datasets.filter((d) => !String(d.label).includes('limit'));
    expect(lines.map((d) => d.label)).toEqual(['db-direct', 'db-proxy']);
    expect(lines[0].borderColor).not.toBe(lines[1].borderColor);
    const peak = (run: ComparedRun) =>
      Math.max(...Array.from(gaugeMaxes(run.output.run.functions[0].series.concurrency)));
    expect(Math.max(...(lines[0].data as ChartPoint[]).map((p) => p.y ?? 0))).toBe(peak(direct));
    expect(Math.max(...(lines[1].data as ChartPoint[]).map((p) => p.y ?? 0))).toBe(peak(proxy));
  });

  it('the database chart shows both runs against max_connections', () => {
    const spec = byId.get('compare-db-connections')!;
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual([
      'db-direct: db (peak in bucket)',
      'db-proxy: db (peak in bucket)',
      'max_connections 20 (db-direct: db, db-proxy: db)',
    ]);
  });

  it('the cost chart groups by service, one bar per run', () => {
    const spec = byId.get('compare-cost')!;
    expect(spec.config.data.datasets).toHaveLength(2);
    const total = (i: number) => (spec.config.data.datasets[i].data as number[]).reduce((a, b) => a + b, 0);
    expect(total(0)).toBeCloseTo(direct.output.summary.cost.monthly.totalUsd, 6);
    expect(total(1)).toBeCloseTo(proxy.output.summary.cost.monthly.totalUsd, 6);
  });

  it('charts with nothing to show are left out', () => {
    const quiet = comparisonCharts([compared(TWO_FUNCTIONS_YAML), compared(TWO_FUNCTIONS_YAML, 'again')]);
    expect(quiet.map((c) => c.id)).not.toContain('compare-failures');
    expect(quiet.map((c) => c.id)).not.toContain('compare-db-connections');
  });

  it('survive JSON unchanged', () => {
    for (const spec of charts) expect(JSON.parse(JSON.stringify(spec)), spec.id).toEqual(spec);
  });
});

describe('overlaid messaging and network charts', () => {
  const capped = compared(MESSAGING_YAML);
  const wider = compared(
    MESSAGING_YAML.replace('name: messaging', 'name: messaging-wider').replace(
      'maximumConcurrency: 5',
      'maximumConcurrency: 20',
    ),
  );
  const charts = comparisonCharts([capped, wider]);
  const byId = new Map(charts.map((c) => [c.id, c]));
  const labels = (id: string) => byId.get(id)!.config.data.datasets.map((d) => d.label);
  const peakOf = (id: string, label: string) => {
    const d = byId.get(id)!.config.data.datasets.find((x) => x.label === label)!;
    return Math.max(...(d.data as ChartPoint[]).map((p) => p.y ?? 0));
  };

  it('async queue, SQS backlog, stream consumers and NAT bytes, after the database chart, before cost', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'compare-concurrency',
      'compare-latency',
      'compare-latency-cdf',
      'compare-failures',
      'compare-cold-starts',
      'compare-async-queue',
      'compare-sqs-backlog',
      'compare-stream',
      'compare-nat-bytes',
      'compare-cost',
    ]);
  });

  it('each queue of each run: waiting solid, its age dashed in the same colour', () => {
    expect(labels('compare-sqs-backlog')).toEqual([
      'messaging: orders',
      'messaging: orders: age of the oldest message (right axis)',
      'messaging-wider: orders',
      'messaging-wider: orders: age of the oldest message (right axis)',
    ]);
    const [a, aAge, b] = byId.get('compare-sqs-backlog')!.config.data.datasets;
    expect(aAge.borderColor).toBe(a.borderColor);
    expect(aAge.borderDash).toEqual([6, 3]);
    expect(b.borderColor).not.toBe(a.borderColor);
    // Four times the pollers drain the burst: a smaller backlog.
    const backlog = (run: ComparedRun) =>
      (run.output.summary.resources.orders as { backlog: { peak: number } }).backlog.peak;
    expect(backlog(wider)).toBeLessThan(backlog(capped));
    expect(peakOf('compare-sqs-backlog', 'messaging: orders')).toBe(Number(backlog(capped).toPrecision(4)));
    expect(labels('compare-async-queue')).toEqual([
      'messaging: thumbs',
      'messaging: thumbs: event age at attempt (right axis)',
      'messaging-wider: thumbs',
      'messaging-wider: thumbs: event age at attempt (right axis)',
    ]);
    expect(labels('compare-stream')[0]).toBe('messaging: logs');
    expect(labels('compare-nat-bytes')).toEqual(['messaging: egress', 'messaging-wider: egress']);
  });

  it('runs without queues, streams or NAT gateways get none of these charts', () => {
    const ids = comparisonCharts([direct, proxy]).map((c) => c.id);
    for (const id of ['compare-async-queue', 'compare-sqs-backlog', 'compare-stream', 'compare-nat-bytes'])
      expect(ids).not.toContain(id);
  });

  it('survive JSON unchanged', () => {
    for (const spec of charts) expect(JSON.parse(JSON.stringify(spec)), spec.id).toEqual(spec);
  });
});

describe('comparison document and JSON', () => {
  it('sections, the seed stated, every scenario as run', () => {
    const doc = buildComparisonReport([direct, proxy]);
    expect(doc.title).toBe('Comparison: db-direct vs db-proxy');
    expect(doc.intro[0]).toMatch(/^2 scenarios run with the same seed \(11\)/);
    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Charts',
      'Cost',
      'Resources',
      'Provenance',
      'Scenarios as run',
    ]);
    const code = doc.sections.at(-1)!.blocks;
    expect(code.map((b) => (b.kind === 'code' ? b.text : ''))).toEqual([
      direct.scenarioText,
      proxy.scenarioText,
    ]);
    expect(chartsOf(doc)).toHaveLength(7);
  });

  it('compare.json holds every summary, deterministically', () => {
    const json = comparisonJson([direct, proxy]);
    const parsed = JSON.parse(json);
    expect(parsed.runs.map((r: { label: string }) => r.label)).toEqual(['db-direct', 'db-proxy']);
    expect(parsed.runs[1].summary).toEqual(JSON.parse(JSON.stringify(proxy.output.summary)));
    expect(comparisonJson([direct, proxy])).toBe(json);
  });
});

describe('compare command helpers', () => {
  it('labels are unique, the default directory names every run', () => {
    expect(uniqueLabels(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a-2', 'a-3']);
    expect(defaultCompareDir(['rds-direct', 'rds-proxy'])).toBe('reports/compare-rds-direct-vs-rds-proxy');
    expect(defaultCompareDir(['A b', 'c', 'd'])).toBe('reports/compare-a-b-vs-c-vs-d');
  });
});
