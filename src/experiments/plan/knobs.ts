import type { RdsProxy, Scenario } from '../../scenario/index.ts';
import type { BottleneckFinding } from './bottleneck.ts';
import { addRdsProxyKnob, dbInstanceClassKnob, proxyConnectionsKnob } from './databaseKnobs.ts';
import {
  accountQuotaKnob,
  memoryKnob,
  provisionedConcurrencyKnob,
  reservedConcurrencyKnob,
  timeoutKnob,
} from './functionKnobs.ts';
import { resourceOf } from './knobTargets.ts';
import { inFlightQuotaKnob, provisionedPollersKnob, visibilityTimeoutKnob } from './queueKnobs.ts';
import { sqsMaximumConcurrencyKnob, sqsRaisedCapKnob } from './sqsConcurrencyKnob.ts';
import { parallelizationFactorKnob, shardCountKnob } from './streamKnobs.ts';

/**
 * Why a change relieves the bottleneck, as a code and its numbers; report/plan/changeText.ts
 * writes the sentence (plan.json's `reason`).
 */
export type ChangeReason =
  /** More concurrent executions for the function (reserved concurrency raised). */
  | { readonly code: 'moreConcurrency'; readonly function: string }
  /** A Lambda concurrent-executions quota increase, asked for as the change itself. */
  | { readonly code: 'accountQuota' }
  /** A quota increase so reserved and provisioned concurrency leave the unreserved minimum. */
  | { readonly code: 'accountRoom'; readonly unreservedMinimum: number }
  /** Environments initialised before traffic: no cold start, no scaling-rate wait. */
  | { readonly code: 'provisioned'; readonly function: string }
  /** Reserved concurrency raised with provisioned: provisioned cannot exceed reserved. */
  | { readonly code: 'reservedForProvisioned' }
  /** More CPU (1 vCPU per 1,769 MB): shorter invocations need fewer concurrent executions. */
  | { readonly code: 'moreCpu'; readonly function: string }
  /** A longer timeout lets slow invocations finish. */
  | { readonly code: 'longerTimeout'; readonly function: string }
  /** An RDS Proxy pools the database's connections. */
  | { readonly code: 'addProxy'; readonly database: string }
  /** The function's calls go through the new proxy. */
  | { readonly code: 'throughProxy'; readonly function: string }
  /** A larger instance class; `maxConnections` when max_connections follows the class (else null). */
  | {
      readonly code: 'largerInstance';
      readonly vcpus: number;
      readonly memoryGiB: number;
      readonly maxConnections: number | null;
    }
  /** A larger share of the database's connections for the proxy's pool. */
  | { readonly code: 'largerProxyPool' }
  /** An SQS in-flight quota increase (AWS Support), asked for as the change itself. */
  | { readonly code: 'inFlightQuota'; readonly queue: string }
  /** A shorter visibility timeout: failed messages are received again sooner. */
  | { readonly code: 'shorterVisibility'; readonly queue: string; readonly consumerTimeoutMs: number }
  /** The SQS mapping in provisioned mode: dedicated event pollers scale faster and further. */
  | { readonly code: 'provisionedPollers'; readonly queue: string; readonly function: string }
  /** An SQS mapping's MaximumConcurrency set to its function's reserved concurrency: batches wait in the queue instead of being throttled. */
  | { readonly code: 'maximumConcurrencyAtReserved'; readonly function: string; readonly queue: string }
  /** An SQS mapping's MaximumConcurrency raised (up to its function's reserved concurrency): more batches at once. */
  | { readonly code: 'moreMaximumConcurrency'; readonly function: string; readonly queue: string }
  /** A stream mapping's ParallelizationFactor raised: more batches at once per shard. */
  | { readonly code: 'moreStreamLanes'; readonly function: string; readonly stream: string }
  /** More shards in a Kinesis stream: more batches at once, more write capacity, more shard-hours. */
  | { readonly code: 'moreShards'; readonly stream: string };

/** One setting changed: `setting` is a key path in the scenario, e.g. `functions.api.reservedConcurrency`. */
export interface Change {
  readonly setting: string;
  readonly from: number | string | null;
  readonly to: number | string;
  readonly reason: ChangeReason;
}

export type KnobValue = number | string;

