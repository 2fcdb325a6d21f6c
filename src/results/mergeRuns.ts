/**
 * Merging the data of runs that each recorded one slice of a scenario's window (time shards,
 * issue 15) into the data of the whole window, without loss, so the usual summary, bill and
 * report are computed once from the merged data.
 *
 * Rules, by field (a field with no rule is a bug: merging throws rather than guess):
 * - counts add (invocations, calls, bytes, billed milliseconds, ...);
 * - histograms (HistogramData) merge bucket by bucket; series add bucket by bucket (every slice
 *   records on the whole window's grid, see metrics/mergeData.ts);
 * - time averages (`mean`, `meanConnections`, ...) are each slice's average over its slice, so they
 *   combine weighted by slice length; peaks take the largest;
 * - what is left at the end (`waitingAtEnd`, `inFlightAtEnd`, `unfinished`, ...) comes from the last
 *   slice, the only one that drains; what the earlier slices left at their ends adds up in
 *   `inFlightAtBorders` and `waitingAtBorders`, and what each slice found at its start (its
 *   warm-up's, `inFlightAtStart`, `waitingAtStart`) adds, so a function's counts balance exactly
 *   over the merge (results/countIdentities.ts); `endMs` is the latest; what came first
 *   (`firstSentMs`) from the first slice that has it;
 * - SQS queues nobody reads are continued from the earlier slices first (unreadQueues.ts);
 * - configuration echoed in the data (pool sizes, shard counts, names, grids) must be equal;
 * - provisioned-concurrency intervals and level steps concatenate in time order, an interval or
 *   step that continues the previous slice's level joining it;
 * - usage is not merged: it is computed again from the merged data (billing/metering applies
 *   its per-request rounding before, tiers and free allowances after, once).
 * Pure.
 */
import {
  type HistogramData,
  mergeCountSeries,
  mergeGaugeSeries,
  mergeHistogramData,
  mergeQuantileSeries,
} from '../metrics/index.ts';
import { usageOf } from '../model/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { InvocationKind, RunData } from './runData.ts';
import { continueUnreadQueues } from './unreadQueues.ts';

/** A run's data without the scenario (carried beside it) and usage (computed from the rest). */
export type RunParts = Omit<RunData, 'scenario' | 'usage'>;

/** One slice's data and the part of the window it recorded, [startMs, endMs). */
export interface RunSlice {
  readonly run: RunParts;
  readonly startMs: number;
  readonly endMs: number;
}

type Rule = 'sum' | 'max' | 'same' | 'mean' | 'first' | 'last' | 'meanPerSent' | 'atBorders';

const rules = (rule: Rule, keys: readonly string[]) => keys.map((k) => [k, rule] as const);

