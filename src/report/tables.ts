/**
 * The tables of a run's report, built from summary.json's data (so the tables and the JSON never
 * disagree). Pure; cells are formatted strings.
 */
import type { CostBreakdown } from '../billing/index.ts';
import {
  type BriefPercentiles,
  type FunctionSummary,
  type Percentiles,
  resourceScalars,
  type ShardProvenance,
  type Summary,
} from '../results/index.ts';
import { formatBucket } from './charts/timeAxis.ts';
import { arrivalNoun } from './countWords.ts';
import type { Table } from './document.ts';
import {
  formatBytes,
  formatCount,
  formatMean,
  formatMs,
  formatPercent,
  formatQuantity,
  formatUsdFine,
} from './format.ts';
import { coldStartPhase } from './snapStartWords.ts';

const r = (title: string) => ({ title, align: 'right' as const });
const l = (title: string) => ({ title });

/**
 * One row per function, counts first. `arrived` names what it counts (requests, events, batches:
 * countWords.ts); `invocations` counts what the function started, retries of events included,
 * and splits as ok + failed + timed out (+ running at the end). For requests and batches arrived =
 * invocations + throttled (+ refused); an event's end is in asyncEventsTable. `refused` and
 * `running at end` get a column only when some function has one.
 */
export function functionsTable(summary: Summary): Table {
  const functions = Object.entries(summary.functions);
  const refused = functions.some(([, f]) => f.invocations.refused > 0);
  const running = functions.some(([, f]) => f.invocations.inFlightAtEnd > 0);
  return {
    columns: [
      l('function'),
      r('arrived'),
      r('invocations'),
      r('ok'),
      r('failed'),
      r('timed out'),
      ...(running ? [r('running at end')] : []),
      ...(refused ? [r('refused')] : []),
      r('throttled'),
      r('cold starts'),
      r('p50'),
      r('p95'),
      r('p99'),
      r('max'),
      r('peak concurrency'),
    ],
    rows: functions.map(([name, f]) => {
      const inv = f.invocations;
      // Percentiles of nothing read 0 in summary.json: say so rather than print 0 ms.
      const latency =
        inv.succeeded === 0
          ? ['none succeeded', '', '', '']
          : [
              formatMs(f.latencyMs.p50),
              formatMs(f.latencyMs.p95),
              formatMs(f.latencyMs.p99),
              formatMs(f.latencyMs.max),
            ];
      return [
        name,
        arrivedText(f),
        formatCount(inv.started),
        formatCount(inv.succeeded),
        formatCount(inv.failed),
        formatCount(inv.timedOut),
        ...(running ? [formatCount(inv.inFlightAtEnd)] : []),
        ...(refused ? [formatCount(inv.refused)] : []),
        throttledText(f),
        `${formatCount(f.coldStarts)} (${formatPercent(f.coldStartRate)})`,
        ...latency,
        formatCount(f.concurrency.peak),
      ];
    }),
  };
}

/** `3,604 requests`, `40,571 events`, `250 batches`; `1,200 (requests, events)` when mixed. */
export function arrivedText(f: FunctionSummary): string {
  const n = formatCount(f.invocations.arrived);
  return f.invokedAs.length > 1 ? `${n} (${f.invokedAs.join(', ')})` : `${n} ${arrivalNoun(f)}`;
}

/**
 * Throttled in the end and its share of `arrived`; then the refused attempts (CloudWatch
 * Throttles, retries included) when they are more, as the printed summary says it.
 */
function throttledText(f: FunctionSummary): string {
  const inv = f.invocations;
  const attempts =
    f.throttledAttempts !== inv.throttled ? `; ${formatCount(f.throttledAttempts)} refused attempts` : '';
  return `${formatCount(inv.throttled)} (${formatPercent(f.throttleRate)})${attempts}`;
}

