/**
 * Knobs: the settings a planner may change to relieve a bottleneck, each with its values (an
 * integer range, or a list from weakest to strongest) and how to apply a value to a scenario —
 * together with what AWS makes it imply (reserved concurrency beyond the account's room needs a
 * quota increase; provisioned concurrency above reserved needs more reserved). `REMEDIES` maps a
 * bottleneck to the knobs worth trying, in order. Pure; extend both tables to add remedies.
 */

import { priceRegionFor, priceTable } from '../../billing/index.ts';
import { distMean } from '../../engine/index.ts';
import { usableVcpus } from '../../model/index.ts';
import { present } from '../../result.ts';
import type {
  Database,
  LambdaFunction,
  RdsProxy,
  Resource,
  Scenario,
  SqsQueue,
} from '../../scenario/index.ts';
import {
  DB_INSTANCE_CLASSES,
  defaultMaxConnections,
  RDS_PROXY_DEFAULTS,
  SQS_PROVISIONED_POLLER_DEFAULTS,
  splitInstanceClass,
} from '../../scenario/index.ts';
import { withFunction, withMemory, withResource } from '../edits.ts';
import { MAX_MEMORY_MB } from '../tune/grid.ts';
import type { BottleneckFinding } from './bottleneck.ts';
import { sqsMaximumConcurrencyKnob, withCapFollowingReserved } from './sqsConcurrencyKnob.ts';
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

const fnOf = (s: Scenario, name: string): LambdaFunction =>
  present(
    s.functions.find((f) => f.name === name),
    `function ${name}`,
  );

/** Concurrency set aside per function: its reserved concurrency, or its provisioned when none is reserved. */
const setAside = (s: Scenario) =>
  s.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? f.provisionedConcurrency), 0);

/** Raises the account quota when set-aside concurrency would leave less than the unreserved minimum. */
function withAccountRoom(s: Scenario, changes: Change[]): { scenario: Scenario; changes: Change[] } {
  const need = setAside(s) + s.account.unreservedMinimum;
  if (need <= s.account.concurrentExecutions) return { scenario: s, changes };
  return {
    scenario: { ...s, account: { ...s.account, concurrentExecutions: need } },
    changes: [
      ...changes,
      {
        setting: 'account.concurrentExecutions',
        from: s.account.concurrentExecutions,
        to: need,
        reason: { code: 'accountRoom', unreservedMinimum: s.account.unreservedMinimum },
      },
    ],
  };
}

export function reservedConcurrencyKnob(s: Scenario, fn: string): Knob {
  const current = fnOf(s, fn).reservedConcurrency ?? 0;
  return {
    id: 'reservedConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: Math.max(64 * current, current + 10_000) },
    apply(scenario, value) {
      const before = fnOf(scenario, fn).reservedConcurrency;
      const raised = withFunction(scenario, fn, (f) => ({ ...f, reservedConcurrency: Number(value) }));
      const capped = withCapFollowingReserved(raised, fn, before, Number(value));
      return withAccountRoom(capped.scenario, [
        {
          setting: `functions.${fn}.reservedConcurrency`,
          from: before,
          to: Number(value),
          reason: { code: 'moreConcurrency', function: fn },
        },
        ...capped.changes,
      ]);
    },
  };
}

export function accountQuotaKnob(s: Scenario): Knob {
  const current = s.account.concurrentExecutions;
  return {
    id: 'accountConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: 64 * current },
    apply(scenario, value) {
      return {
        scenario: { ...scenario, account: { ...scenario.account, concurrentExecutions: Number(value) } },
        changes: [
          {
            setting: 'account.concurrentExecutions',
            from: scenario.account.concurrentExecutions,
            to: Number(value),
            reason: { code: 'accountQuota' },
          },
        ],
      };
    },
  };
}

