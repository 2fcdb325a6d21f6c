/**
 * Lambda's platform lines in the plain-text log format: `START`, `REPORT`, `INIT_START`, and the
 * runtime's `Task timed out after N seconds`. AWS documents the REPORT fields in "Using CloudWatch
 * Logs with Lambda" (docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html): RequestId,
 * Duration, Billed Duration, Memory Size, Max Memory Used, Init Duration (first request of an
 * environment), Restore Duration and Billed Restore Duration (SnapStart), XRAY TraceId,
 * SegmentId, Sampled, and Status where the runtime reports one. Fields are tab-separated in
 * CloudWatch; copies often turn tabs into spaces, and their order varies, so fields are found by
 * name. Pure.
 */
import type { InitStart, InvocationReport, InvocationStart, TimeoutNotice } from './records.ts';

/** A platform line read, or why a line that starts like one could not be read. */
export type TextParse<T> =
  | { readonly ok: true; readonly entry: T }
  | { readonly ok: false; readonly why: string };

/** REPORT field names, longest first so `Billed Duration` is never read as `Duration`. */
const REPORT_KEYS = [
  'Billed Restore Duration',
  'Restore Duration',
  'Billed Duration',
  'Init Duration',
  'Max Memory Used',
  'Memory Size',
  'XRAY TraceId',
  'Error Type',
  'RequestId',
  'SegmentId',
  'Duration',
  'Sampled',
  'Status',
] as const;

const KEY_PATTERN = new RegExp(`(?:^|\\s)(${REPORT_KEYS.join('|')}):`, 'g');

/** The fields of a `REPORT` message as written (values trimmed). */
export function reportFields(message: string): Map<string, string> {
  const fields = new Map<string, string>();
  const matches = [...message.matchAll(KEY_PATTERN)];
  matches.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < matches.length ? matches[i + 1].index : message.length;
    if (!fields.has(m[1])) fields.set(m[1], message.slice(start, end).trim());
  });
  return fields;
}

/** The number at the start of `value` if it is followed by `unit` (or nothing), else undefined. */
function quantity(value: string | undefined, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\s*(\S+))?/.exec(value);
  if (!m || (m[2] !== undefined && m[2] !== unit)) return undefined;
  return Number(m[1]);
}

/** `REPORT RequestId: ...` -> an InvocationReport at `timestampMs`. */
export function parseReportText(message: string, timestampMs: number): TextParse<InvocationReport> {
  const f = reportFields(message);
  const requestId = f.get('RequestId')?.split(/\s+/)[0];
  if (!requestId) return { ok: false, why: 'REPORT without a RequestId' };
  const durationMs = quantity(f.get('Duration'), 'ms');
  const billedDurationMs = quantity(f.get('Billed Duration'), 'ms');
  const memorySizeMb = quantity(f.get('Memory Size'), 'MB');
  const missing = [
    durationMs === undefined && 'Duration (ms)',
    billedDurationMs === undefined && 'Billed Duration (ms)',
    memorySizeMb === undefined && 'Memory Size (MB)',
  ].filter(Boolean);
  if (missing.length > 0) return { ok: false, why: `REPORT without a readable ${missing.join(', ')}` };
  const optional = (key: string, unit: string): number | undefined => quantity(f.get(key), unit);
  for (const [key, unit] of [
    ['Init Duration', 'ms'],
    ['Restore Duration', 'ms'],
    ['Billed Restore Duration', 'ms'],
    ['Max Memory Used', 'MB'],
  ] as const) {
    if (f.has(key) && optional(key, unit) === undefined) {
      return {
        ok: false,
        why: `REPORT with an unreadable ${key}: '${f.get(key)}' (expected a number of ${unit})`,
      };
    }
  }
  const status = f.get('Status')?.split(/\s+/)[0];
  return {
    ok: true,
    entry: {
      kind: 'report',
      timestampMs,
      requestId,
      durationMs: durationMs as number,
      billedDurationMs: billedDurationMs as number,
      memorySizeMb: memorySizeMb as number,
      ...defined('maxMemoryUsedMb', optional('Max Memory Used', 'MB')),
      ...defined('initDurationMs', optional('Init Duration', 'ms')),
      ...defined('restoreDurationMs', optional('Restore Duration', 'ms')),
      ...defined('billedRestoreDurationMs', optional('Billed Restore Duration', 'ms')),
      ...(status ? { status } : {}),
    },
  };
}

/** `{ [key]: value }` when value is defined, else `{}` (keeps optional fields absent, not undefined). */
export function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `START RequestId: <id> Version: $LATEST`. */
export function parseStartText(message: string, timestampMs: number): TextParse<InvocationStart> {
  const m = /^START\s+RequestId:\s*(\S+)/.exec(message);
  if (!m) return { ok: false, why: 'START without a RequestId' };
  return { ok: true, entry: { kind: 'start', timestampMs, requestId: m[1] } };
}

/**
 * `INIT_START Runtime Version: python:3.12.v16 Runtime Version ARN: arn:...`, or a SnapStart
 * function's `RESTORE_START Runtime Version: java:21.v20 Runtime Version ARN: arn:...`.
 */
export function parseInitStartText(message: string, timestampMs: number): InitStart {
  const m = /Runtime Version:\s*([^\s]+)/.exec(message);
  const phase = message.startsWith('RESTORE_START') ? 'restore' : 'init';
  return { kind: 'initStart', phase, timestampMs, ...defined('runtimeVersion', m?.[1]) };
}

const TIMED_OUT = /Task timed out after (\d+(?:\.\d+)?) seconds/;

/** The runtime's `Task timed out after 3.00 seconds` anywhere in a message, else undefined. */
export function parseTimeoutText(message: string, timestampMs: number): TimeoutNotice | undefined {
  const m = TIMED_OUT.exec(message);
  return m ? { kind: 'timeout', timestampMs, timeoutMs: Math.round(Number(m[1]) * 1000) } : undefined;
}