/** The rule of every numeric field a run's data holds, by field name. */
const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ...rules('same', [
    'windowMs',
    'bucketMs',
    'maxConnections',
    'vcpus',
    'azs',
    'poolSize',
    'targetVcpus',
    'maxReceiveCount',
    'maximumConcurrency',
    'minimumPollers',
    'retentionMs',
    'shardRecordsPerSecond',
    'shards',
    'subscribers',
  ]),
  ...rules('mean', [
    'mean',
    'meanBusyVcpus',
    'meanConnections',
    'meanPoolInUse',
    'meanClientConnections',
    'meanBacklog',
    'meanInFlight',
  ]),
  ...rules('max', [
    'peak',
    'peakConnections',
    'peakClientConnections',
    'peakBacklog',
    'peakInFlight',
    'peakAllowed',
    'peakEventPollers',
    'peakRunning',
    'peakLevel',
    'maxAgeMs',
    'endMs',
  ]),
  ...rules('last', ['waitingAtEnd', 'inFlightAtEnd', 'visibleAtEnd', 'unfinished', 'inTransitAtEnd']),
  // a's left at its end plus both sides' earlier borders, in object() (the sibling *AtEnd).
  ...rules('atBorders', ['inFlightAtBorders', 'waitingAtBorders']),
  ['firstSentMs', 'first'],
  ['meanMessageBytes', 'meanPerSent'],
  ...rules('sum', [
    // Functions.
    'arrived',
    'inFlightAtStart',
    'waitingAtStart',
    'started',
    'succeeded',
    'failed',
    'timedOut',
    'throttled',
    'throttledAttempts',
    'reservedConcurrency',
    'accountConcurrency',
    'scalingRate',
    'requestRate',
    'retried',
    'dropped',
    'refused',
    'networkInterfaceFailures',
    'recursionStopped',
    'gatewayTimeouts',
    'coldStarts',
    'suppressedInits',
    'provisionedInits',
    'snapStartRestores',
    'created',
    'reclaimed',
    'retired',
    'requests',
    'onDemandBilledMs',
    'provisionedBilledMs',
    'requestsWhileProvisioned',
    'onDemandBilledMsWhileProvisioned',
    'scaleOuts',
    'scaleIns',
    // Async queues.
    'expired',
    'noConcurrency',
    'recursion',
    'retriesExhausted',
    'events',
    'afterError',
    'afterThrottle',
    'deadLetterQueue',
    'onFailure',
    'onSuccess',
    'timedOutEvents',
    // Event sources.
    'fired',
    'batches',
    'emptyReceives',
    'eventPollerMs',
    'messagesFailed',
    'messagesSucceeded',
    'throttledBatches',
    'appended',
    'bisections',
    'discarded',
    'failedBatches',
    'getRecordsCalls',
    'pushedBytes',
    'processed',
    'retries',
    'trimmed',
    // Resources.
    'connectionErrors',
    'queries',
    'calls',
    'processedBytes',
    'deliveries',
    'publishRequests',
    'published',
    'borrowTimeouts',
    'borrowWaits',
    'borrows',
    'deleteCalls',
    'deleted',
    'lateDeletes',
    'movedToDeadLetterQueue',
    'receiveCalls',
    'received',
    'returned',
    'sent',
    'waited',
    'emptyMs',
    'atInFlightQuotaMs',
    'putPayloadUnits',
    'records',
    'writeFailed',
    'writeThrottled',
    // Traffic.
    'responded',
  ]),
]);

const INVOCATION_KINDS: readonly InvocationKind[] = ['requests', 'events', 'batches'];

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHistogram = (v: Obj) => 'sumErrorMs' in v && 'bins' in v && 'count' in v;

/** Merges a (covering `weightA` ms of the window, earlier) with b (`weightB` ms, later). */
class Merger {
  constructor(
    private readonly weightA: number,
    private readonly weightB: number,
  ) {}

  value(key: string, a: Json, b: Json, path: string): Json {
    if (a === null || b === null) return a ?? b; // a part present in one slice only (an async queue used there)
    if (typeof a === 'number' && typeof b === 'number') return this.number(key, a, b, path);
    if (typeof a === 'string' || typeof a === 'boolean') {
      if (a !== b)
        throw new Error(`cannot merge ${path}: ${String(a)} in one slice, ${String(b)} in another`);
      return a;
    }
    if (Array.isArray(a) && Array.isArray(b)) return this.array(key, a, b, path);
    if (isObject(a) && isObject(b)) return this.object(a, b, path);
    throw new Error(`cannot merge ${path}: different kinds of value`);
  }

  private number(key: string, a: number, b: number, path: string): number {
    switch (RULES.get(key)) {
      case 'sum':
        return a + b;
      case 'max':
        return Math.max(a, b);
      case 'first':
        return a;
      case 'last':
        return b;
      case 'same':
        if (a !== b) throw new Error(`cannot merge ${path}: ${a} in one slice, ${b} in another`);
        return a;
      case 'mean':
        return (a * this.weightA + b * this.weightB) / (this.weightA + this.weightB);
      case 'meanPerSent':
        return a; // weighted by the sibling `sent` in object()
      case 'atBorders':
        return a + b; // plus a's sibling *AtEnd, in object()
      default:
        throw new Error(
          `no merge rule for ${path} (a field added to the run's data needs one in mergeRuns.ts)`,
        );
    }
  }

