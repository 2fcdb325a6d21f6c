/**
 * Lambda's platform records in the JSON log format (`LoggingConfig.LogFormat: JSON`): objects
 * `{ time, type, record }` with `type` `platform.initStart` (`platform.restoreStart` for a SnapStart
 * environment resumed from its snapshot), `platform.start`, `platform.report` (and others, ignored). The record shapes are AWS's "Lambda Telemetry API Event schema reference"
 * (docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html): `platform.report` has
 * `record.requestId`, `record.status` and `record.metrics` with `durationMs`, `billedDurationMs`,
 * `memorySizeMB`, `maxMemoryUsedMB`, and `initDurationMs` / `restoreDurationMs` /
 * `billedRestoreDurationMs` where they apply; `platform.initStart` has `record.initializationType`
 * (`on-demand`, `provisioned-concurrency`, `snap-start`), `runtimeVersion` and `functionName`. Pure.
 */
import { defined, type TextParse } from './platformText.ts';
import type { EntrySource, InitStart, InvocationReport, InvocationStart } from './records.ts';
import { parseTimestampMs } from './timestamp.ts';

type Platform = InvocationReport | InvocationStart | InitStart;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/** True if `value` is a Lambda platform record of a type this reader uses. */
export function isPlatformRecord(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    (value.type === 'platform.report' ||
      value.type === 'platform.start' ||
      value.type === 'platform.initStart' ||
      value.type === 'platform.restoreStart')
  );
}

/** The function named by an ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`). */
export function functionOfArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  return /:function:([^:]+)/.exec(arn)?.[1];
}

/**
 * A platform record -> an entry (with the function it names, if any). Its time is the record's own
 * `time` (Lambda writes milliseconds) when readable, else `timestampMs`, the log event's envelope
 * time: an export may keep only whole seconds of that (`aws logs tail --format short`).
 */
export function parsePlatformRecord(
  value: Record<string, unknown>,
  timestampMs: number | undefined,
): TextParse<Platform & EntrySource> {
  const at = parseTimestampMs(value.time) ?? timestampMs;
  if (at === undefined) return { ok: false, why: `${String(value.type)} without a readable time` };
  const record = isRecord(value.record) ? value.record : {};
  if (value.type === 'platform.initStart' || value.type === 'platform.restoreStart') {
    const runtimeVersion = typeof record.runtimeVersion === 'string' ? record.runtimeVersion : undefined;
    const functionName = typeof record.functionName === 'string' ? record.functionName : undefined;
    return {
      ok: true,
      entry: {
        kind: 'initStart',
        phase: value.type === 'platform.restoreStart' ? 'restore' : 'init',
        timestampMs: at,
        ...defined('runtimeVersion', runtimeVersion),
        ...defined('functionName', functionName),
        ...defined(
          'initializationType',
          typeof record.initializationType === 'string' ? record.initializationType : undefined,
        ),
      },
    };
  }
  const requestId = typeof record.requestId === 'string' ? record.requestId : undefined;
  if (!requestId) return { ok: false, why: `${String(value.type)} without a record.requestId` };
  if (value.type === 'platform.start') {
    return {
      ok: true,
      entry: {
        kind: 'start',
        timestampMs: at,
        requestId,
        ...defined('functionName', functionOfArn(record.functionArn)),
      },
    };
  }
  const m = isRecord(record.metrics) ? record.metrics : {};
  const durationMs = num(m.durationMs);
  const billedDurationMs = num(m.billedDurationMs);
  const memorySizeMb = num(m.memorySizeMB);
  const missing = [
    durationMs === undefined && 'durationMs',
    billedDurationMs === undefined && 'billedDurationMs',
    memorySizeMb === undefined && 'memorySizeMB',
  ].filter(Boolean);
  if (missing.length > 0) {
    return { ok: false, why: `platform.report without a numeric record.metrics.${missing.join(', ')}` };
  }
  return {
    ok: true,
    entry: {
      kind: 'report',
      timestampMs: at,
      requestId,
      durationMs: durationMs as number,
      billedDurationMs: billedDurationMs as number,
      memorySizeMb: memorySizeMb as number,
      ...defined('maxMemoryUsedMb', num(m.maxMemoryUsedMB)),
      ...defined('initDurationMs', num(m.initDurationMs)),
      ...defined('restoreDurationMs', num(m.restoreDurationMs)),
      ...defined('billedRestoreDurationMs', num(m.billedRestoreDurationMs)),
      ...(typeof record.status === 'string' ? { status: record.status } : {}),
    },
  };
}
