/**
 * Written event sources and provisioned concurrency -> normalized values, defaults filled from
 * ../defaults/eventSources.ts:
 *
 * - sqs, kinesis, dynamodb: event source mappings; -1 (until the records expire) is Infinity inside.
 * - schedule: parsed (./schedule.ts); `enabled: false` drops it.
 * - s3 / sns: the bucket or topic.
 * - provisionedConcurrency: an integer n is { concurrency: n } with nothing changing; the mapping's
 *   concurrency defaults to 0 (autoScaling.minimum with auto scaling).
 */
import type { z } from 'zod';
import {
  DEFAULT_ALLOCATION_MS,
  DEFAULT_TARGET_UTILIZATION,
  NO_PROVISIONED_CHANGES,
  SQS_EVENT_DEFAULTS,
  SQS_PROVISIONED_POLLER_DEFAULTS,
  STREAM_EVENT_DEFAULTS,
} from '../defaults/eventSources.ts';
import { FUNCTION_DEFAULTS } from '../defaults/function.ts';
import type { Path } from '../issues.ts';
import type { functionEvent, kinesisEvent, provisionedConcurrency } from '../schema/events.ts';
import type { EventSource, ProvisionedConfig, ProvisionedWindow } from '../types.ts';
import type { Context } from './context.ts';
import { millis, percent } from './convert.ts';
import { parseScheduleExpression } from './schedule.ts';

type WrittenEvent = z.output<typeof functionEvent>;
type WrittenStreamEvent = z.output<typeof kinesisEvent>;

const batchingWindow = (written: string | number | undefined, fallbackMs: number): number =>
  written === undefined ? fallbackMs : millis(written);

/** A name written alone or as `{ key: name }`. */
const nameOf = <K extends string>(raw: string | Record<K, string>, key: K): string =>
  typeof raw === 'string' ? raw : raw[key];

/** Normalized event sources, and where each was written. */
export interface EventsDraft {
  readonly sources: EventSource[];
  /** The written index under `events` of each source (disabled schedules and rejected entries have none). */
  readonly writtenIndexes: number[];
}

/**
 * The entries the schema accepted, each with its written index (Fields.items). A malformed schedule
 * expression is reported and its entry left out; the other entries are normalized all the same.
 */
export function normalizeEvents(
  entries: readonly { index: number; value: WrittenEvent }[],
  path: Path,
  ctx: Context,
): EventsDraft {
  const sources: EventSource[] = [];
  const writtenIndexes: number[] = [];
  for (const { index: i, value: item } of entries) {
    const source = normalizeEvent(item, [...path, i], ctx);
    if (source === undefined) continue;
    sources.push(source);
    writtenIndexes.push(i);
  }
  return { sources, writtenIndexes };
}

/** One entry; undefined for a disabled schedule, or (after reporting) a malformed expression. */
function normalizeEvent(item: WrittenEvent, path: Path, ctx: Context): EventSource | undefined {
  if ('sqs' in item) {
    const e = item.sqs;
    const d = SQS_EVENT_DEFAULTS;
    return {
      kind: 'sqs',
      queue: e.queue,
      batchSize: e.batchSize ?? d.batchSize,
      maximumBatchingWindowMs: batchingWindow(e.maximumBatchingWindow, d.maximumBatchingWindowMs),
      maximumConcurrency: e.maximumConcurrency ?? d.maximumConcurrency,
      reportBatchItemFailures: e.functionResponseType === 'ReportBatchItemFailures',
      pollerScaling: e.pollerScaling ?? d.pollerScaling,
      provisionedPollers:
        e.provisionedPollers === undefined
          ? null
          : {
              min: e.provisionedPollers.min ?? SQS_PROVISIONED_POLLER_DEFAULTS.min,
              max: e.provisionedPollers.max ?? SQS_PROVISIONED_POLLER_DEFAULTS.max,
            },
    };
  }
  if ('kinesis' in item) return streamSource('kinesis', item.kinesis);
  if ('dynamodb' in item) return streamSource('dynamodb', item.dynamodb);
  if ('schedule' in item) {
    const raw = item.schedule;
    const at: Path = [...path, 'schedule'];
    const expression = nameOf(raw, 'expression');
    if (typeof raw === 'object' && raw.enabled === false) return undefined;
    const parsed = parseScheduleExpression(expression);
    if (!parsed.ok) {
      ctx.report.error(typeof raw === 'string' ? at : [...at, 'expression'], parsed.error);
      return undefined;
    }
    const service = typeof raw === 'object' ? (raw.service ?? 'scheduler') : 'scheduler';
    return { kind: 'schedule', expression, schedule: parsed.value, service };
  }
  if ('s3' in item) return { kind: 's3', source: nameOf(item.s3, 'bucket') };
  return { kind: 'sns', source: nameOf(item.sns, 'topic') };
}

function streamSource(
  streamType: 'kinesis' | 'dynamodb',
  e: WrittenStreamEvent & { enhancedFanOut?: boolean },
): EventSource {
  const d = STREAM_EVENT_DEFAULTS;
  const retries = e.maximumRetryAttempts;
  const age = e.maximumRecordAge;
  return {
    kind: 'stream',
    streamType,
    stream: e.stream,
    batchSize: e.batchSize ?? d.batchSize,
    maximumBatchingWindowMs: batchingWindow(e.maximumBatchingWindow, d.maximumBatchingWindowMs),
    parallelizationFactor: e.parallelizationFactor ?? d.parallelizationFactor,
    maximumRetryAttempts:
      retries === undefined ? d.maximumRetryAttempts : retries < 0 ? Number.POSITIVE_INFINITY : retries,
    maximumRecordAgeMs:
      age === undefined ? d.maximumRecordAgeMs : age === -1 ? Number.POSITIVE_INFINITY : millis(age),
    bisectBatchOnFunctionError: e.bisectBatchOnFunctionError ?? d.bisectBatchOnFunctionError,
    onFailure: e.destinations?.onFailure ?? d.onFailure,
    enhancedFanOut: e.enhancedFanOut ?? d.enhancedFanOut,
  };
}

export interface ProvisionedDraft {
  /** The level at the start of the window. */
  readonly initial: number;
  readonly config: ProvisionedConfig;
}

export function normalizeProvisioned(raw: z.output<typeof provisionedConcurrency>): ProvisionedDraft {
  if (typeof raw === 'number') return { initial: raw, config: NO_PROVISIONED_CHANGES };
  const auto = raw.autoScaling;
  const autoScaling = auto
    ? {
        minimum: auto.minimum,
        maximum: auto.maximum,
        targetUtilization:
          auto.targetUtilization === undefined ? DEFAULT_TARGET_UTILIZATION : percent(auto.targetUtilization),
      }
    : null;
  const schedule: ProvisionedWindow[] = (raw.schedule ?? []).map((w) => ({
    startMs: millis(w.start),
    endMs: w.end === undefined ? Number.POSITIVE_INFINITY : millis(w.end),
    concurrency: w.concurrency,
  }));
  return {
    initial: raw.concurrency ?? autoScaling?.minimum ?? FUNCTION_DEFAULTS.provisionedConcurrency,
    config: {
      allocationMs: raw.allocationTime === undefined ? DEFAULT_ALLOCATION_MS : millis(raw.allocationTime),
      schedule,
      autoScaling,
    },
  };
}
