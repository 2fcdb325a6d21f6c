/**
 * `lamsim compare`: several runs (same seed) in one document, side by side: a table of the key
 * numbers with one column per run (and a change column for two runs), the bills, overlaid
 * charts, provenance and every scenario as run. Pure.
 */

import type { RunOutput } from '../experiments/index.ts';
import { present } from '../result.ts';
import { type FunctionSummary, resourceScalars, type Summary } from '../results/index.ts';
import type { ChartSpec } from './charts/chartSpec.ts';
import {
  type ComparedSeries,
  compareColdStartsChart,
  compareConcurrencyChart,
  compareCostChart,
  compareDatabaseChart,
  compareFailuresChart,
  compareLatencyCdfChart,
  compareLatencyChart,
} from './charts/compareCharts.ts';
import {
  type ComparedMessaging,
  compareAsyncQueueChart,
  compareNatChart,
  compareSqsQueueChart,
  compareStreamChart,
} from './charts/compareMessagingCharts.ts';
import { concurrencyLimitsOf } from './charts/concurrencyChart.ts';
import {
  asyncQueueChartData,
  natChartData,
  sqsQueueChartData,
  streamChartData,
} from './charts/messagingData.ts';
import { databaseChartData } from './charts/resourceCharts.ts';
import {
  chartBlock,
  paragraph,
  type ReportDocument,
  type Section,
  type Table,
  tableBlock,
  withUniqueChartIds,
} from './document.ts';
import { formatCount, formatMs, formatPercent, formatPointChange, formatUsdFine } from './format.ts';
import { costNote, monthlyPeriod } from './monthText.ts';
import { COUNTS_NOTE, LATENCY_NOTE } from './runReport.ts';
import { arrivedText } from './tables.ts';

export interface ComparedRun {
  /** Column heading and legend label: the scenario's name, made unique by the caller. */
  readonly label: string;
  readonly output: RunOutput;
  /** The scenario file's text, as run. */
  readonly scenarioText: string;
}

interface Metric {
  readonly label: string;
  readonly value: (f: FunctionSummary, s: Summary) => number;
  readonly format: (x: number) => string;
  /** The cell when it says more than the number (what `arrived` counts); else `format(value)`. */
  readonly cell?: (f: FunctionSummary) => string;
  /** A rate or share: the change column shows percentage points. */
  readonly share?: boolean;
}

const count = (x: number) => formatCount(x);
const METRICS: readonly Metric[] = [
  // As run's functions table counts them (COUNTS_NOTE): `arrived` in what callers sent (requests,
  // events, batches), `invocations` what the function started (retries of events included) =
  // ok + failed + timed out (+ running at the end).
  { label: 'arrived', value: (f) => f.invocations.arrived, format: count, cell: arrivedText },
  { label: 'invocations', value: (f) => f.invocations.started, format: count },
  { label: 'ok', value: (f) => f.invocations.succeeded, format: count },
  { label: 'failed', value: (f) => f.invocations.failed, format: count },
  { label: 'timed out', value: (f) => f.invocations.timedOut, format: count },
  { label: 'throttled', value: (f) => f.invocations.throttled, format: count },
  { label: 'throttle rate', value: (f) => f.throttleRate, format: formatPercent, share: true },
  { label: 'cold starts', value: (f) => f.coldStarts, format: count },
  { label: 'cold-start rate', value: (f) => f.coldStartRate, format: formatPercent, share: true },
  { label: 'latency p50', value: (f) => f.latencyMs.p50, format: formatMs },
  { label: 'latency p95', value: (f) => f.latencyMs.p95, format: formatMs },
  { label: 'latency p99', value: (f) => f.latencyMs.p99, format: formatMs },
  { label: 'latency max', value: (f) => f.latencyMs.max, format: formatMs },
  { label: 'handler duration p50', value: (f) => f.durationMs.p50, format: formatMs },
  { label: 'peak concurrency', value: (f) => f.concurrency.peak, format: count },
  { label: 'environments created', value: (f) => f.environments.created, format: count },
  { label: 'cost, window', value: (_f, s) => s.cost.window.totalUsd, format: formatUsdFine },
  { label: 'cost, per month', value: (_f, s) => s.cost.monthly.totalUsd, format: formatUsdFine },
];

