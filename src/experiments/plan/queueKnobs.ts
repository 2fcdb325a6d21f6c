/**
 * Knobs on an SQS queue and its consumers' mapping (knobs.ts): the in-flight quota, the visibility
 * timeout, provisioned event pollers. Pure.
 */
import { present } from '../../result.ts';
import type { Scenario, SqsQueue } from '../../scenario/index.ts';
import { SQS_PROVISIONED_POLLER_DEFAULTS } from '../../scenario/index.ts';
import { withFunction, withResource } from '../edits.ts';
import type { Knob } from './knobs.ts';
import { fnOf, resourceOf } from './knobTargets.ts';

/**
 * The queue's in-flight quota raised (AWS Support raises it on request: SQS developer guide,
 * "Amazon SQS standard queue quotas"): 2, 4 and 10 times what it is.
 */
export function inFlightQuotaKnob(s: Scenario, queue: string): Knob | null {
  const q = resourceOf<SqsQueue>(s, queue);
  if (q?.type !== 'sqs-queue') return null;
  return {
    id: 'sqsInFlightQuota',
    domain: { kind: 'list', values: [2, 4, 10].map((k) => k * q.maxInFlightMessages) },
    apply(scenario, value) {
      const old = present(resourceOf<SqsQueue>(scenario, queue), `queue ${queue}`);
      const next: SqsQueue = { ...old, maxInFlightMessages: Number(value) };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${queue}.maxInFlightMessages`,
            from: old.maxInFlightMessages,
            to: Number(value),
            reason: { code: 'inFlightQuota', queue },
          },
        ],
      };
    },
  };
}

/**
 * The queue's visibility timeout shortened to 6 times its consumers' longest timeout, the least AWS
 * advises ("at least six times the timeout that you configure on your function", Lambda developer
 * guide, with-sqs); none when it is already there or shorter.
 */
export function visibilityTimeoutKnob(s: Scenario, queue: string): Knob | null {
  const q = resourceOf<SqsQueue>(s, queue);
  if (q?.type !== 'sqs-queue') return null;
  const consumers = s.functions.filter((f) => f.events.some((e) => e.kind === 'sqs' && e.queue === queue));
  if (consumers.length === 0) return null;
  const timeoutMs = Math.max(...consumers.map((f) => f.timeoutMs));
  const advisedMs = 6 * timeoutMs;
  return {
    id: 'sqsVisibilityTimeout',
    domain: { kind: 'list', values: advisedMs < q.visibilityTimeoutMs ? [advisedMs] : [] },
    apply(scenario, value) {
      const old = present(resourceOf<SqsQueue>(scenario, queue), `queue ${queue}`);
      const next: SqsQueue = { ...old, visibilityTimeoutMs: Number(value) };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${queue}.visibilityTimeout`,
            from: `${old.visibilityTimeoutMs / 1000}s`,
            to: `${Number(value) / 1000}s`,
            reason: { code: 'shorterVisibility', queue, consumerTimeoutMs: timeoutMs },
          },
        ],
      };
    },
  };
}

/** Event pollers tried as provisioned mode's maximum (AWS's default 200 first, up to its limit 2,000). */
const PROVISIONED_MAX_POLLERS = [200, 500, 1000, 2000];

/**
 * `fn`'s SQS mapping on `queue` in provisioned mode (ProvisionedPollerConfig; Lambda developer guide
 * "Configuring scaling behavior for SQS event source mappings"): dedicated event pollers scale by
 * up to 1,000 concurrent invocations a minute (3 x the default mode's 300) and past its 1,250, up
 * to 10 per poller. Values: the maximum pollers, from AWS's default 200 to its limit 2,000 (above
 * the current maximum when already in provisioned mode); the minimum stays as it is (2 by
 * default). maximumConcurrency, which AWS does not take with it, is dropped.
 */
export function provisionedPollersKnob(s: Scenario, fn: string, queue: string): Knob | null {
  /** The function's SQS mapping on `queue` in `scenario`, and where it is in its events. */
  const mappingOf = (scenario: Scenario) => {
    const events = fnOf(scenario, fn).events;
    const index = events.findIndex((e) => e.kind === 'sqs' && e.queue === queue);
    const event = events[index];
    return event?.kind === 'sqs' ? { index, event } : null;
  };
  const found = mappingOf(s);
  if (found === null) return null;
  const currentMax = found.event.provisionedPollers?.max ?? 0;
  return {
    id: 'sqsProvisionedPollers',
    domain: { kind: 'list', values: PROVISIONED_MAX_POLLERS.filter((max) => max > currentMax) },
    apply(scenario, value) {
      const { index, event } = present(mappingOf(scenario), `${fn}'s SQS mapping on ${queue}`);
      const max = Number(value);
      const min = event.provisionedPollers?.min ?? SQS_PROVISIONED_POLLER_DEFAULTS.min;
      const next = withFunction(scenario, fn, (g) => ({
        ...g,
        events: g.events.map((e, i) =>
          i === index ? { ...event, maximumConcurrency: null, provisionedPollers: { min, max } } : e,
        ),
      }));
      return {
        scenario: next,
        changes: [
          {
            setting: `functions.${fn}.events[${index}].sqs.provisionedPollers.max`,
            from: event.provisionedPollers?.max ?? null,
            to: max,
            reason: { code: 'provisionedPollers', queue, function: fn },
          },
        ],
      };
    },
  };
}