export function provisionedConcurrencyKnob(s: Scenario, fn: string): Knob {
  const f = fnOf(s, fn);
  const current = f.provisionedConcurrency;
  return {
    id: 'provisionedConcurrency',
    domain: { kind: 'integer', current, from: current + 1, to: Math.max(64 * current, current + 10_000) },
    apply(scenario, value) {
      const v = Number(value);
      const old = fnOf(scenario, fn);
      const changes: Change[] = [
        {
          setting: `functions.${fn}.provisionedConcurrency`,
          from: old.provisionedConcurrency,
          to: v,
          reason: { code: 'provisioned', function: fn },
        },
      ];
      const raiseReserved = old.reservedConcurrency !== null && old.reservedConcurrency < v;
      if (raiseReserved) {
        changes.push({
          setting: `functions.${fn}.reservedConcurrency`,
          from: old.reservedConcurrency,
          to: v,
          reason: { code: 'reservedForProvisioned' },
        });
      }
      const next = withFunction(scenario, fn, (g) => ({
        ...g,
        provisionedConcurrency: v,
        reservedConcurrency: raiseReserved ? v : g.reservedConcurrency,
      }));
      return withAccountRoom(next, changes);
    },
  };
}

/** Sizes to try above the current one: Power Tuning's, then up to the 6-vCPU maximum. */
const MEMORY_STEPS = [256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 5307, 7076, 8192, MAX_MEMORY_MB];

export function memoryKnob(s: Scenario, fn: string): Knob {
  const f = fnOf(s, fn);
  return {
    id: 'memory',
    // Only sizes that give the code more usable CPU (I/O-bound code, or code already using all its
    // threads, does not speed up with memory).
    domain: {
      kind: 'list',
      values:
        distMean(f.model.computeMs) > 0
          ? MEMORY_STEPS.filter(
              (m) =>
                m > f.memoryMb && usableVcpus(m, f.model.threads) > usableVcpus(f.memoryMb, f.model.threads),
            )
          : [],
    },
    apply(scenario, value) {
      const old = fnOf(scenario, fn);
      return {
        scenario: withFunction(scenario, fn, (g) => withMemory(g, Number(value), g.architecture)),
        changes: [
          {
            setting: `functions.${fn}.memorySize`,
            from: old.memoryMb,
            to: Number(value),
            reason: { code: 'moreCpu', function: fn },
          },
        ],
      };
    },
  };
}

export function timeoutKnob(s: Scenario, fn: string): Knob {
  const t = fnOf(s, fn).timeoutMs;
  const values = [
    ...new Set([1.5, 2, 3, 5, 10].map((k) => Math.min(900_000, Math.ceil((t * k) / 1000) * 1000))),
  ];
  return {
    id: 'timeout',
    domain: { kind: 'list', values: values.filter((v) => v > t) },
    apply(scenario, value) {
      return {
        scenario: withFunction(scenario, fn, (g) => ({ ...g, timeoutMs: Number(value) })),
        changes: [
          {
            setting: `functions.${fn}.timeout`,
            from: `${fnOf(scenario, fn).timeoutMs / 1000}s`,
            to: `${Number(value) / 1000}s`,
            reason: { code: 'longerTimeout', function: fn },
          },
        ],
      };
    },
  };
}

const resourceOf = <T extends Resource>(s: Scenario, name: string) =>
  s.resources.find((r) => r.name === name) as T | undefined;

/** Functions that call `db` directly. */
const directCallers = (s: Scenario, db: string) =>
  s.functions.filter((f) => f.model.calls.some((c) => c.kind === 'resource' && c.resource === db));

export function addRdsProxyKnob(s: Scenario, db: string): Knob | null {
  if (s.resources.some((r) => r.type === 'rds-proxy' && r.target === db)) return null;
  if (directCallers(s, db).length === 0) return null;
  let name = `${db}-proxy`;
  for (let i = 2; s.resources.some((r) => r.name === name); i++) name = `${db}-proxy-${i}`;
  return {
    id: 'rdsProxy',
    domain: { kind: 'list', values: [name] },
    apply(scenario) {
      // What the scenario parser fills in for `{ type: rds-proxy, target: db }`.
      const proxy: RdsProxy = { type: 'rds-proxy', name, target: db, ...RDS_PROXY_DEFAULTS };
      const callers = directCallers(scenario, db).map((f) => f.name);
      const functions = scenario.functions.map((f) =>
        callers.includes(f.name)
          ? {
              ...f,
              model: {
                ...f.model,
                calls: f.model.calls.map((c) =>
                  c.kind === 'resource' && c.resource === db ? { ...c, resource: name } : c,
                ),
              },
            }
          : f,
      );
      return {
        scenario: { ...scenario, resources: [...scenario.resources, proxy], functions },
        changes: [
          {
            setting: `resources.${name}`,
            from: null,
            to: `rds-proxy → ${db}`,
            reason: { code: 'addProxy', database: db },
          },
          ...callers.map((fn) => ({
            setting: `functions.${fn}.model.calls`,
            from: db,
            to: name,
            reason: { code: 'throughProxy', function: fn } as const,
          })),
        ],
      };
    },
  };
}