/**
 * Sum of a number over the run's resources of some types (databases, proxies); NaN when the run
 * has none of them (the table then shows '-', not a 0 that reads as measured).
 */
function sumResources(s: Summary, pick: (r: Summary['resources'][string]) => number | undefined): number {
  let total = Number.NaN;
  for (const r of Object.values(s.resources)) {
    const x = pick(r);
    if (x !== undefined) total = (Number.isNaN(total) ? 0 : total) + x;
  }
  return total;
}

/** Rows for runs with a database or an RDS Proxy: connections the database held, proxy waits. */
const DATABASE_METRICS: readonly Metric[] = [
  {
    label: 'database connections, peak',
    value: (_f, s) => sumResources(s, (r) => ('peakConnections' in r ? r.peakConnections : undefined)),
    format: count,
  },
  {
    label: 'database connection errors',
    value: (_f, s) => sumResources(s, (r) => ('connectionErrors' in r ? r.connectionErrors : undefined)),
    format: count,
  },
  {
    label: 'proxy borrows that waited',
    value: (_f, s) => sumResources(s, (r) => (r.type === 'rds-proxy' ? r.borrowWaits : undefined)),
    format: count,
  },
  {
    label: 'proxy borrow timeouts',
    value: (_f, s) => sumResources(s, (r) => (r.type === 'rds-proxy' ? r.borrowTimeouts : undefined)),
    format: count,
  },
];

const hasDatabase = (s: Summary) =>
  Object.values(s.resources).some((r) => 'peakConnections' in r || r.type === 'rds-proxy');

interface Column {
  readonly label: string;
  readonly run: ComparedRun;
  readonly functionName: string;
}

function columnsOf(runs: readonly ComparedRun[]): Column[] {
  return runs.flatMap((run) => {
    const names = run.output.run.functions.map((f) => f.name);
    return names.map((functionName) => ({
      label: names.length > 1 ? `${run.label} · ${functionName}` : run.label,
      run,
      functionName,
    }));
  });
}

/**
 * "+12.5%", "-3.0%", "+1.20 pp" for shares (formatPointChange: "0 pp" when equal, three
 * significant digits, so a change between small rates reads as their difference), "" when the
 * base is 0 and so is the other.
 */
