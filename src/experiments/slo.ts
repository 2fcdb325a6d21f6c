/**
 * Service-level objectives: what they measure, how they are written, how a run is checked against
 * them. Used by `plan` (SLOs, from `--slo` and the scenario's `slo:` block) and by `tune`
 * (constraints such as `--max-p99 300ms`). Pure.
 *
 * Every objective is an upper bound, `metric <= max`, in the metric's canonical unit (ms for
 * latencies and ages, a fraction 0..1 for rates, a count for errors). A metric is measured on each
 * function of the scenario and the worst function counts; a metric this version of the model does
 * not produce (queue age before queues exist) is "not measured" and never fails.
 */

import { err, ok, type Result } from '../result.ts';
import {
  eventsOnly,
  growingBacklogs,
  hasConsumedBacklogs,
  type Summary,
  totalDrops,
} from '../results/index.ts';
import {
  parseDuration,
  parseFraction,
  SLO_METRIC_KINDS,
  SLO_METRICS,
  type SloMetric,
  type SloObjective,
} from '../scenario/index.ts';

export { SLO_METRIC_KINDS, SLO_METRICS, type SloMetric, type SloObjective };

interface MetricInfo {
  /** The key in plan.json's and tune.json's `slo`/`constraints` objects. */
  readonly jsonKey: string;
  /** Human name, e.g. "p99 latency". */
  readonly label: string;
  /** Whether it is measured per function (else once for the whole scenario). */
  readonly perFunction: boolean;
}

export const SLO_METRIC_INFO: Readonly<Record<SloMetric, MetricInfo>> = {
  p50: { jsonKey: 'p50Ms', label: 'p50 latency', perFunction: true },
  p90: { jsonKey: 'p90Ms', label: 'p90 latency', perFunction: true },
  p95: { jsonKey: 'p95Ms', label: 'p95 latency', perFunction: true },
  p99: { jsonKey: 'p99Ms', label: 'p99 latency', perFunction: true },
  max: { jsonKey: 'maxMs', label: 'max latency', perFunction: true },
  throttleRate: { jsonKey: 'throttleRate', label: 'throttle rate', perFunction: true },
  errorRate: { jsonKey: 'errorRate', label: 'error rate', perFunction: true },
  coldStartRate: { jsonKey: 'coldStartRate', label: 'cold-start rate', perFunction: true },
  timeoutRate: { jsonKey: 'timeoutRate', label: 'timeout rate', perFunction: true },
  dbConnectionErrors: {
    jsonKey: 'dbConnectionErrors',
    label: 'database connection errors',
    perFunction: false,
  },
  queueAge: { jsonKey: 'queueAgeMs', label: 'queue age', perFunction: false },
  backlogAtEnd: { jsonKey: 'backlogAtEnd', label: 'backlog growing at the end', perFunction: false },
  lostWriteRate: { jsonKey: 'lostWriteRate', label: 'stream writes lost', perFunction: false },
};

const isMetric = (name: string): name is SloMetric => Object.hasOwn(SLO_METRIC_INFO, name);

/** Parses the value of a metric as written (`500ms`, `1%`, `0.001`, `0`) into its canonical unit. */
export function parseSloValue(metric: SloMetric, value: unknown): Result<number, string> {
  const kind = SLO_METRIC_KINDS[metric];
  if (kind === 'duration') return parseDuration(value);
  const asNumber = typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
  if (kind === 'fraction') return parseFraction(asNumber);
  if (typeof asNumber === 'number' && Number.isInteger(asNumber) && asNumber >= 0) return ok(asNumber);
  return err(`expected a count (an integer >= 0), got ${JSON.stringify(value)}`);
}

/** Parses `p99=500ms`, `throttleRate=1%`, `errorRate=0.001`, `dbConnectionErrors=0`. */
export function parseSloArgument(text: string): Result<SloObjective, string> {
  const eq = text.indexOf('=');
  if (eq < 0) return err(`'${text}': expected METRIC=VALUE, e.g. p99=500ms or throttleRate=1%`);
  const name = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  if (!isMetric(name)) {
    return err(
      `'${text}': unknown metric '${name}'; expected one of ${Object.keys(SLO_METRIC_INFO).join(', ')}`,
    );
  }
  const parsed = parseSloValue(name, value);
  return parsed.ok ? ok({ metric: name, max: parsed.value }) : err(`'${text}': ${parsed.error}`);
}

/** `base` with every metric of `overrides` replaced or added; order: base's, then new ones. */
export function mergeObjectives(
  base: readonly SloObjective[],
  overrides: readonly SloObjective[],
): SloObjective[] {
  const byMetric = new Map<SloMetric, SloObjective>();
  for (const o of [...base, ...overrides]) byMetric.set(o.metric, o);
  return [...byMetric.values()];
}

