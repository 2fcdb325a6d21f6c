/**
 * Budgets in words: one line per budget (the figure, the limit, the evidence from the run) and a
 * table for reports. Pure.
 */
import type { BudgetCheck } from '../../experiments/index.ts';
import { growingBacklogs, type Summary, totalDrops } from '../../results/index.ts';
import { BUDGET_METRIC_KINDS, type BudgetMetric } from '../../scenario/index.ts';
import { arrivalNoun, eventsOnly } from '../countWords.ts';
import type { Table } from '../document.ts';
import { formatCount, formatMs, formatUsdFine } from '../format.ts';
import { formatFigure } from './diffFormat.ts';

const LABELS: Readonly<Record<BudgetMetric, string>> = {
  monthlyCostUsd: 'monthly cost',
  p50: 'p50 latency',
  p90: 'p90 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  max: 'max latency',
  throttleRate: 'throttle rate',
  errorRate: 'error rate',
  coldStartRate: 'cold-start rate',
  timeoutRate: 'timeout rate',
  dbConnectionErrors: 'database connection errors',
  queueAge: 'queue age',
  backlogAtEnd: 'backlog growing at the end',
  lostWriteRate: 'stream writes lost',
};

/** A budget metric's figure in its unit. */
export function formatBudgetFigure(metric: BudgetMetric, value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded (no successful request)' : String(value);
  const kind = BUDGET_METRIC_KINDS[metric];
  return formatFigure(kind === 'duration' ? 'ms' : kind, value);
}

/**
 * The figure of a check, with enough digits to tell it from its limit when broken: rounded as
 * usual, unless that rounding equals the limit's (p99 377.087 ms against 377 ms shows `377.087 ms`,
 * not `377 ms`); then with the significant digits it takes to differ, up to 12.
 */
export function checkFigure(c: BudgetCheck): string {
  const metric = c.budget.metric;
  const value = c.value ?? 0;
  const shown = formatBudgetFigure(metric, value);
  if (c.status !== 'broken' || c.limit === null || !Number.isFinite(value)) return shown;
  const limit = formatBudgetFigure(metric, c.limit);
  if (shown !== limit) return shown;
  const kind = BUDGET_METRIC_KINDS[metric];
  const scale = kind === 'fraction' ? 100 : 1; // fractions are shown as percentages
  const unit = (x: number) =>
    kind === 'duration' ? `${x} ms` : kind === 'fraction' ? `${x}%` : kind === 'usd' ? `$${x}` : String(x);
  for (let digits = 4; digits <= 12; digits++) {
    const v = Number((value * scale).toPrecision(digits));
    if (v !== Number((c.limit * scale).toPrecision(digits))) return unit(v);
  }
  return shown;
}

/** The budget as written, in words: `≤ 500 ms`, `≤ +10% over the base`. */
export function limitText(c: BudgetCheck): string {
  const l = c.budget.limit;
  if (l.kind === 'absolute') return `≤ ${formatBudgetFigure(c.budget.metric, l.max)}`;
  const pct = `+${Number((l.maxIncrease * 100).toPrecision(6))}%`;
  return c.baseValue === null
    ? `≤ ${pct} over the base`
    : `≤ ${pct} over the base's ${formatBudgetFigure(c.budget.metric, c.baseValue)} = ${formatBudgetFigure(c.budget.metric, c.limit ?? 0)}`;
}

const subject = (c: BudgetCheck) => (c.function === null ? '' : `${c.function} `);

/** `; 12 Invoke calls refused (429) are throttles, not events` when some were (events-only functions). */
const refusedAtInvoke = (throttled: number): string =>
  throttled === 0 ? '' : `; ${formatCount(throttled)} Invoke calls refused (429) are throttles, not events`;