export function changeText(from: number, to: number, share = false): string {
  if (share) return formatPointChange(to - from);
  if (from === to) return '0%';
  if (from === 0) return 'new';
  const pct = ((to - from) / Math.abs(from)) * 100;
  return `${pct >= 0 ? '+' : ''}${Math.abs(pct) >= 100 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** The comparison table's counts in a line, for the command line (the report says COUNTS_NOTE). */
export const COMPARISON_COUNTS_LINE =
  '(arrived: what callers sent, in requests, events or batches; invocations: what the function started, retries of events included, = ok + failed + timed out (+ running at the end))';

export function comparisonTable(runs: readonly ComparedRun[]): Table {
  const columns = columnsOf(runs);
  const withChange = columns.length === 2;
  const metrics = columns.some((c) => hasDatabase(c.run.output.summary))
    ? [...METRICS.slice(0, -2), ...DATABASE_METRICS, ...METRICS.slice(-2)]
    : METRICS;
  const rows = metrics.map((m) => {
    const fns = columns.map((c) => c.run.output.summary.functions[c.functionName]);
    const values = columns.map((c, i) => m.value(fns[i], c.run.output.summary));
    // NaN: the run has nothing this row measures (no proxy, no database).
    const cells = [
      m.label,
      ...values.map((v, i) => (Number.isNaN(v) ? '-' : m.cell ? m.cell(fns[i]) : m.format(v))),
    ];
    if (withChange) cells.push(values.some(Number.isNaN) ? '' : changeText(values[0], values[1], m.share));
    return cells;
  });
  return {
    columns: [
      { title: 'measure' },
      ...columns.map((c) => ({ title: c.label, align: 'right' as const })),
      ...(withChange
        ? [{ title: `${columns[1].label} vs ${columns[0].label}`, align: 'right' as const }]
        : []),
    ],
    rows,
  };
}

/** Every bill line of every run (monthly), one column per run, and the totals. */
export function comparisonCostTable(runs: readonly ComparedRun[]): Table {
  const key = (l: { service: string; item: string }) => `${l.service}\u0000${l.item}`;
  const lines = new Map<string, { service: string; item: string }>();
  for (const r of runs) for (const l of r.output.summary.cost.monthly.lines) lines.set(key(l), l);
  const rows = [...lines.entries()].map(([k, l]) => [
    l.service,
    l.item,
    ...runs.map((r) => {
      const line = r.output.summary.cost.monthly.lines.find((x) => key(x) === k);
      return line ? formatUsdFine(line.usd) : '';
    }),
  ]);
  rows.push(['total', '', ...runs.map((r) => formatUsdFine(r.output.summary.cost.monthly.totalUsd))]);
  return {
    caption: `Cost ${comparedPeriod(runs)}`,
    columns: [
      { title: 'service' },
      { title: 'item' },
      ...runs.map((r) => ({ title: r.label, align: 'right' as const })),
    ],
    rows,
    strongRows: [rows.length - 1],
  };
}

/** Numbers of summary.json's resources, one row per resource and measure, one column per run. */
export function comparisonResourceTable(runs: readonly ComparedRun[]): Table | undefined {
  const rows: string[][] = [];
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.output.summary.resources)))];
  for (const name of names) {
    const measures = [
      ...new Set(
        runs.flatMap((r) => {
          const res = r.output.summary.resources[name];
          return res ? resourceScalars(res).flatMap(([k, v]) => (typeof v === 'number' ? [k] : [])) : [];
        }),
      ),
    ];
    for (const measure of measures) {
      rows.push([
        name,
        measure,
        ...runs.map((r) => {
          const res = r.output.summary.resources[name];
          const v = res ? resourceScalars(res).find(([k]) => k === measure)?.[1] : undefined;
          return typeof v === 'number'
            ? formatCount(Number.isInteger(v) ? v : Math.round(v * 100) / 100)
            : '';
        }),
      ]);
    }
  }
  if (rows.length === 0) return undefined;
  return {
    columns: [
      { title: 'resource' },
      { title: 'measure' },
      ...runs.map((r) => ({ title: r.label, align: 'right' as const })),
    ],
    rows,
  };
}

export function comparisonProvenanceTable(runs: readonly ComparedRun[]): Table {
  return {
    columns: [
      { title: 'run' },
      { title: 'scenario' },
      { title: 'seed', align: 'right' },
      { title: 'window', align: 'right' },
      { title: 'lamsim' },
      { title: 'scenario hash' },
    ],
    rows: runs.map((r) => {
      const s = r.output.summary;
      return [
        r.label,
        s.scenario,
        String(s.seed),
        formatMs(s.window.durationMs),
        s.lamsim.version,
        s.provenance.scenarioHash,
      ];
    }),
  };
}

/** The overlaid charts, in reading order (charts with nothing to show are left out). */
export function comparisonCharts(runs: readonly ComparedRun[]): ChartSpec[] {
  const series: ComparedSeries[] = columnsOf(runs).map((c) => {
    const run = c.run.output.run;
    const stats = present(
      run.functions.find((f) => f.name === c.functionName),
      `function ${c.functionName} in the run`,
    );
    return {
      label: c.label,
      stats,
      windowMs: run.windowMs,
      limits: concurrencyLimitsOf(run.scenario, c.functionName, stats.provisioned),
    };
  });
  const messaging: ComparedMessaging[] = runs.map((r) => {
    const run = r.output.run;
    return {
      label: r.label,
      windowMs: run.windowMs,
      asyncQueues: asyncQueueChartData(run),
      queues: sqsQueueChartData(run),
      streams: streamChartData(run),
      nats: natChartData(run),
    };
  });
  const charts: (ChartSpec | undefined)[] = [
    compareConcurrencyChart(series),
    compareLatencyChart(series),
    compareLatencyCdfChart(series),
    compareFailuresChart(series),
    compareColdStartsChart(series),
    compareDatabaseChart(
      runs.map((r) => ({
        label: r.label,
        windowMs: r.output.run.windowMs,
        databases: databaseChartData(r.output.run),
      })),
    ),
    compareAsyncQueueChart(messaging),
    compareSqsQueueChart(messaging),
    compareStreamChart(messaging),
    compareNatChart(messaging),
    compareCostChart(
      runs.map((r) => ({ label: r.label, bill: r.output.summary.cost.monthly })),
      comparedPeriod(runs),
    ),
  ];
  return charts.filter((c): c is ChartSpec => c !== undefined);
}

const bases = (runs: readonly ComparedRun[]) => runs.map((r) => r.output.summary.cost.monthly.basis);

/** The monthly period of the runs: theirs when they share one basis, else a pointer to each. */
function comparedPeriod(runs: readonly ComparedRun[]): string {
  const periods = new Set(bases(runs).map(monthlyPeriod));
  return periods.size === 1 ? [...periods][0] : 'per month (each run on its own basis, see below)';
}

/** The cost note once when every run makes its month alike, else one per run. */
function comparedCostNotes(runs: readonly ComparedRun[]): string[] {
  const notes = bases(runs).map(costNote);
  return new Set(notes).size === 1 ? [notes[0]] : runs.map((r, i) => `${r.label}: ${notes[i]}`);
}

export function buildComparisonReport(runs: readonly ComparedRun[]): ReportDocument {
  const labels = runs.map((r) => r.label);
  const seeds = [...new Set(runs.map((r) => r.output.summary.seed))];
  const sections: Section[] = [
    {
      heading: 'Summary',
      level: 2,
      blocks: [tableBlock(comparisonTable(runs)), paragraph(COUNTS_NOTE), paragraph(LATENCY_NOTE)],
    },
    { heading: 'Charts', level: 2, blocks: comparisonCharts(runs).map(chartBlock) },
    {
      heading: 'Cost',
      level: 2,
      blocks: [tableBlock(comparisonCostTable(runs)), ...comparedCostNotes(runs).map(paragraph)],
    },
  ];
  const resources = comparisonResourceTable(runs);
  if (resources) sections.push({ heading: 'Resources', level: 2, blocks: [tableBlock(resources)] });
  sections.push({
    heading: 'Provenance',
    level: 2,
    blocks: [tableBlock(comparisonProvenanceTable(runs))],
  });
  sections.push({
    heading: 'Scenarios as run',
    level: 2,
    blocks: runs.map((r) => ({
      kind: 'code' as const,
      title: `${r.label}: ${r.output.summary.scenario}.yaml`,
      language: 'yaml',
      text: r.scenarioText,
      collapsed: true,
    })),
  });
  return withUniqueChartIds({
    title: `Comparison: ${labels.join(' vs ')}`,
    intro: [
      `${runs.length} scenarios run with ${seeds.length === 1 ? `the same seed (${seeds[0]})` : `seeds ${seeds.join(', ')}`}, ` +
        `so the differences come from the scenarios, not from the random draws.`,
      ...runs
        .filter((r) => r.output.run.scenario.description.trim())
        .map((r) => `${r.label}: ${r.output.run.scenario.description.trim()}`),
    ],
    sections,
  });
}

/** compare.json: the summaries side by side, data first (no wall-clock data). */
export function comparisonJson(runs: readonly ComparedRun[]): string {
  const first = runs[0].output.summary;
  return `${JSON.stringify(
    {
      lamsim: first.lamsim,
      runs: runs.map((r) => ({ label: r.label, summary: r.output.summary })),
    },
    null,
    2,
  )}\n`;
}
