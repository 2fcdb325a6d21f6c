/**
 * What breaks first: a small table of rules, each reading the evidence of an evaluation (its
 * runs' summaries and the scaled scenario) and returning findings. Extend the table to teach the
 * planner a new limit (a queue backlog, a downstream API): add a rule, nothing else changes.
 *
 * Ranking: `hard` findings (requests refused or failed: throttles, timeouts, database connection
 * errors, proxy borrow timeouts) come before `soft` ones (requests slowed: cold starts, a busy
 * database or proxy, long handlers), and within each kind the finding affecting the most requests
 * per run wins; ties keep the table's order. Soft findings count only when a latency or cold-start
 * objective fails, since they explain slowness, not refusals. A finding that names the cause of
 * others (`explains`: a queue's backlog, or the timeouts and concurrency pile-up of requests
 * waiting for a proxy's pool) replaces them. Pure.
 *
 * Findings are codes and numbers: `bottleneck` names the limit and `facts` holds what shows it
 * (counts and durations are means over the replications; peaks are the highest of any
 * replication, so a peak is one that happened; units in the names); src/report/plan writes the
 * sentences.
 */

import { REQUESTS_PER_SECOND_PER_CONCURRENCY } from '../../model/index.ts';
import {
  type DatabaseSummary,
  type FunctionSummary,
  growingBacklogs,
  type ProxySummary,
  type QueueSummary,
  type StreamSummary,
  type Summary,
} from '../../results/index.ts';
import type { LambdaFunction, Scenario } from '../../scenario/index.ts';
import { meanAndError } from '../statistics.ts';
import type { Evaluation } from './evaluate.ts';
import { streamLanes } from './streamKnobs.ts';

export interface BottleneckFinding {
  /** The limit: reservedConcurrency, accountConcurrency, scalingRate, requestRate, provisionedConcurrency, timeout, dbConnections, proxyPool, databaseCpu, queueInFlightQuota, queueRetryWait, streamConcurrency, queueBacklog, coldStarts, latency, ... */
  readonly bottleneck: string;
  readonly severity: 'hard' | 'soft';
  readonly function: string | null;
  readonly resource: string | null;
  /** Requests affected per run (mean over the replications). */
  readonly affected: number;
  /**
   * What in the runs shows it, by name (units in the names; per-run means over the replications).
   * Each rule below lists its own; a rule added to the table may report any.
   */
  readonly facts: FindingFacts;
  /**
   * The symptoms this finding is the cause of (a queue's backlog, for a queue at its in-flight
   * quota; its callers' timeouts and throttles, for a proxy pool requests wait on):
   * findBottlenecks drops those findings, whose remedies could not help, so the cause is named
   * whatever the findings' sizes.
   */
  readonly explains?: readonly Symptom[];
}

/** A finding another one explains: its code, function and resource, matched exactly. */
export interface Symptom {
  readonly bottleneck: string;
  readonly function: string | null;
  readonly resource: string | null;
}

/** Numbers (and the odd setting, e.g. the scaling mode) that show a finding, by name. */
export type FindingFacts = Readonly<Record<string, number | string>>;

export interface BottleneckContext {
  /** The scenario as evaluated (traffic already scaled). */
  readonly scenario: Scenario;
  readonly evaluation: Evaluation;
}

export interface BottleneckRule {
  readonly id: string;
  find(ctx: BottleneckContext): BottleneckFinding[];
}

const LATENCY_METRICS = new Set(['p50', 'p90', 'p95', 'p99', 'max', 'coldStartRate']);

/** Mean over the replications of a per-run number. */
const mean = (summaries: readonly Summary[], f: (s: Summary) => number): number =>
  meanAndError(summaries.map(f)).mean;

/** The highest of a per-run number over the replications (for peaks: a peak that happened). */
const highest = (summaries: readonly Summary[], f: (s: Summary) => number): number =>
  Math.max(0, ...summaries.map(f));

const fnMean = (ctx: BottleneckContext, fn: string, f: (s: FunctionSummary) => number): number =>
  mean(ctx.evaluation.summaries, (s) => (s.functions[fn] ? f(s.functions[fn]) : 0));