  private array(key: string, a: readonly Json[], b: readonly Json[], path: string): Json[] {
    if (key === 'invokedAs') {
      const kinds = new Set([...a, ...b]);
      return INVOCATION_KINDS.filter((k) => kinds.has(k));
    }
    if (key === 'intervals' || key === 'provisionedIntervals') {
      return joinAtBorder(
        a as Interval[],
        b as Interval[],
        (x, y) => x.concurrency === y.concurrency,
        (x, y) => ({
          concurrency: x.concurrency,
          durationMs: x.durationMs + y.durationMs,
          ...(y.stillEnabled ? { stillEnabled: true as const } : {}),
        }),
      );
    }
    if (key === 'levels') {
      return joinAtBorder(
        a as Step[],
        b as Step[],
        (x, y) => x.concurrency === y.concurrency,
        (x) => x,
      );
    }
    if (a.length !== b.length) {
      throw new Error(`cannot merge ${path}: ${a.length} entries in one slice, ${b.length} in another`);
    }
    return a.map((x, i) => this.value(key, x, b[i], `${path}[${i}]`));
  }

  private object(a: Obj, b: Obj, path: string): Obj {
    if (isHistogram(a) && isHistogram(b))
      return mergeHistogramData(a as never, b as never) as HistogramData as never;
    if ('integrals' in a) return mergeGaugeSeries(a as never, b as never) as never;
    if ('mins' in a && 'counts' in a) return mergeQuantileSeries(a as never, b as never) as never;
    if ('counts' in a && 'ignored' in a) return mergeCountSeries(a as never, b as never) as never;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length || keysA.some((k) => !(k in b))) {
      throw new Error(`cannot merge ${path}: different fields (${keysA.join(', ')} / ${keysB.join(', ')})`);
    }
    const out: Obj = {};
    for (const k of keysA) out[k] = this.value(k, a[k], b[k], path === '' ? k : `${path}.${k}`);
    for (const [borders, end] of [
      ['inFlightAtBorders', 'inFlightAtEnd'],
      ['waitingAtBorders', 'waitingAtEnd'],
    ] as const) {
      if (typeof out[borders] === 'number' && typeof a[end] === 'number')
        out[borders] = (out[borders] as number) + a[end];
    }
    if (typeof a.meanMessageBytes === 'number' && typeof a.sent === 'number' && typeof b.sent === 'number') {
      const sent = a.sent + b.sent;
      out.meanMessageBytes =
        sent > 0 ? (a.meanMessageBytes * a.sent + (b.meanMessageBytes as number) * b.sent) / sent : 0;
    }
    return out;
  }
}

interface Interval {
  readonly concurrency: number;
  readonly durationMs: number;
  /** Provisioned concurrency stays enabled after it (a slice's last interval, or a level change). */
  readonly stillEnabled?: true;
}
interface Step {
  readonly startMs: number;
  readonly concurrency: number;
}

/** a then b, b's first entry joining a's last when `continues` says it carries on the same level. */
function joinAtBorder<T>(
  a: readonly T[],
  b: readonly T[],
  continues: (x: T, y: T) => boolean,
  join: (x: T, y: T) => T,
): T[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const last = a[a.length - 1];
  if (!continues(last, b[0])) return [...a, ...b];
  return [...a.slice(0, -1), join(last, b[0]), ...b.slice(1)];
}

/**
 * The whole window's data from its slices, in time order, [0, windowMs) covered once (the caller
 * checks this; partial.ts does). Throws on data that cannot come from slices of one run.
 */
export function mergeRuns(scenario: Scenario, slices: readonly RunSlice[]): RunData {
  if (slices.length === 0) throw new Error('mergeRuns needs at least one slice');
  let merged = slices[0].run as unknown as Json;
  let coveredMs = slices[0].endMs - slices[0].startMs;
  for (const slice of slices.slice(1)) {
    const widthMs = slice.endMs - slice.startMs;
    const run = continueUnreadQueues(scenario, merged as RunParts, slice);
    merged = new Merger(coveredMs, widthMs).value('', merged, run as unknown as Json, '');
    coveredMs += widthMs;
  }
  const run = merged as RunParts;
  return {
    scenario,
    ...run,
    usage: usageOf(scenario, run.functions, run.traffic, run.resources, run.eventSources),
  };
}
