/**
 * Log events as one JSON document, the shapes the AWS CLI and CloudWatch deliver:
 * - `aws logs filter-log-events` / `get-log-events`: `{ "events": [{ "timestamp", "message",
 *   "logStreamName"?, "ingestionTime", "eventId" }], "searchedLogStreams"?, "nextToken"? }`
 *   (CloudWatch Logs API reference, FilterLogEvents and FilteredLogEvent); get-log-events reads one
 *   stream, its events name none, and it pages with `nextForwardToken` / `nextBackwardToken`: the
 *   file is then that one stream;
 * - a subscription-filter payload: `{ "logGroup", "logStream", "logEvents": [{ "id", "timestamp",
 *   "message" }] }`;
 * - a bare array of events (`jq .events`);
 * - Logs Insights results: "Export results" > "Download table (JSON)", an array of rows
 *   `{ "@timestamp", "@message", "@logStream"?, "@log"? }`, or `aws logs get-query-results`,
 *   `{ "results": [[{ "field": "@timestamp", "value": ... }, ...], ...] }`;
 * - subscription payloads concatenated, as Kinesis Data Firehose writes them to S3
 *   (`readSubscriptionPayloads`: `{...}{...}` or one per line; CONTROL_MESSAGE payloads skipped).
 * `timestamp` is epoch milliseconds. Events have no line numbers of their own; in the CLI's
 * pretty-printed output the k-th event is the k-th `{` of the events array (else: line 1).
 * Pure.
 */
import type { JsonSlice } from './concatenatedJson.ts';
import { FileCollector, functionOfLogGroup } from './fileReader.ts';
import type { LogFile, LogFormat } from './records.ts';
import { parseTimestampMs } from './timestamp.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface FoundEvents {
  readonly events: unknown[];
  readonly format: LogFormat;
  readonly logGroup?: string;
  readonly logStream?: string;
}

/** A get-query-results row (`[{ field, value }, ...]`) as an object keyed by field. */
function rowOf(fields: unknown): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (Array.isArray(fields)) {
    for (const f of fields) if (isRecord(f) && typeof f.field === 'string') row[f.field] = f.value;
  }
  return row;
}

/** The events array of a parsed document, with its shape and the log group and stream it names, or undefined. */
export function eventsOf(doc: unknown): FoundEvents | undefined {
  if (Array.isArray(doc)) {
    const insights = doc.some((e) => isRecord(e) && typeof e['@message'] === 'string');
    return { events: doc, format: insights ? 'Logs Insights JSON' : 'filter-log-events JSON' };
  }
  if (!isRecord(doc)) return undefined;
  if (Array.isArray(doc.events)) {
    // get-log-events reads one log stream and pages with tokens; its events do not name the stream.
    const oneStream = 'nextForwardToken' in doc || 'nextBackwardToken' in doc;
    return { events: doc.events, format: oneStream ? 'get-log-events JSON' : 'filter-log-events JSON' };
  }
  if (Array.isArray(doc.results)) {
    return { events: doc.results.map(rowOf), format: 'Logs Insights query results JSON' };
  }
  if (Array.isArray(doc.logEvents)) {
    return {
      events: doc.logEvents,
      format: 'subscription payload JSON',
      ...(typeof doc.logGroup === 'string' ? { logGroup: doc.logGroup } : {}),
      ...(typeof doc.logStream === 'string' ? { logStream: doc.logStream } : {}),
    };
  }
  return undefined;
}

/**
 * The line each event object starts on in a pretty-printed document (the CLI's 4-space indent):
 * after the `"events": [` (or `"logEvents": [`) line, every `{` at the first event's indentation,
 * up to the array's closing `]`. Empty when the layout is anything else (a compact document).
 */
