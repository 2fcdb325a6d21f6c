/**
 * The bottleneck rules of a function's own limits (bottleneck.ts): the concurrency and rate limits
 * that throttle it (reserved and account concurrency, the scaling rate, the request-rate quota),
 * its timeout, and, when a latency objective fails, its cold starts, too few provisioned
 * environments, or a handler slow by itself. Pure.
 */
import { REQUESTS_PER_SECOND_PER_CONCURRENCY } from '../../model/index.ts';
import type { QueueSummary } from '../../results/index.ts';
import type { LambdaFunction, Scenario } from '../../scenario/index.ts';
import type { BottleneckContext, BottleneckRule, FindingFacts } from './bottleneck.ts';
import { fnHighest, fnMean, invokedAs, LATENCY_METRICS, latencyFails, mean } from './ruleEvidence.ts';

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

/** The throttle rules, one per limit that refuses invokes (a function's `throttledBy` keys). */
export const THROTTLE_RULES: readonly BottleneckRule[] = [
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
];

export const timeoutRule: BottleneckRule = {
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
};

export const provisionedConcurrencyRule: BottleneckRule = {
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
};

export const coldStartsRule: BottleneckRule = {
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
};

export const latencyRule: BottleneckRule = {
  id: 'latency',
  find(ctx) {
    const failing = ctx.evaluation.metrics.filter((m) => !m.meets && LATENCY_METRICS.has(m.objective.metric));
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
};