export function dbInstanceClassKnob(s: Scenario, db: string): Knob | null {
  const d = resourceOf<Database>(s, db);
  if (!d || !('instanceClass' in d)) return null;
  const { family } = splitInstanceClass(d.instanceClass);
  // Only classes the bill can price (the Region's table or a billing.prices override), so the
  // monthly cost that ranks this change includes the larger instance's hours.
  const table = priceTable(priceRegionFor(s.region), s.billing.prices);
  const priced = (cls: string) => table.ok && table.value.dbInstanceUsdPerHour(d.type, cls) !== undefined;
  const bigger = Object.entries(DB_INSTANCE_CLASSES)
    .filter(([cls, spec]) => splitInstanceClass(cls).family === family && spec.vcpus > d.vcpus && priced(cls))
    .sort((a, b) => a[1].vcpus - b[1].vcpus || a[1].memoryGiB - b[1].memoryGiB)
    .map(([cls]) => cls);
  // max_connections follows the class unless the scenario set it explicitly.
  const defaultConnections = d.maxConnections === defaultMaxConnections(d.type, d.instanceClass);
  return {
    id: 'dbInstanceClass',
    domain: { kind: 'list', values: bigger },
    apply(scenario, value) {
      const cls = String(value);
      const spec = DB_INSTANCE_CLASSES[cls];
      const old = present(resourceOf<Database>(scenario, db), `database ${db}`);
      const next: Database = {
        ...old,
        instanceClass: cls,
        vcpus: spec.vcpus,
        memoryGiB: spec.memoryGiB,
        maxConnections: defaultConnections ? defaultMaxConnections(old.type, cls) : old.maxConnections,
      };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${db}.instanceClass`,
            from: old.instanceClass,
            to: cls,
            reason: {
              code: 'largerInstance',
              vcpus: spec.vcpus,
              memoryGiB: spec.memoryGiB,
              maxConnections: defaultConnections ? next.maxConnections : null,
            },
          },
        ],
      };
    },
  };
}

export function proxyConnectionsKnob(s: Scenario, proxy: string): Knob | null {
  const p = resourceOf<RdsProxy>(s, proxy);
  if (p?.type !== 'rds-proxy') return null;
  return {
    id: 'proxyMaxConnections',
    domain: { kind: 'list', values: [0.5, 0.75, 0.9, 1].filter((v) => v > p.maxConnectionsFraction) },
    apply(scenario, value) {
      const old = present(resourceOf<RdsProxy>(scenario, proxy), `proxy ${proxy}`);
      const next: RdsProxy = { ...old, maxConnectionsFraction: Number(value) };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${proxy}.maxConnectionsPercent`,
            from: `${old.maxConnectionsFraction * 100}%`,
            to: `${Number(value) * 100}%`,
            reason: { code: 'largerProxyPool' },
          },
        ],
      };
    },
  };
}

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
  // A backlog drains faster with more consumer concurrency or faster consumers, or, on SQS, with
  // pollers that scale faster and further (provisioned mode). A stream consumer's concurrency is
  // shards x parallelization factor, which reserved concurrency cannot raise (streamKnobs.ts).
  queueBacklog: (s, f) =>
    isStream(s, f.resource)
      ? [...fnKnobs(memoryKnob)(s, f), ...streamKnobs(s, f)]
      : [
          ...fnKnobs(reservedConcurrencyKnob, memoryKnob)(s, f),
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