const fnHighest = (ctx: BottleneckContext, fn: string, f: (s: FunctionSummary) => number): number =>
  highest(ctx.evaluation.summaries, (s) => (s.functions[fn] ? f(s.functions[fn]) : 0));

/**
 * How `fn` is invoked, as a fact: its run summary's `invokedAs` joined by ', ' (`requests`,
 * `batches`, `requests, events`; the same at every load), which says what its counts count
 * (arrivedRequests are batches for an SQS or stream consumer, events for an asynchronous one).
 */
const invokedAs = (ctx: BottleneckContext, fn: string): string =>
  (ctx.evaluation.summaries[0]?.functions[fn]?.invokedAs ?? []).join(', ');

function latencyFails(ctx: BottleneckContext): boolean {
  return ctx.evaluation.metrics.some((m) => !m.meets && LATENCY_METRICS.has(m.objective.metric));
}

/**
 * The failing objectives that say a consumer did not keep up: `queueAge` (the oldest message's or
 * record's age, ms) and `backlogAtEnd` (a backlog still growing when the window ended). Either one
 * makes the backlog rules below name the limit and its remedies; null when neither fails.
 */
function failingBacklog(ctx: BottleneckContext): { ageMs: number | null; growing: boolean } | null {
  const failing = (metric: string) =>
    ctx.evaluation.metrics.find((m) => !m.meets && m.objective.metric === metric);
  const age = failing('queueAge');
  const growing = failing('backlogAtEnd') !== undefined;
  return age || growing ? { ageMs: age?.objective.max ?? null, growing } : null;
}

/**
 * Of the runs, the mean count still waiting at the end on `resource` (for a stream, `fn`'s records
 * not yet read) where its backlog grew to the end of the window (results/growingBacklogs.ts; a run
 * where it did not grow counts 0); 0 when it grew in none.
 */
function growingAtEnd(ctx: BottleneckContext, resource: string, fn: string | null): number {
  return mean(ctx.evaluation.summaries, (s) =>
    growingBacklogs(s)
      .filter((b) => b.resource === resource && (fn === null || b.consumers.includes(fn)))
      .reduce((sum, b) => sum + b.waitingAtEnd, 0),
  );
}

/**
 * The SQS queues whose mappings invoke `fn`, and the batches of theirs that were throttled (per-run
 * mean): empty and 0 for a function no SQS mapping invokes.
 */
function sqsThrottles(ctx: BottleneckContext, fn: string): { queues: string[]; batches: number } {
  const queues = Object.entries(ctx.evaluation.summaries[0]?.resources ?? {}).flatMap(([name, r]) =>
    r.type === 'sqs-queue' && fn in r.consumers ? [name] : [],
  );
  const batches = queues.reduce(
    (sum, q) =>
      sum +
      mean(ctx.evaluation.summaries, (s) => (s.resources[q] as QueueSummary).consumers[fn].throttledBatches),
    0,
  );
  return { queues, batches };
}

/**
 * A per-function throttle rule: `id` is the throttledBy key; `limit` gives the facts of the limit
 * that throttled (next to throttledAttempts, refusedRequests, arrivedRequests, peakConcurrency,
 * invokedAs;
 * and for a function SQS mappings invoke, sqsQueues (their names, comma-separated) and
 * throttledSqsBatches: a throttled batch is not refused for good, its poller retries it).
 */