function eventLines(text: string): number[] {
  const lines = text.split('\n');
  const open = lines.findIndex((l) => /"(?:log)?[eE]vents"\s*:\s*\[\s*$/.test(l) || /^\s*\[\s*$/.test(l));
  if (open < 0) return [];
  const out: number[] = [];
  let indent: string | undefined;
  for (let i = open + 1; i < lines.length; i++) {
    const m = /^(\s*)([{\]])/.exec(lines[i]);
    if (!m) continue;
    if (indent === undefined) {
      if (m[2] !== '{') break;
      indent = m[1];
    }
    if (m[1] === indent && m[2] === '{') out.push(i + 1);
    else if (m[1].length < indent.length && m[2] === ']') break;
  }
  return out;
}

export function readEventsJson(file: string, text: string, doc: unknown): LogFile {
  const found = eventsOf(doc);
  const out = new FileCollector(file);
  if (!found) return out.finish('filter-log-events JSON');
  const lines = eventLines(text);
  // get-log-events: the whole file is one log stream (one execution environment), unnamed in it.
  const events =
    found.format === 'get-log-events JSON' && found.logStream === undefined
      ? { ...found, logStream: `${file} (one log stream)` }
      : found;
  collectEvents(out, events, (i) => (lines.length === found.events.length ? lines[i] : 1));
  return out.finish(found.format);
}

/**
 * Subscription payloads one after another (Firehose to S3): each payload's events, at the line the
 * payload starts on; a payload that does not parse is a problem at its line, CONTROL_MESSAGE
 * payloads (Firehose's own test messages) are skipped.
 */
export function readSubscriptionPayloads(file: string, text: string, slices: readonly JsonSlice[]): LogFile {
  const out = new FileCollector(file);
  let line = 1;
  let at = 0;
  for (const slice of slices) {
    for (let i = text.indexOf('\n', at); i >= 0 && i < slice.start; i = text.indexOf('\n', i + 1)) line++;
    at = slice.start;
    const raw = text.slice(slice.start, slice.end);
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch (error) {
      out.countEvent();
      out.problem(line, `a subscription payload that is not valid JSON (${(error as Error).message})`, raw);
      continue;
    }
    if (isRecord(payload) && payload.messageType === 'CONTROL_MESSAGE') continue;
    const found = eventsOf(payload);
    if (found?.format !== 'subscription payload JSON') {
      out.countEvent();
      out.problem(line, 'not a subscription payload ({ "logGroup", "logStream", "logEvents": [...] })', raw);
      continue;
    }
    const payloadLine = line;
    collectEvents(out, found, () => payloadLine);
  }
  return out.finish('subscription payloads (Firehose)');
}

/** True if `doc` is a subscription payload (data or control message). */
export function isSubscriptionPayload(doc: unknown): boolean {
  return isRecord(doc) && (Array.isArray(doc.logEvents) || doc.messageType === 'CONTROL_MESSAGE');
}

/**
 * Each event of `found` into `out`: `message` and `timestamp` (Logs Insights: `@message` and
 * `@timestamp`), the stream (`logStreamName`, `@logStream`, else the payload's) and the function
 * (the payload's log group, else the row's `@log`).
 */
function collectEvents(out: FileCollector, found: FoundEvents, lineOf: (i: number) => number): void {
  const groupFunction = functionOfLogGroup(found.logGroup);
  const insights = found.format.startsWith('Logs Insights');
  const messageField = insights ? '"@message"' : '"message"';
  const timeField = insights ? '"@timestamp"' : '"timestamp" (epoch ms)';
  found.events.forEach((event, i) => {
    const line = lineOf(i);
    const message = isRecord(event) ? (event.message ?? event['@message']) : undefined;
    if (!isRecord(event) || typeof message !== 'string') {
      out.countEvent();
      out.problem(line, `event ${i + 1} has no ${messageField} string`, JSON.stringify(event) ?? '');
      return;
    }
    const timestampMs = parseTimestampMs(event.timestamp ?? event['@timestamp']);
    if (timestampMs === undefined) {
      out.countEvent();
      out.problem(line, `event ${i + 1} has no readable ${timeField}`, message);
      return;
    }
    const streamField = event.logStreamName ?? event['@logStream'];
    const stream = typeof streamField === 'string' ? streamField : found.logStream;
    const functionName = groupFunction ?? functionOfLogGroup(event['@log']);
    out.event(message, timestampMs, line, {
      ...(stream !== undefined ? { stream } : {}),
      ...(functionName !== undefined ? { functionName } : {}),
    });
  });
}