/** Latency (all, cold, warm), handler duration and INIT of every function. */
export function latencyTable(summary: Summary): Table {
  const rows: string[][] = [];
  /** A cold-start phase: p90 and p95 are not kept for it. */
  const coldStartRow = (fn: string, what: string, p: BriefPercentiles) => [
    fn,
    what,
    formatMs(p.mean),
    formatMs(p.p50),
    '',
    '',
    formatMs(p.p99),
    formatMs(p.max),
  ];
  const row = (fn: string, what: string, p: Percentiles) => [
    fn,
    what,
    formatMs(p.mean),
    formatMs(p.p50),
    formatMs(p.p90),
    formatMs(p.p95),
    formatMs(p.p99),
    formatMs(p.max),
  ];
  for (const [name, f] of Object.entries(summary.functions)) {
    if (f.invocations.succeeded === 0) {
      // Percentiles of nothing read 0: say so rather than print a latency of 0 ms.
      rows.push([name, 'latency', 'none succeeded', '', '', '', '', '']);
    } else {
      rows.push(row(name, 'latency, all requests', f.latencyMs));
      if (f.coldStarts > 0) rows.push(row(name, 'latency, cold starts', f.latencyColdMs));
      rows.push(row(name, 'latency, warm', f.latencyWarmMs));
    }
    rows.push(row(name, 'handler duration', f.durationMs));
    // A SnapStart function's cold starts restore a snapshot: AWS reports a Restore Duration.
    const phase = coldStartPhase(f);
    const reported = phase === 'restore' ? 'Restore Duration' : 'Init Duration';
    if (f.preInitDurationMs.max > 0)
      rows.push(coldStartRow(name, `before ${phase} (not in ${reported})`, f.preInitDurationMs));
    if (f.networkSetupMs && f.networkSetupMs.max > 0)
      rows.push(coldStartRow(name, `VPC network interface (before ${phase})`, f.networkSetupMs));
    if (f.initDurationMs.max > 0) rows.push(coldStartRow(name, `${phase} duration`, f.initDurationMs));
  }
  return {
    columns: [l('function'), l('measure'), r('mean'), r('p50'), r('p90'), r('p95'), r('p99'), r('max')],
    rows,
  };
}

/** Execution environments and why requests were throttled. */
export function environmentsTable(summary: Summary): Table {
  return {
    columns: [
      l('function'),
      r('created'),
      r('peak alive'),
      r('mean alive'),
      r('mean busy'),
      r('mean idle'),
      r('reclaimed'),
      r('retired'),
      r('throttled attempts: reserved'),
      r('account'),
      r('scaling rate'),
      r('request rate'),
    ],
    rows: Object.entries(summary.functions).map(([name, f]: [string, FunctionSummary]) => {
      const e = f.environments;
      return [
        name,
        formatCount(e.created),
        formatCount(e.peak),
        formatMean(e.meanLive),
        formatMean(e.meanBusy),
        formatMean(e.meanIdle),
        formatCount(e.reclaimed),
        formatCount(e.retired),
        formatCount(f.throttledBy.reservedConcurrency),
        formatCount(f.throttledBy.accountConcurrency),
        formatCount(f.throttledBy.scalingRate),
        formatCount(f.throttledBy.requestRate),
      ];
    }),
  };
}

const lineKey = (line: { service: string; item: string }) => `${line.service}\u0000${line.item}`;

/** The bill: every line of the window and of the month, side by side, and the totals. */
export function costTable(cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown }): Table {
  const windowLines = new Map(cost.window.lines.map((x) => [lineKey(x), x]));
  const monthlyLines = new Map(cost.monthly.lines.map((x) => [lineKey(x), x]));
  const rows: string[][] = [];
  // Tiers can make the month bill items the window does not reach (and the reverse for free tiers).
  for (const k of new Set([...windowLines.keys(), ...monthlyLines.keys()])) {
    const w = windowLines.get(k);
    const m = monthlyLines.get(k);
    const line = w ?? m;
    if (!line) continue; // every key came from one of the two
    rows.push([
      line.service,
      line.item,
      w ? formatQuantity(w.quantity) : '',
      line.unit,
      w ? formatUsdFine(w.usd) : '',
      m ? formatUsdFine(m.usd) : '',
    ]);
  }
  rows.push(['total', '', '', '', formatUsdFine(cost.window.totalUsd), formatUsdFine(cost.monthly.totalUsd)]);
  return {
    columns: [l('service'), l('item'), r('quantity (window)'), l('unit'), r('window'), r('per month')],
    rows,
    strongRows: [rows.length - 1],
  };
}

/** Resources with tables of their own (messagingTables.ts): their numbers are nested. */
const OWN_TABLES: readonly string[] = ['sqs-queue', 'kinesis-stream', 'dynamodb-stream'];