function throttleRule(
  id: 'reservedConcurrency' | 'accountConcurrency' | 'scalingRate' | 'requestRate',
  limit: (fn: LambdaFunction, scenario: Scenario) => FindingFacts,
): BottleneckRule {
  return {
    id,
    find(ctx) {
      return ctx.scenario.functions.flatMap((fn) => {
        const throttled = fnMean(ctx, fn.name, (f) => f.throttledBy[id]);
        if (!(throttled > 0)) return [];
        const arrived = fnMean(ctx, fn.name, (f) => f.invocations.arrived);
        const peak = fnHighest(ctx, fn.name, (f) => f.concurrency.peak);
        // With SDK retries, attempts are throttled more often than requests end refused.
        const refused = fnMean(ctx, fn.name, (f) => f.invocations.throttled);
        const sqs = sqsThrottles(ctx, fn.name);
        return [
          {
            bottleneck: id,
            severity: 'hard' as const,
            function: fn.name,
            resource: null,
            affected: throttled,
            facts: {
              throttledAttempts: throttled,
              refusedRequests: refused,
              arrivedRequests: arrived,
              invokedAs: invokedAs(ctx, fn.name),
              peakConcurrency: peak,
              ...(sqs.queues.length > 0
                ? { sqsQueues: sqs.queues.join(', '), throttledSqsBatches: sqs.batches }
                : {}),
              ...limit(fn, ctx.scenario),
            },
          },
        ];
      });
    },
  };
}

const unreservedPool = (scenario: Scenario): number =>
  scenario.account.concurrentExecutions -
  scenario.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);

const databases = (ctx: BottleneckContext) =>
  Object.keys(ctx.evaluation.summaries[0]?.resources ?? {}).filter((name) => {
    const r = ctx.evaluation.summaries[0].resources[name];
    return 'connectionErrors' in r;
  });

const proxies = (ctx: BottleneckContext) =>
  Object.keys(ctx.evaluation.summaries[0]?.resources ?? {}).filter(
    (name) => ctx.evaluation.summaries[0].resources[name].type === 'rds-proxy',
  );

/** Functions whose handler calls `proxy`. */
const proxyCallers = (scenario: Scenario, proxy: string) =>
  scenario.functions.filter((fn) =>
    fn.model.calls.some((c) => c.kind === 'resource' && c.resource === proxy),
  );

/**
 * A borrow that waits this share of its caller's timeout, on average, is what times the callers
 * out: the wait is most of a timed-out request's time.
 */
const WAIT_SHARE_OF_TIMEOUT = 0.5;

/** A caller's findings that requests waiting for a pool cause: they run out their timeout and hold concurrency. */
const PILE_UP = ['timeout', 'reservedConcurrency', 'accountConcurrency'] as const;

const dbMean = (ctx: BottleneckContext, name: string, f: (d: DatabaseSummary) => number) =>
  mean(ctx.evaluation.summaries, (s) => f(s.resources[name] as DatabaseSummary));
const proxyMean = (ctx: BottleneckContext, name: string, f: (p: ProxySummary) => number) =>
  mean(ctx.evaluation.summaries, (s) => f(s.resources[name] as ProxySummary));

/** The queueBacklog finding's identity on a queue or stream (its first consumer, the resource). */
const backlogOf = (name: string, r: { readonly consumers: Readonly<Record<string, unknown>> }): Symptom => ({
  bottleneck: 'queueBacklog',
  function: Object.keys(r.consumers)[0] ?? null,
  resource: name,
});

