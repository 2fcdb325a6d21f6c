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
import {
  DEFAULT_ALLOCATION_MS,
  DEFAULT_TARGET_UTILIZATION,
  NO_PROVISIONED_CHANGES,
  SQS_EVENT_DEFAULTS,
  STREAM_EVENT_DEFAULTS,
} from '../defaults/eventSources.ts';
import { FUNCTION_DEFAULTS } from '../defaults/function.ts';
import type { Path } from '../issues.ts';
import type { EventSource, PollerScaling, ProvisionedConfig, ProvisionedWindow } from '../types.ts';
import type { Context } from './context.ts';
import { millis, percent } from './convert.ts';
import { parseScheduleExpression } from './schedule.ts';

type Raw = Record<string, unknown>;

const batchingWindow = (raw: Raw, fallbackMs: number): number =>
  raw.maximumBatchingWindow === undefined ? fallbackMs : millis(raw.maximumBatchingWindow);

const nameOf = (raw: unknown, key: string): string =>
  typeof raw === 'string' ? raw : String((raw as Raw)[key]);

/** Returns undefined (after reporting) when a schedule expression is malformed. */
export function normalizeEvents(
  list: readonly unknown[],
  path: Path,
  ctx: Context,
): EventSource[] | undefined {
  const out: EventSource[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const [key, raw] = Object.entries(item as Raw)[0];
    const at: Path = [...path, i, key];
    switch (key) {
      case 'sqs': {
        const e = raw as Raw;
        out.push({
          kind: 'sqs',
          queue: String(e.queue),
          batchSize: (e.batchSize as number | undefined) ?? SQS_EVENT_DEFAULTS.batchSize,
          maximumBatchingWindowMs: batchingWindow(e, SQS_EVENT_DEFAULTS.maximumBatchingWindowMs),
          maximumConcurrency:
            (e.maximumConcurrency as number | undefined) ?? SQS_EVENT_DEFAULTS.maximumConcurrency,
          reportBatchItemFailures: e.functionResponseType === 'ReportBatchItemFailures',
          pollerScaling: (e.pollerScaling as PollerScaling | undefined) ?? SQS_EVENT_DEFAULTS.pollerScaling,
        });
        return;
      }
      case 'kinesis':
      case 'dynamodb': {
        const e = raw as Raw;
        const retries = e.maximumRetryAttempts as number | undefined;
        const age = e.maximumRecordAge;
        const d = STREAM_EVENT_DEFAULTS;
        out.push({
          kind: 'stream',
          streamType: key,
          stream: String(e.stream),
          batchSize: (e.batchSize as number | undefined) ?? d.batchSize,
          maximumBatchingWindowMs: batchingWindow(e, d.maximumBatchingWindowMs),
          parallelizationFactor: (e.parallelizationFactor as number | undefined) ?? d.parallelizationFactor,
          maximumRetryAttempts:
            retries === undefined ? d.maximumRetryAttempts : retries < 0 ? Number.POSITIVE_INFINITY : retries,
          maximumRecordAgeMs:
            age === undefined ? d.maximumRecordAgeMs : age === -1 ? Number.POSITIVE_INFINITY : millis(age),
          bisectBatchOnFunctionError:
            (e.bisectBatchOnFunctionError as boolean | undefined) ?? d.bisectBatchOnFunctionError,
          onFailure: ((e.destinations as Raw | undefined)?.onFailure as string | undefined) ?? d.onFailure,
        });
        return;
      }
      case 'schedule': {
        const expression = nameOf(raw, 'expression');
        if (typeof raw === 'object' && (raw as Raw).enabled === false) return;
        const parsed = parseScheduleExpression(expression);
        if (!parsed.ok) {
          ctx.report.error(typeof raw === 'string' ? at : [...at, 'expression'], parsed.error);
          ok = false;
          return;
        }
        out.push({ kind: 'schedule', expression, schedule: parsed.value });
        return;
      }
      case 's3':
        out.push({ kind: 's3', source: nameOf(raw, 'bucket') });
        return;
      case 'sns':
        out.push({ kind: 'sns', source: nameOf(raw, 'topic') });
        return;
    }
  });
  return ok ? out : undefined;
}

export interface ProvisionedDraft {
  /** The level at the start of the window. */
  readonly initial: number;
  readonly config: ProvisionedConfig;
}

export function normalizeProvisioned(raw: unknown): ProvisionedDraft {
  if (typeof raw === 'number') return { initial: raw, config: NO_PROVISIONED_CHANGES };
  const v = raw as Raw;
  const auto = v.autoScaling as Raw | undefined;
  const autoScaling = auto
    ? {
        minimum: auto.minimum as number,
        maximum: auto.maximum as number,
        targetUtilization:
          auto.targetUtilization === undefined ? DEFAULT_TARGET_UTILIZATION : percent(auto.targetUtilization),
      }
    : null;
  const schedule: ProvisionedWindow[] = ((v.schedule as Raw[] | undefined) ?? []).map((w) => ({
    startMs: millis(w.start),
    endMs: w.end === undefined ? Number.POSITIVE_INFINITY : millis(w.end),
    concurrency: w.concurrency as number,
  }));
  return {
    initial:
      (v.concurrency as number | undefined) ??
      autoScaling?.minimum ??
      FUNCTION_DEFAULTS.provisionedConcurrency,
    config: {
      allocationMs: v.allocationTime === undefined ? DEFAULT_ALLOCATION_MS : millis(v.allocationTime),
      schedule,
      autoScaling,
    },
  };
}