/**
 * summary.json's `resources`, one table per kind of resource (resources with the same keys):
 * generic, so new resource metrics show up without changing the report. Nested values (query
 * time percentiles, ...) stay in summary.json. Queues and streams are left to messagingTables.ts.
 */
export function resourceTables(summary: Summary): Table[] {
  const groups = new Map<string, { keys: string[]; numeric: boolean[]; rows: string[][] }>();
  for (const [name, value] of Object.entries(summary.resources)) {
    if (OWN_TABLES.includes(value.type)) continue;
    const entries = resourceScalars(value);
    const keys = entries.map(([k]) => k);
    const signature = keys.join('\u0000');
    const group = groups.get(signature) ?? {
      keys,
      numeric: entries.map(([, v]) => typeof v === 'number'),
      rows: [],
    };
    group.rows.push([name, ...entries.map(([k, v]) => formatResourceValue(k, v))]);
    groups.set(signature, group);
  }
  return [...groups.values()].map((g) => ({
    columns: [l('resource'), ...g.keys.map((k, i) => (g.numeric[i] ? r(humanize(k)) : l(humanize(k))))],
    rows: g.rows,
  }));
}

/** Column names a key's words would make ambiguous. */
const RESOURCE_LABELS: Readonly<Record<string, string>> = {
  meanBorrowWaitMs: 'mean wait per borrow (all borrows)',
  meanWaitWhenWaitedMs: 'mean wait of borrows that waited',
};

/** `cpuUtilization` -> `cpu utilization`; `meanBorrowWaitMs` -> its RESOURCE_LABELS name. */
export function humanize(key: string): string {
  const label = RESOURCE_LABELS[key];
  if (label !== undefined) return label;
  return key
    .replace(/(Ms|Usd|Bytes)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function formatResourceValue(key: string, value: number | string | boolean): string {
  if (typeof value !== 'number') return String(value);
  if (/Ms$/.test(key)) return formatMs(value);
  if (/Usd$/.test(key)) return formatUsdFine(value);
  if (/Bytes$/.test(key)) return formatBytes(value);
  if (/Rate$|Percent$|Share$|Utilization$/.test(key)) return formatPercent(value);
  return formatCount(Number.isInteger(value) ? value : Math.round(value * 10) / 10);
}

/** A merged run's shards, as the report and the printed summary say it. */
export function shardsText(summary: Pick<Summary, 'functions'>, shards: ShardProvenance): string {
  let left = 0;
  let found = 0;
  for (const f of Object.values(summary.functions)) {
    if (!f.borders) continue;
    left += f.borders.inFlightAtEnds + f.borders.waitingAtEnds;
    found += f.borders.inFlightAtStarts + f.borders.waitingAtStarts;
  }
  const borders =
    left + found === 0
      ? 'nothing was running or queued at a border'
      : `at the borders the slices left ${formatCount(left)} attempts running or events queued, and the next ones ` +
        `found ${formatCount(found)} from their warm-ups; counts add up with both, and without them are off by up to ${formatCount(Math.max(left, found))}`;
  return `${formatCount(shards.count)} time shards, warm-up ${formatMs(shards.warmupMs)} (each shard its own draws; ${borders})`;
}

/** Where the numbers come from: version, seed, scenario hash, window, buckets. */
export function provenanceTable(summary: Summary): Table {
  const w = summary.window;
  const rows = [
    ['lamsim', `${summary.lamsim.version} (scenario format ${summary.lamsim.format})`],
    ['scenario', summary.scenario],
    ['seed', String(summary.seed)],
    ['scenario hash', summary.provenance.scenarioHash],
    // A stack: scenario's configuration comes from its templates: name each, and the text read.
    ...(summary.provenance.templates ?? []).map((t) => ['template', `${t.path} (${t.sha256})`]),
    ...(summary.provenance.shards ? [['merged from', shardsText(summary, summary.provenance.shards)]] : []),
    ['simulated window', formatMs(w.durationMs)],
    ['time-series buckets', formatBucket(w.bucketMs)],
  ];
  if (w.endMs > w.durationMs) rows.push(['last request finished at', formatMs(w.endMs)]);
  return { columns: [l('what'), l('value')], rows };
}