export const BOTTLENECK_RULES: readonly BottleneckRule[] = [
  throttleRule('reservedConcurrency', (fn) => ({ reservedConcurrency: fn.reservedConcurrency ?? 0 })),
  throttleRule('accountConcurrency', (_fn, s) => ({
    accountConcurrency: s.account.concurrentExecutions,
    unreservedConcurrency: unreservedPool(s),
  })),
  throttleRule('scalingRate', (_fn, s) => ({ scaling: s.account.scaling })),
  throttleRule('requestRate', (_fn, s) => ({
    accountConcurrency: s.account.concurrentExecutions,
    requestsPerSecond: REQUESTS_PER_SECOND_PER_CONCURRENCY * s.account.concurrentExecutions,
  })),
  {
    id: 'timeout',
    find(ctx) {
      return ctx.scenario.functions.flatMap((fn) => {
        const timedOut = fnMean(ctx, fn.name, (f) => f.invocations.timedOut);
        const cut = fnMean(ctx, fn.name, (f) => f.gatewayTimeouts);
        if (!(timedOut + cut > 0)) return [];
        const arrived = fnMean(ctx, fn.name, (f) => f.invocations.arrived);
        const p99 = fnMean(ctx, fn.name, (f) => f.durationMs.p99);
        return [
          {
            bottleneck: 'timeout',
            severity: 'hard' as const,
            function: fn.name,
            resource: null,
            affected: timedOut + cut,
            facts: {
              timedOutInvocations: timedOut,
              frontDoorTimeouts: cut,
              timeoutMs: fn.timeoutMs,
              arrivedRequests: arrived,
              p99DurationMs: p99,
              invokedAs: invokedAs(ctx, fn.name),
            },
          },
        ];
      });
    },
  },
  {
    id: 'dbConnections',
    find(ctx) {
      return databases(ctx).flatMap((db) => {
        const errors = dbMean(ctx, db, (d) => d.connectionErrors);
        if (!(errors > 0)) return [];
        const max = dbMean(ctx, db, (d) => d.maxConnections);
        const peak = highest(
          ctx.evaluation.summaries,
          (s) => (s.resources[db] as DatabaseSummary).peakConnections,
        );
        return [
          {
            bottleneck: 'dbConnections',
            severity: 'hard' as const,
            function: null,
            resource: db,
            affected: errors,
            facts: { refusedConnections: errors, maxConnections: max, peakConnections: peak },
          },
        ];
      });
    },
  },
  {
    // A pool requests wait on. Hard when borrows give up after connectionBorrowTimeout, or when
    // the callers time out while a borrow that waits waits at least half their timeout: with a
    // function timeout below connectionBorrowTimeout (30 s against AWS's default 120 s), a request
    // waiting for a connection dies by the function's timeout and no borrow ever times out. Either
    // way the requests stuck waiting hold their concurrency, so the callers' timeouts and
    // concurrency throttles are its symptoms (`explains`), and more concurrency would only let
    // more requests wait. Soft: borrows wait while a latency objective fails.
    id: 'proxyPool',
    find(ctx) {
      return proxies(ctx).flatMap((proxy) => {
        const timeouts = proxyMean(ctx, proxy, (p) => p.borrowTimeouts);
        const waits = proxyMean(ctx, proxy, (p) => p.borrowWaits);
        const borrows = proxyMean(ctx, proxy, (p) => p.borrows);
        const wait = proxyMean(ctx, proxy, (p) => p.meanBorrowWaitMs);
        // meanBorrowWaitMs counts the borrows that did not wait as 0: per borrow that waited, over
        // every run's waits (a ratio of the means would mix runs that waited little and long).
        const runs = ctx.evaluation.summaries.map((s) => s.resources[proxy] as ProxySummary);
        const waitedCount = runs.reduce((sum, p) => sum + p.borrowWaits, 0);
        const waitedMs =
          waitedCount > 0
            ? runs.reduce((sum, p) => sum + p.meanBorrowWaitMs * p.borrows, 0) / waitedCount
            : 0;
        const callers = proxyCallers(ctx.scenario, proxy);
        const callerTimeouts = callers.reduce(
          (sum, fn) => sum + fnMean(ctx, fn.name, (f) => f.invocations.timedOut),
          0,
        );
        const timeoutMs = Math.min(...callers.map((fn) => fn.timeoutMs));
        const waitsTimeOut = callerTimeouts > 0 && waitedMs >= WAIT_SHARE_OF_TIMEOUT * timeoutMs;
        const hard = timeouts > 0 || waitsTimeOut;
        if (!hard && !(waits > 0 && latencyFails(ctx))) return [];
        const throttled = callers.reduce(
          (sum, fn) =>
            sum +
            fnMean(ctx, fn.name, (f) => f.throttledBy.reservedConcurrency + f.throttledBy.accountConcurrency),
          0,
        );
        const pool = proxyMean(ctx, proxy, (p) => p.poolSize);
        return [
          {
            bottleneck: 'proxyPool',
            severity: hard ? ('hard' as const) : ('soft' as const),
            function: null,
            resource: proxy,
            affected: hard ? timeouts + (waitsTimeOut ? Math.min(callerTimeouts, waits) : 0) : waits,
            facts: {
              poolSize: pool,
              borrows,
              borrowWaits: waits,
              meanBorrowWaitMs: wait,
              meanWaitOfWaitingBorrowMs: waitedMs,
              borrowTimeouts: timeouts,
              callerTimeouts,
              callerTimeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : 0,
              callerThrottledAttempts: throttled,
            },
            ...(hard
              ? {
                  explains: callers.flatMap((fn) =>
                    PILE_UP.map((bottleneck) => ({ bottleneck, function: fn.name, resource: null })),
                  ),
                }
              : {}),
          },
        ];
      });
    },
  },
  {
    id: 'databaseCpu',
    find(ctx) {
      if (!latencyFails(ctx)) return [];
      return databases(ctx).flatMap((db) => {
        const utilization = dbMean(ctx, db, (d) => d.cpuUtilization);
        if (!(utilization >= 0.8)) return [];
        return [
          {
            bottleneck: 'databaseCpu',
            severity: 'soft' as const,
            function: null,
            resource: db,
            affected: dbMean(ctx, db, (d) => d.queries),
            facts: { cpuUtilization: utilization },
          },
        ];
      });
    },
  },
  {
    id: 'provisionedConcurrency',
    find(ctx) {
      if (!latencyFails(ctx)) return [];
      return ctx.scenario.functions.flatMap((fn) => {
        const cold = fnMean(ctx, fn.name, (f) => f.coldStarts);
        if (fn.provisionedConcurrency === 0 || !(cold > 0)) return [];
        const peak = fnHighest(ctx, fn.name, (f) => f.concurrency.peak);
        return [
          {
            bottleneck: 'provisionedConcurrency',
            severity: 'soft' as const,
            function: fn.name,
            resource: null,
            affected: cold,
            facts: {
              peakConcurrency: peak,
              provisionedConcurrency: fn.provisionedConcurrency,
              coldStarts: cold,
              invokedAs: invokedAs(ctx, fn.name),
            },
          },
        ];
      });
    },
  },
  {
    id: 'coldStarts',
    find(ctx) {
      if (!latencyFails(ctx)) return [];
      return ctx.scenario.functions.flatMap((fn) => {
        const cold = fnMean(ctx, fn.name, (f) => f.coldStarts);
        if (fn.provisionedConcurrency > 0 || !(cold > 0)) return [];
        const rate = fnMean(ctx, fn.name, (f) => f.coldStartRate);
        const coldP99 = fnMean(ctx, fn.name, (f) => f.latencyColdMs.p99);
        const warmP99 = fnMean(ctx, fn.name, (f) => f.latencyWarmMs.p99);
        // Cold starts explain slowness only when cold requests are the slow ones.
        if (!(coldP99 > warmP99)) return [];
        return [
          {
            bottleneck: 'coldStarts',
            severity: 'soft' as const,
            function: fn.name,
            resource: null,
            affected: cold,
            facts: { coldStartRate: rate, coldP99LatencyMs: coldP99, warmP99LatencyMs: warmP99 },
          },
        ];
      });
    },
  },
  {
    // A queue at its in-flight quota hands out nothing (src/model/messaging/sqsQueue.ts): its
    // backlog waits however many consumers there are. Before queueBacklog, which it explains.
    id: 'queueInFlightQuota',
    find(ctx) {
      if (ctx.evaluation.metrics.every((m) => m.meets)) return [];
      const first = ctx.evaluation.summaries[0]?.resources ?? {};
      return Object.entries(first).flatMap(([name, r]) => {
        if (r.type !== 'sqs-queue') return [];
        const queue = (s: Summary) => s.resources[name] as QueueSummary;
        const atQuotaMs = mean(ctx.evaluation.summaries, (s) => queue(s).atInFlightQuotaMs);
        if (!(atQuotaMs > 0)) return [];
        const config = ctx.scenario.resources.find((q) => q.name === name);
        return [
          {
            bottleneck: 'queueInFlightQuota',
            severity: 'soft' as const,
            explains: [backlogOf(name, r)],
            function: Object.keys(r.consumers)[0] ?? null,
            resource: name,
            affected: mean(ctx.evaluation.summaries, (s) => queue(s).backlog.peak),
            facts: {
              atInFlightQuotaMs: atQuotaMs,
              peakInFlight: highest(ctx.evaluation.summaries, (s) => queue(s).peakInFlight),
              maxInFlightMessages: config?.type === 'sqs-queue' ? config.maxInFlightMessages : 0,
              peakBacklog: highest(ctx.evaluation.summaries, (s) => queue(s).backlog.peak),
            },
          },
        ];
      });
    },
  },
  {
    // Messages that fail stay in flight for the visibility timeout before they are received again,
    // and their age counts in queue age (ApproximateAgeOfOldestMessage): with a timeout at least
    // the queue-age objective, no consumer capacity keeps the age under it while messages fail.
    // Before queueBacklog, which it explains.
    id: 'queueRetryWait',
    find(ctx) {
      const failing = ctx.evaluation.metrics.find((m) => !m.meets && m.objective.metric === 'queueAge');
      if (!failing) return [];
      const first = ctx.evaluation.summaries[0]?.resources ?? {};
      return Object.entries(first).flatMap(([name, r]) => {
        const config = ctx.scenario.resources.find((q) => q.name === name);
        if (r.type !== 'sqs-queue' || config?.type !== 'sqs-queue') return [];
        if (config.visibilityTimeoutMs < failing.objective.max) return [];
        const queue = (s: Summary) => s.resources[name] as QueueSummary;
        const failed = mean(ctx.evaluation.summaries, (s) =>
          Object.values(queue(s).consumers).reduce((sum, c) => sum + c.messagesFailed, 0),
        );
        if (!(failed > 0)) return [];
        return [
          {
            bottleneck: 'queueRetryWait',
            severity: 'soft' as const,
            explains: [backlogOf(name, r)],
            function: Object.keys(r.consumers)[0] ?? null,
            resource: name,
            affected: failed,
            facts: {
              failedMessages: failed,
              visibilityTimeoutMs: config.visibilityTimeoutMs,
              queueAgeObjectiveMs: failing.objective.max,
              maxAgeMs: mean(ctx.evaluation.summaries, (s) => queue(s).maxAgeMs),
            },
          },
        ];
      });
    },
  },
  {
    // A stream's consumer runs at most shards x parallelizationFactor batches at once, one per
    // lane, and Lambda scales it no further (src/model/invocation/streamEventSource.ts): it reads
    // at most lanes x batchSize records per batch duration. When its iterator age breaks a
    // queueAge objective (or its backlog grows to the end under a failing backlogAtEnd) and no
    // concurrency limit throttled its batches (the throttle rules name those), the lanes are the
    // limit. Before queueBacklog, which it explains.
    id: 'streamConcurrency',
    find(ctx) {
      const failing = failingBacklog(ctx);
      if (!failing) return [];
      const summaries = ctx.evaluation.summaries;
      const first = summaries[0]?.resources ?? {};
      return Object.entries(first).flatMap(([name, r]) => {
        if (r.type !== 'kinesis-stream' && r.type !== 'dynamodb-stream') return [];
        return Object.keys(r.consumers).flatMap((fn) => {
          const lanes = streamLanes(ctx.scenario, fn, name);
          if (lanes === null) return [];
          const consumer = (s: Summary) => (s.resources[name] as StreamSummary).consumers[fn];
          const ageMs = mean(summaries, (s) => consumer(s).iteratorAgeMs.max);
          const tooOld = failing.ageMs !== null && ageMs > failing.ageMs;
          if (!tooOld && !(failing.growing && growingAtEnd(ctx, name, fn) > 0)) return [];
          if (mean(summaries, (s) => consumer(s).throttledBatches) > 0) return [];
          const batchMs = fnMean(ctx, fn, (f) => f.durationMs.mean);
          const laneCount = lanes.shards * lanes.parallelizationFactor;
          const capacity = batchMs > 0 ? (laneCount * lanes.batchSize * 1000) / batchMs : 0;
          return [
            {
              bottleneck: 'streamConcurrency',
              severity: 'soft' as const,
              explains: [backlogOf(name, r)],
              function: fn,
              resource: name,
              affected: mean(summaries, (s) => consumer(s).backlog.peak),
              facts: {
                shards: lanes.shards,
                parallelizationFactor: lanes.parallelizationFactor,
                batchSize: lanes.batchSize,
                meanBatchDurationMs: batchMs,
                capacityRecordsPerSecond: capacity,
                arrivalRecordsPerSecond:
                  mean(summaries, (s) => consumer(s).records) / (ctx.scenario.durationMs / 1000),
                maxIteratorAgeMs: ageMs,
                waitingAtEnd: mean(summaries, (s) => consumer(s).waitingAtEnd),
              },
            },
          ];
        });
      });
    },
  },
  {
    // A queue's or stream's backlog under a failing queueAge objective (messages waited), or one
    // still growing at the end of the window under a failing backlogAtEnd (its consumers do not
    // keep up): `waitingAtEnd` is the mean still waiting at the end where it grew.
    id: 'queueBacklog',
    find(ctx) {
      const failing = failingBacklog(ctx);
      if (!failing) return [];
      const names = Object.keys(ctx.evaluation.summaries[0]?.resources ?? {});
      return names.flatMap((name) => {
        const r = ctx.evaluation.summaries[0].resources[name];
        if (!('maxAgeMs' in r)) return [];
        const age = mean(
          ctx.evaluation.summaries,
          (s) => (s.resources[name] as { maxAgeMs: number }).maxAgeMs,
        );
        const waitingAtEnd = growingAtEnd(ctx, name, null);
        if (!((failing.ageMs !== null && age > 0) || (failing.growing && waitingAtEnd > 0))) return [];
        const peakOf = (s: Summary) => (s.resources[name] as QueueSummary).backlog.peak;
        const sqs = r.type === 'sqs-queue';
        const consumers = Object.keys(r.consumers).join(', ');
        return [
          {
            ...backlogOf(name, r),
            severity: 'soft' as const,
            affected: sqs ? mean(ctx.evaluation.summaries, peakOf) : 0,
            facts: {
              maxAgeMs: age,
              ...(sqs ? { peakBacklog: highest(ctx.evaluation.summaries, peakOf) } : {}),
              ...(waitingAtEnd > 0 ? { waitingAtEnd } : {}),
              consumers,
            },
          },
        ];
      });
    },
  },
  {
    id: 'latency',
    find(ctx) {
      const failing = ctx.evaluation.metrics.filter(
        (m) => !m.meets && LATENCY_METRICS.has(m.objective.metric),
      );
      return failing.flatMap((m) => {
        const fn = m.function ?? ctx.scenario.functions[0]?.name;
        if (!fn) return [];
        const p99 = fnMean(ctx, fn, (f) => f.durationMs.p99);
        const arrived = fnMean(ctx, fn, (f) => f.invocations.arrived);
        return [
          {
            bottleneck: 'latency',
            severity: 'soft' as const,
            function: fn,
            resource: null,
            // Ranked last among soft findings: it is what remains when nothing else explains it.
            affected: 0,
            facts: {
              metric: m.objective.metric,
              valueMs: m.mean ?? 0,
              objectiveMs: m.objective.max,
              p99DurationMs: p99,
              arrivedRequests: arrived,
              invokedAs: invokedAs(ctx, fn),
            },
          },
        ];
      });
    },
  },
];

/** Every finding, most important first (see the module comment). */
export function findBottlenecks(
  ctx: BottleneckContext,
  rules: readonly BottleneckRule[] = BOTTLENECK_RULES,
): BottleneckFinding[] {
  const all = rules.flatMap((rule, order) => rule.find(ctx).map((f) => ({ f, order })));
  // A symptom another finding explains is left out (BottleneckFinding.explains).
  const explained = (f: BottleneckFinding) =>
    all.some(({ f: cause }) =>
      cause.explains?.some(
        (x) => x.bottleneck === f.bottleneck && x.function === f.function && x.resource === f.resource,
      ),
    );
  const found = all.filter(({ f }) => !explained(f));
  const rank = (x: { f: BottleneckFinding }) => (x.f.severity === 'hard' ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || b.f.affected - a.f.affected || a.order - b.order);
  return found.map((x) => x.f);
}
