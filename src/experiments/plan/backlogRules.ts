/**
 * The bottleneck rules of work waiting in a queue or stream (bottleneck.ts): an SQS queue at its
 * in-flight quota, failed messages waiting out their visibility timeout, a stream consumer's lanes,
 * and the backlog itself, under a failing queueAge or backlogAtEnd objective. Pure.
 */
import { growingBacklogs, type QueueSummary, type StreamSummary, type Summary } from '../../results/index.ts';
import type { BottleneckContext, BottleneckRule, Symptom } from './bottleneck.ts';
import { fnMean, highest, mean } from './ruleEvidence.ts';
import { streamLanes } from './streamKnobs.ts';

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

/** The queueBacklog finding's identity on a queue or stream (its first consumer, the resource). */
const backlogOf = (name: string, r: { readonly consumers: Readonly<Record<string, unknown>> }): Symptom => ({
  bottleneck: 'queueBacklog',
  function: Object.keys(r.consumers)[0] ?? null,
  resource: name,
});

/**
 * A queue at its in-flight quota hands out nothing (src/model/messaging/sqsQueue.ts): its
 * backlog waits however many consumers there are. Before queueBacklog, which it explains.
 */
export const queueInFlightQuotaRule: BottleneckRule = {
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
};

/**
 * Messages that fail stay in flight for the visibility timeout before they are received again,
 * and their age counts in queue age (ApproximateAgeOfOldestMessage): with a timeout at least
 * the queue-age objective, no consumer capacity keeps the age under it while messages fail.
 * Before queueBacklog, which it explains.
 */
export const queueRetryWaitRule: BottleneckRule = {
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
};

/**
 * A stream's consumer runs at most shards x parallelizationFactor batches at once, one per
 * lane, and Lambda scales it no further (src/model/invocation/streamEventSource.ts): it reads
 * at most lanes x batchSize records per batch duration. When its iterator age breaks a
 * queueAge objective (or its backlog grows to the end under a failing backlogAtEnd) and no
 * concurrency limit throttled its batches (the throttle rules name those), the lanes are the
 * limit. Before queueBacklog, which it explains.
 */
export const streamConcurrencyRule: BottleneckRule = {
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
};

/**
 * A queue's or stream's backlog under a failing queueAge objective (messages waited), or one
 * still growing at the end of the window under a failing backlogAtEnd (its consumers do not
 * keep up): `waitingAtEnd` is the mean still waiting at the end where it grew.
 */
export const queueBacklogRule: BottleneckRule = {
  id: 'queueBacklog',
  find(ctx) {
    const failing = failingBacklog(ctx);
    if (!failing) return [];
    const names = Object.keys(ctx.evaluation.summaries[0]?.resources ?? {});
    return names.flatMap((name) => {
      const r = ctx.evaluation.summaries[0].resources[name];
      if (!('maxAgeMs' in r)) return [];
      const age = mean(ctx.evaluation.summaries, (s) => (s.resources[name] as { maxAgeMs: number }).maxAgeMs);
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
};
