/**
 * Log events as one JSON document, the shapes the AWS CLI and CloudWatch deliver:
 * - `aws logs filter-log-events` / `get-log-events`: `{ "events": [{ "timestamp", "message",
 *   "logStreamName"?, "ingestionTime", "eventId" }], "searchedLogStreams"?, "nextToken"? }`
 *   (CloudWatch Logs API reference, FilterLogEvents and FilteredLogEvent);
 * - a subscription-filter payload: `{ "logGroup", "logStream", "logEvents": [{ "id", "timestamp",
 *   "message" }] }`;
 * - a bare array of events (`jq .events`).
 * `timestamp` is epoch milliseconds. Events have no line numbers of their own; in the CLI's
 * pretty-printed output the k-th event is the k-th `{` of the events array (else: line 1).
 * Pure.
 */
import { FileCollector, functionOfLogGroup } from './fileReader.ts';
import type { LogFile } from './records.ts';
import { parseTimestampMs } from './timestamp.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events array of a parsed document, with the log group and stream it names, or undefined. */
export function eventsOf(
  doc: unknown,
): { events: unknown[]; logGroup?: string; logStream?: string } | undefined {
  if (Array.isArray(doc)) return { events: doc };
  if (!isRecord(doc)) return undefined;
  if (Array.isArray(doc.events)) return { events: doc.events };
  if (Array.isArray(doc.logEvents)) {
    return {
      events: doc.logEvents,
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
  const lineOf = (i: number): number => (lines.length === found.events.length ? lines[i] : 1);
  const groupFunction = functionOfLogGroup(found.logGroup);
  found.events.forEach((event, i) => {
    const line = lineOf(i);
    if (!isRecord(event) || typeof event.message !== 'string') {
      out.countEvent();
      out.problem(line, `event ${i + 1} has no "message" string`, JSON.stringify(event) ?? '');
      return;
    }
    const timestampMs = parseTimestampMs(event.timestamp);
    if (timestampMs === undefined) {
      out.countEvent();
      out.problem(line, `event ${i + 1} has no readable "timestamp" (epoch ms)`, event.message);
      return;
    }
    const stream = typeof event.logStreamName === 'string' ? event.logStreamName : found.logStream;
    out.event(event.message, timestampMs, line, {
      ...(stream !== undefined ? { stream } : {}),
      ...(groupFunction !== undefined ? { functionName: groupFunction } : {}),
    });
  });
  return out.finish('filter-log-events JSON');
}
