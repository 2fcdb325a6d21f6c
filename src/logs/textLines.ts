/**
 * Line-oriented exports, one log event per line (a message may continue on the following lines):
 * - `aws logs tail --format detailed` (the default): `<ISO time> <log stream> <message>`;
 *   `--format short`: `<ISO time, whole seconds> <message>`; `--format json`: the header line
 *   `<ISO time> <log stream>` with the JSON message pretty-printed on the lines after it
 *   (aws-cli, awscli/customizations/logs/tail.py);
 * - CloudWatch's export to S3 and similar text: `<ISO time> <message>`;
 * - JSON lines: one log event object per line (`{"timestamp", "message", "logStreamName"}`, as
 *   `aws logs tail --format none` or `jq -c '.events[]'` write), or one Lambda JSON-format record
 *   per line (`{"time", "type": "platform.report", "record"}`).
 * A line that starts with a platform keyword (START, END, REPORT, INIT_START) always begins a new
 * event; other lines without a leading time continue the event before them. Pure.
 */
import { FileCollector, functionOfLogGroup } from './fileReader.ts';
import { isPlatformRecord } from './platformJson.ts';
import type { LogFile, LogFormat } from './records.ts';
import { parseTimestampMs, splitLeadingTimestamp } from './timestamp.ts';

const PLATFORM_START = /^(?:START|END|REPORT|INIT_START|INIT_REPORT|RESTORE_START|RESTORE_REPORT)\b/;
/** A Lambda log stream name: `YYYY/MM/DD/[version]environment-id`. */
const LAMBDA_STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[[^\]]*\]\S*$/;

interface Pending {
  message: string;
  timestampMs: number | undefined;
  line: number;
  stream?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

export function readTextLines(file: string, text: string): LogFile {
  const out = new FileCollector(file);
  let pending: Pending | undefined;
  let jsonEvents = 0;
  let jsonRecords = 0;
  let textEvents = 0;
  let untimedEvents = 0;
  const flush = () => {
    if (pending) {
      out.event(
        pending.message,
        pending.timestampMs,
        pending.line,
        pending.stream ? { stream: pending.stream } : {},
      );
      pending = undefined;
    }
  };
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    const number = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('{')) {
      const value = parseJsonLine(line);
      if (value === undefined && !pending) {
        // Not the continuation of an event (a pretty-printed message after its header line): a
        // broken JSON line, such as the cut first or last line of a copy: skipped, and reported
        // with its line (a broken platform record by message.ts, which says what it was).
        if (line.includes('"platform.')) out.event(line, undefined, number);
        else {
          out.countEvent();
          out.problem(number, 'not a valid JSON line (cut short?)', line);
        }
        return;
      }
      if (isRecord(value)) {
        flush();
        if (typeof value.message === 'string') {
          jsonEvents++;
          const timestampMs = parseTimestampMs(value.timestamp);
          if (timestampMs === undefined) {
            out.countEvent();
            out.problem(number, 'a log event line without a readable "timestamp"', line);
            return;
          }
          const group = functionOfLogGroup(value.logGroupName ?? value.logGroup);
          out.event(value.message, timestampMs, number, {
            ...(typeof value.logStreamName === 'string' ? { stream: value.logStreamName } : {}),
            ...(group !== undefined ? { functionName: group } : {}),
          });
        } else {
          if (isPlatformRecord(value)) jsonRecords++;
          out.event(line, undefined, number);
        }
        return;
      }
    }
    const timed = splitLeadingTimestamp(line);
    if (timed) {
      flush();
      textEvents++;
      const { stream, message } = splitStream(timed.rest);
      pending = { message, timestampMs: timed.timestampMs, line: number, ...(stream ? { stream } : {}) };
      return;
    }
    // Only a timed event continues on the lines after it: lines without a time after an untimed
    // one (a file that is not a timestamped log) are events of their own, not one giant event.
    if (pending && pending.timestampMs !== undefined && !PLATFORM_START.test(line.trimStart())) {
      pending.message += `\n${line}`;
      return;
    }
    flush();
    textEvents++;
    untimedEvents++;
    pending = { message: line, timestampMs: undefined, line: number };
  });
  flush();
  const format: LogFormat =
    textEvents >= jsonEvents + jsonRecords
      ? untimedEvents === textEvents
        ? 'text lines without timestamps'
        : 'text lines'
      : jsonEvents >= jsonRecords
        ? 'log events JSON lines'
        : 'Lambda JSON log lines';
  return out.finish(format);
}

/** `<stream> <message>` or just `<message>` after the time of a text line. */
function splitStream(rest: string): { stream?: string; message: string } {
  if (rest === '' || PLATFORM_START.test(rest) || rest.startsWith('{')) return { message: rest };
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
  if (m && LAMBDA_STREAM.test(m[1])) return { stream: m[1], message: m[2] ?? '' };
  return { message: rest };
}