export interface Knob {
  readonly id: string;
  /** Values to try: integers from..to, or a list from weakest to strongest. */
  readonly domain:
    | { readonly kind: 'integer'; readonly current: number; readonly from: number; readonly to: number }
    | { readonly kind: 'list'; readonly values: readonly KnobValue[] };
  apply(
    scenario: Scenario,
    value: KnobValue,
  ): { readonly scenario: Scenario; readonly changes: readonly Change[] };
}

/** Knobs worth trying for a finding, most direct first. */
export type Remedy = (scenario: Scenario, finding: BottleneckFinding) => readonly (Knob | null)[];

const fnKnobs =
  (...make: ((s: Scenario, fn: string) => Knob | null)[]): Remedy =>
  (s, f) => {
    const fn = f.function;
    return fn ? make.map((k) => k(s, fn)) : [];
  };

const isStream = (s: Scenario, name: string | null) =>
  s.resources.some((r) => r.name === name && (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream'));

/** A stream consumer's lanes: its parallelization factor, and the stream's shards. */
const streamKnobs = (s: Scenario, f: BottleneckFinding) =>
  f.function !== null && f.resource !== null
    ? [parallelizationFactorKnob(s, f.function, f.resource), shardCountKnob(s, f.resource)]
    : [];

const proxyTarget = (s: Scenario, proxy: string) => resourceOf<RdsProxy>(s, proxy)?.target ?? '';

export const REMEDIES: Readonly<Record<string, Remedy>> = {
  // An SQS consumer's mapping capped at the reserved concurrency stops throttling its batches (free).
  reservedConcurrency: fnKnobs(reservedConcurrencyKnob, memoryKnob, sqsMaximumConcurrencyKnob),
  accountConcurrency: (s, f) => [accountQuotaKnob(s), ...(f.function ? [memoryKnob(s, f.function)] : [])],
  scalingRate: fnKnobs(provisionedConcurrencyKnob),
  // The request-rate quota is 10 x the account's concurrency: only a larger quota raises it.
  requestRate: (s) => [accountQuotaKnob(s)],
  provisionedConcurrency: fnKnobs(provisionedConcurrencyKnob),
  coldStarts: fnKnobs(provisionedConcurrencyKnob),
  timeout: fnKnobs(memoryKnob, timeoutKnob),
  latency: fnKnobs(memoryKnob, provisionedConcurrencyKnob),
  dbConnections: (s, f) =>
    f.resource ? [addRdsProxyKnob(s, f.resource), dbInstanceClassKnob(s, f.resource)] : [],
  proxyPool: (s, f) =>
    f.resource
      ? [proxyConnectionsKnob(s, f.resource), dbInstanceClassKnob(s, proxyTarget(s, f.resource))]
      : [],
  databaseCpu: (s, f) => (f.resource ? [dbInstanceClassKnob(s, f.resource)] : []),
  // At the quota no receive takes anything: only a larger quota lets more messages in flight.
  queueInFlightQuota: (s, f) => (f.resource ? [inFlightQuotaKnob(s, f.resource)] : []),
  // Failed messages come back sooner; the rest of the wait is the failures themselves.
  queueRetryWait: (s, f) => (f.resource ? [visibilityTimeoutKnob(s, f.resource)] : []),
  // A backlog drains faster with more consumer concurrency (on SQS, first a mapping cap raised,
  // free) or faster consumers, or, on SQS, with pollers that scale faster and further
  // (provisioned mode). A stream consumer's concurrency is
  // shards x parallelization factor, which reserved concurrency cannot raise (streamKnobs.ts).
  queueBacklog: (s, f) =>
    isStream(s, f.resource)
      ? [...fnKnobs(memoryKnob)(s, f), ...streamKnobs(s, f)]
      : [
          ...fnKnobs(sqsRaisedCapKnob, reservedConcurrencyKnob, memoryKnob)(s, f),
          f.function !== null && f.resource !== null
            ? provisionedPollersKnob(s, f.function, f.resource)
            : null,
        ],
  // More batches at once per shard first (free), then more shards (billed), then faster batches.
  streamConcurrency: (s, f) => [...streamKnobs(s, f), ...fnKnobs(memoryKnob)(s, f)],
};

/** The knobs for a finding that have values to try. */
export function knobsFor(scenario: Scenario, finding: BottleneckFinding): Knob[] {
  const remedy = REMEDIES[finding.bottleneck];
  if (!remedy) return [];
  return remedy(scenario, finding).filter(
    (k): k is Knob =>
      k !== null && (k.domain.kind === 'integer' ? k.domain.from <= k.domain.to : k.domain.values.length > 0),
  );
}
