/**
 * Written event sources and provisioned concurrency -> normalized values, defaults filled
 * (AWS defaults, API_CreateEventSourceMapping; aws-facts C3, C6, C7):
 *
 * - sqs: batchSize 10, maximumBatchingWindow 0s, no maximumConcurrency, whole-batch failures,
 *   pollerScaling nov-2023.
 * - kinesis / dynamodb: batchSize 100, maximumBatchingWindow 0s, parallelizationFactor 1,
 *   maximumRetryAttempts -1 and maximumRecordAge -1 (both: until the records expire; Infinity here),
 *   bisectBatchOnFunctionError false, no on-failure destination.
 * - schedule: parsed (./schedule.ts); `enabled: false` drops it.
 * - s3 / sns: the bucket or topic.
 * - provisionedConcurrency: an integer n is { concurrency: n } with nothing changing; the mapping's
 *   concurrency defaults to 0 (autoScaling.minimum with auto scaling), allocationTime 1m ("a minute
 *   or two", aws-facts C3; an assumption), targetUtilization 70% (AWS's recommendation).
 */
import type { Path } from '../issues.ts';
import { parsePercentage } from '../quantities.ts';
import type {
  Destinations,
  EventSource,
  PollerScaling,
  ProvisionedConfig,
  ProvisionedWindow,
} from '../types.ts';
import type { Context } from './context.ts';
import { millis, unwrap } from './function.ts';
import { parseScheduleExpression } from './schedule.ts';

/** AWS SDK standard retry mode: 3 attempts in all (@smithy/util-retry DEFAULT_MAX_ATTEMPTS). */
export const SDK_MAX_ATTEMPTS = 3;
/** Round trip of an asynchronous Invoke (InvocationType Event) call: an assumption (⚠ no AWS figure). */
export const ASYNC_INVOKE_LATENCY_MS = 20;
export const DEFAULT_ALLOCATION_MS = 60_000;
export const DEFAULT_TARGET_UTILIZATION = 0.7;

export const NO_DESTINATIONS: Destinations = { onSuccess: null, onFailure: null };
export const NO_PROVISIONED_CHANGES: ProvisionedConfig = {
  allocationMs: DEFAULT_ALLOCATION_MS,
  schedule: [],
  autoScaling: null,
};

type Raw = Record<string, unknown>;

const batchingWindow = (raw: Raw): number =>
  raw.maximumBatchingWindow === undefined ? 0 : millis(raw.maximumBatchingWindow);

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
          batchSize: (e.batchSize as number | undefined) ?? 10,
          maximumBatchingWindowMs: batchingWindow(e),
          maximumConcurrency: (e.maximumConcurrency as number | undefined) ?? null,
          reportBatchItemFailures: e.functionResponseType === 'ReportBatchItemFailures',
          pollerScaling: (e.pollerScaling as PollerScaling | undefined) ?? 'nov-2023',
        });
        return;
      }
      case 'kinesis':
      case 'dynamodb': {
        const e = raw as Raw;
        const retries = (e.maximumRetryAttempts as number | undefined) ?? -1;
        const age = e.maximumRecordAge;
        out.push({
          kind: 'stream',
          streamType: key,
          stream: String(e.stream),
          batchSize: (e.batchSize as number | undefined) ?? 100,
          maximumBatchingWindowMs: batchingWindow(e),
          parallelizationFactor: (e.parallelizationFactor as number | undefined) ?? 1,
          maximumRetryAttempts: retries < 0 ? Number.POSITIVE_INFINITY : retries,
          maximumRecordAgeMs: age === undefined || age === -1 ? Number.POSITIVE_INFINITY : millis(age),
          bisectBatchOnFunctionError: (e.bisectBatchOnFunctionError as boolean | undefined) ?? false,
          onFailure: ((e.destinations as Raw | undefined)?.onFailure as string | undefined) ?? null,
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
          auto.targetUtilization === undefined
            ? DEFAULT_TARGET_UTILIZATION
            : unwrap(parsePercentage(auto.targetUtilization)),
      }
    : null;
  const schedule: ProvisionedWindow[] = ((v.schedule as Raw[] | undefined) ?? []).map((w) => ({
    startMs: millis(w.start),
    endMs: w.end === undefined ? Number.POSITIVE_INFINITY : millis(w.end),
    concurrency: w.concurrency as number,
  }));
  return {
    initial: (v.concurrency as number | undefined) ?? autoScaling?.minimum ?? 0,
    config: {
      allocationMs: v.allocationTime === undefined ? DEFAULT_ALLOCATION_MS : millis(v.allocationTime),
      schedule,
      autoScaling,
    },
  };
}