/** What in the run backs the figure (from `summary`, replication 1 of the head). */
export function evidenceText(c: BudgetCheck, summary: Summary): string {
  const metric = c.budget.metric;
  const f = c.function === null ? undefined : summary.functions[c.function];
  const inv = f?.invocations;
  const n = (x: number) => formatCount(x);
  switch (metric) {
    case 'monthlyCostUsd': {
      const top = [...summary.cost.monthly.lines].sort((a, b) => b.usd - a.usd).slice(0, 3);
      return `largest lines: ${top.map((l) => `${l.service} ${l.item} ${formatUsdFine(l.usd)}`).join(', ')}`;
    }
    case 'p50':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'max':
      return inv && f ? `${n(inv.succeeded)} successful of ${n(inv.arrived)} ${arrivalNoun(f)}` : '';
    case 'throttleRate':
      return inv && f
        ? `${n(inv.throttled)} of ${n(inv.arrived)} ${arrivalNoun(f)} throttled in the end`
        : '';
    case 'errorRate':
      // As slo.ts measures it: asynchronous events fail when dropped, not when an attempt fails.
      if (f?.async && inv && eventsOnly(f))
        return `${n(totalDrops(f.async.dropped))} of ${n(f.async.events)} events dropped (failed attempts are retried)${refusedAtInvoke(inv.throttled)}`;
      return inv && f
        ? `${n(inv.failed)} failed and ${n(inv.timedOut)} timed out of ${n(inv.arrived)} ${arrivalNoun(f)}`
        : '';
    case 'timeoutRate':
      if (f?.async && inv && eventsOnly(f))
        return `${n(f.async.timedOutEvents)} of ${n(f.async.events)} events timed out at least once${refusedAtInvoke(inv.throttled)}`;
      return inv && f ? `${n(inv.timedOut)} of ${n(inv.arrived)} ${arrivalNoun(f)} timed out` : '';
    case 'coldStartRate':
      return f ? `${n(f.coldStarts)} cold starts in ${n(inv?.started ?? 0)} invocations` : '';
    case 'dbConnectionErrors':
      return Object.entries(summary.resources)
        .flatMap(([name, r]) =>
          'connectionErrors' in r
            ? [
                `${name}: ${n(r.connectionErrors)} refused connections (peak ${n(r.peakConnections)} of ${n(r.maxConnections)})`,
              ]
            : r.type === 'rds-proxy'
              ? [`${name}: ${n(r.borrowTimeouts)} borrow timeouts`]
              : [],
        )
        .join('; ');
    case 'queueAge':
      return Object.entries(summary.resources)
        .flatMap(([name, r]) => ('maxAgeMs' in r ? [`${name}: oldest message ${formatMs(r.maxAgeMs)}`] : []))
        .join('; ');
    case 'backlogAtEnd':
      return growingBacklogs(summary)
        .map(
          (b) => `${b.resource}: ${n(b.waitingAtEnd)} of ${n(b.arrived)} still waiting, growing at the end`,
        )
        .join('; ');
    case 'lostWriteRate':
      return Object.entries(summary.resources)
        .flatMap(([name, r]) =>
          r.type === 'kinesis-stream' && 'writeFailed' in r
            ? [`${name}: ${n(r.writeFailed)} writes lost of ${n(r.records + r.writeFailed)}`]
            : [],
        )
        .join('; ');
  }
}

const STATUS: Readonly<Record<BudgetCheck['status'], string>> = {
  within: 'ok',
  broken: 'BROKEN',
  'not-measured': 'not measured (the base has no figure)',
  'needs-base': 'needs a base (lamsim diff)',
};

/**
 * `BROKEN budgets.functions.api.p99: api p99 latency 812 ms, budget ≤ 500 ms (12,300 successful of
 * 12,345 requests)`.
 */
export function budgetLine(c: BudgetCheck, summary: Summary): string {
  const figure =
    c.value !== null
      ? `${subject(c)}${LABELS[c.budget.metric]} ${checkFigure(c)}`
      : c.budget.function !== null
        ? `${c.budget.function} was not invoked in the run (nothing arrived), so it has no ${LABELS[c.budget.metric]} to measure`
        : `the run has no ${LABELS[c.budget.metric]} to measure`;
  const evidence = c.value === null ? '' : evidenceText(c, summary);
  const detail =
    c.replications > 1
      ? `mean of ${c.replications} replications${evidence ? `; replication 1: ${evidence}` : ''}`
      : evidence;
  return `${STATUS[c.status]} ${c.budget.key}: ${figure}, budget ${limitText(c)}${detail ? ` (${detail})` : ''}`;
}

/** The budgets as a table: budget, figure, limit, status. */
export function budgetTable(checks: readonly BudgetCheck[]): Table {
  return {
    columns: [
      { title: 'budget' },
      { title: 'figure', align: 'right' },
      { title: 'limit' },
      { title: 'status' },
    ],
    rows: checks.map((c) => [
      c.budget.key,
      c.value === null ? '—' : `${subject(c)}${checkFigure(c)}`,
      limitText(c),
      STATUS[c.status],
    ]),
    strongRows: checks.flatMap((c, i) => (c.status === 'broken' ? [i] : [])),
  };
}
