/**
 * An SQS consumer throttled by its own reserved concurrency: its event source mapping's
 * MaximumConcurrency set to that reserved concurrency. AWS's advice (Lambda developer guide,
 * "services-sqs-scaling"): "Don't configure maximum concurrency to be higher than your function's
 * reserved concurrency. ... make sure that your function's reserved concurrency is greater than or
 * equal to the total maximum concurrency of all Amazon SQS event sources on the function.
 * Otherwise, Lambda may throttle your messages." The pollers then stop at what the function can
 * run, so batches wait in the queue instead of being throttled and retried with backoff (free: AWS
 * bills nothing for the setting). MaximumConcurrency is 2..1,000 (CloudFormation ScalingConfig).
 * Pure.
 */
import { present } from '../../result.ts';
import type { Scenario, SqsEventSource } from '../../scenario/index.ts';
import { withFunction } from '../edits.ts';
import type { Change, Knob } from './knobs.ts';

/** ScalingConfig.MaximumConcurrency's range (CloudFormation, AWS::Lambda::EventSourceMapping ScalingConfig). */
export const MIN_SQS_MAXIMUM_CONCURRENCY = 2;
export const MAX_SQS_MAXIMUM_CONCURRENCY = 1000;

/**
 * `fn`'s only SQS mapping in `scenario` and where it is in its events; null when it has none or
 * several (their maximum concurrencies must then share the reserved concurrency: lamsim leaves
 * that split to you).
 */
export function onlySqsMapping(
  scenario: Scenario,
  fn: string,
): { index: number; event: SqsEventSource } | null {
  const events = scenario.functions.find((f) => f.name === fn)?.events ?? [];
  const sqs = events.flatMap((event, index) => (event.kind === 'sqs' ? [{ index, event }] : []));
  return sqs.length === 1 ? sqs[0] : null;
}

/**
 * `fn`'s SQS mapping capped at `fn`'s reserved concurrency (one value). None when `fn` has no
 * reserved concurrency (or less than 2), not exactly one SQS mapping, a mapping in provisioned
 * mode (AWS takes one or the other), or one already capped at or under its reserved concurrency.
 */
export function sqsMaximumConcurrencyKnob(s: Scenario, fn: string): Knob | null {
  const reserved = s.functions.find((f) => f.name === fn)?.reservedConcurrency ?? null;
  const found = onlySqsMapping(s, fn);
  if (reserved === null || reserved < MIN_SQS_MAXIMUM_CONCURRENCY || found === null) return null;
  if (found.event.provisionedPollers !== null) return null;
  const cap = Math.min(reserved, MAX_SQS_MAXIMUM_CONCURRENCY);
  const current = found.event.maximumConcurrency ?? Number.POSITIVE_INFINITY;
  return {
    id: 'sqsMaximumConcurrency',
    domain: { kind: 'list', values: cap < current ? [cap] : [] },
    apply(scenario, value) {
      return withCap(
        scenario,
        fn,
        present(onlySqsMapping(scenario, fn), `${fn}'s SQS mapping`),
        Number(value),
      );
    },
  };
}

/**
 * `fn`'s SQS mapping's MaximumConcurrency raised, for a backlog the cap holds back: values above the
 * cap up to the function's reserved concurrency (AWS, as above: not higher) or, without one, the
 * setting's maximum 1,000. None without a cap, with several SQS mappings (their caps share the
 * reserved concurrency), in provisioned mode, or with the cap already at that ceiling (knobsFor
 * drops an empty range). Free: AWS bills nothing for the setting.
 */
export function sqsRaisedCapKnob(s: Scenario, fn: string): Knob | null {
  const found = onlySqsMapping(s, fn);
  const cap = found?.event.maximumConcurrency ?? null;
  if (found === null || cap === null || found.event.provisionedPollers !== null) return null;
  const reserved = s.functions.find((f) => f.name === fn)?.reservedConcurrency ?? null;
  const ceiling = Math.min(reserved ?? MAX_SQS_MAXIMUM_CONCURRENCY, MAX_SQS_MAXIMUM_CONCURRENCY);
  return {
    id: 'sqsMaximumConcurrencyRaised',
    domain: { kind: 'integer', current: cap, from: cap + 1, to: ceiling },
    apply(scenario, value) {
      const mapping = present(onlySqsMapping(scenario, fn), `${fn}'s SQS mapping`);
      return withCap(scenario, fn, mapping, Number(value), 'moreMaximumConcurrency');
    },
  };
}

/**
 * Reserved concurrency of `fn` raised from `fromReserved` to `toReserved`: a mapping capped at the
 * old reserved concurrency (as the knob above sets it) would keep the pollers there, so its cap is
 * raised with it (up to 1,000); a mapping capped lower was capped on purpose and stays.
 */
export function withCapFollowingReserved(
  scenario: Scenario,
  fn: string,
  fromReserved: number | null,
  toReserved: number,
): { scenario: Scenario; changes: Change[] } {
  const found = onlySqsMapping(scenario, fn);
  const cap = found?.event.maximumConcurrency ?? null;
  if (found === null || cap === null || cap !== fromReserved) return { scenario, changes: [] };
  const v = Math.min(toReserved, MAX_SQS_MAXIMUM_CONCURRENCY);
  if (v <= cap) return { scenario, changes: [] };
  return withCap(scenario, fn, found, v);
}

/** `fn`'s SQS mapping `mapping` (at its index in the events) with MaximumConcurrency `v`, and that change. */
function withCap(
  scenario: Scenario,
  fn: string,
  mapping: { index: number; event: SqsEventSource },
  v: number,
  why: 'maximumConcurrencyAtReserved' | 'moreMaximumConcurrency' = 'maximumConcurrencyAtReserved',
): { scenario: Scenario; changes: Change[] } {
  const { index, event } = mapping;
  return {
    scenario: withFunction(scenario, fn, (g) => ({
      ...g,
      events: g.events.map((e, i) => (i === index ? { ...event, maximumConcurrency: v } : e)),
    })),
    changes: [
      {
        setting: `functions.${fn}.events[${index}].sqs.maximumConcurrency`,
        from: event.maximumConcurrency,
        to: v,
        reason: { code: why, function: fn, queue: event.queue },
      },
    ],
  };
}