/** The objectives as a JSON object keyed like plan.json's `slo` (`{ "p99Ms": 500, ... }`). */
export function objectivesJson(objectives: readonly SloObjective[]): Record<string, number> {
  return Object.fromEntries(objectives.map((o) => [SLO_METRIC_INFO[o.metric].jsonKey, o.max]));
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

/**
 * Failed attempts to get a database connection: the databases' refused connections plus the
 * proxies' borrow timeouts (both are "cannot connect" to the function); null without databases.
 */
function dbConnectionErrors(summary: Summary): number | null {
  let found = false;
  let total = 0;
  for (const r of Object.values(summary.resources)) {
    if ('connectionErrors' in r) total += r.connectionErrors;
    else if (r.type === 'rds-proxy') total += r.borrowTimeouts;
    else continue;
    found = true;
  }
  return found ? total : null;
}

/**
 * The oldest waiting work in the run: the largest age of the oldest message of any SQS queue or
 * stream (ApproximateAgeOfOldestMessage, iterator age) and of any function's asynchronous event
 * queue (AsyncEventAge); null when the scenario has none.
 */
function queueAgeMs(summary: Summary): number | null {
  let best: number | null = null;
  const see = (v: number) => {
    best = best === null ? v : Math.max(best, v);
  };
  for (const r of Object.values(summary.resources)) {
    if ('maxAgeMs' in r) see(r.maxAgeMs);
  }
  for (const f of Object.values(summary.functions)) if (f.async) see(f.async.eventAgeMs.max);
  return best;
}

/**
 * The largest share of its arrivals still waiting at the end among the queues and streams whose
 * backlog grew to the end of the window (results/growingBacklogs.ts; 0 when none grew: a backlog
 * that drained after a burst counts nothing); null when no function reads a queue or stream.
 */
function backlogAtEnd(summary: Summary): number | null {
  if (!hasConsumedBacklogs(summary)) return null;
  return Math.max(0, ...growingBacklogs(summary).map((b) => b.shareOfArrivals));
}

/**
 * The largest share of the writes into a Kinesis stream lost to its shard write limit (refused with
 * ProvisionedThroughputExceeded on every attempt of the producer: src/model/messaging/dataStream.ts),
 * lost / (accepted + lost); null when the run wrote into no Kinesis stream.
 */
function lostWriteRate(summary: Summary): number | null {
  let worst: number | null = null;
  for (const r of Object.values(summary.resources)) {
    if (r.type !== 'kinesis-stream' || !('writeFailed' in r)) continue;
    const attempted = r.records + r.writeFailed;
    if (attempted > 0) worst = Math.max(worst ?? 0, r.writeFailed / attempted);
  }
  return worst;
}

/**
 * The metric's value in a run, for one function (per-function metrics) or the scenario; null when
 * not measured: a per-function metric of a function nothing invoked in the window (no request,
 * event or batch arrived: a rate of 0 of 0 is no evidence). Latency of a function that served no
 * request successfully although requests arrived is +Infinity (every request failed: no latency
 * meets any objective).
 */
export function measure(metric: SloMetric, summary: Summary, fn: string): number | null {
  const f = summary.functions[fn];
  if (SLO_METRIC_INFO[metric].perFunction && (!f || f.invocations.arrived === 0)) return null;
  const inv = f?.invocations;
  switch (metric) {
    case 'p50':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'max':
      return inv.succeeded === 0 ? Number.POSITIVE_INFINITY : f.latencyMs[metric];
    case 'throttleRate':
      // Requests refused in the end (their last attempt throttled), not throttled attempts: with
      // SDK retries a request can be throttled and still succeed, and callers see the final answer.
      return ratio(inv.throttled, inv.arrived);
    case 'errorRate': {
      // An asynchronous event whose attempt failed is retried; it is an error only if it is
      // finally dropped (retries exhausted, expired, ...), of the events Lambda accepted. An Invoke
      // refused with 429 by the request-rate quota never became an event: it is a throttle
      // (throttleRate), in neither term (Lambda developer guide, "Asynchronous invocation": retries
      // and the on-failure destination apply to events in the queue). For synchronous requests
      // every failed or timed-out invocation is an error the caller sees, and so is a request
      // refused before it started (no network interface, recursive loop detection). A function
      // invoked both ways counts failed attempts (its counts do not split by kind).
      const a = f.async;
      if (a && eventsOnly(f)) return ratio(totalDrops(a.dropped), a.events);
      return ratio(inv.failed + inv.timedOut + inv.refused, inv.arrived);
    }
    case 'coldStartRate':
      return f.coldStartRate;
    case 'timeoutRate': {
      // Per request or event, never per attempt: an asynchronous event whose attempts timed out
      // three times counts once (`invocations.timedOut` counts attempts).
      const a = f.async;
      if (a && eventsOnly(f)) return ratio(a.timedOutEvents, a.events);
      return ratio(inv.timedOut, inv.arrived);
    }
    case 'dbConnectionErrors':
      return dbConnectionErrors(summary);
    case 'queueAge':
      return queueAgeMs(summary);
    case 'backlogAtEnd':
      return backlogAtEnd(summary);
    case 'lostWriteRate':
      return lostWriteRate(summary);
  }
}

export interface ObjectiveCheck {
  readonly objective: SloObjective;
  /** The worst value over the functions checked (null: not measured). */
  readonly value: number | null;
  /** Function with the worst value (null for scenario-wide metrics). */
  readonly function: string | null;
  readonly meets: boolean;
}

/** Checks one run against every objective, over `functions` (the worst function counts). */
export function checkObjectives(
  objectives: readonly SloObjective[],
  summary: Summary,
  functions: readonly string[],
): ObjectiveCheck[] {
  return objectives.map((objective) => {
    const info = SLO_METRIC_INFO[objective.metric];
    let value: number | null = null;
    let worst: string | null = null;
    for (const fn of info.perFunction ? functions : [functions[0] ?? '']) {
      const v = measure(objective.metric, summary, fn);
      if (v !== null && (value === null || v > value)) {
        value = v;
        worst = info.perFunction ? fn : null;
      }
    }
    return { objective, value, function: worst, meets: value === null || value <= objective.max };
  });
}
