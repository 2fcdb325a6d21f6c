/**
 * One log message (the text of one CloudWatch Logs event), in either Lambda log format, -> what it
 * says: a platform entry, a problem (it starts like a platform line but cannot be read), `untimed`
 * (a platform line with no time to place it), or `other` (application output, ignored). Pure.
 */
import { isPlatformRecord, parsePlatformRecord } from './platformJson.ts';
import { parseInitStartText, parseReportText, parseStartText, parseTimeoutText } from './platformText.ts';
import type { EntrySource, LogEntry } from './records.ts';

export type MessageRead =
  | { readonly kind: 'entry'; readonly entry: LogEntry & EntrySource }
  | { readonly kind: 'problem'; readonly why: string }
  | { readonly kind: 'untimed' }
  | { readonly kind: 'other' };

const OTHER: MessageRead = { kind: 'other' };
const UNTIMED: MessageRead = { kind: 'untimed' };

/** Reads `message` logged at `timestampMs` (undefined when the export gave no time). */
export function readMessage(message: string, timestampMs: number | undefined): MessageRead {
  const text = message.trim();
  if (text.startsWith('{')) return readJsonMessage(text, timestampMs);
  if (text.startsWith('REPORT ')) {
    if (timestampMs === undefined) return UNTIMED;
    const r = parseReportText(text, timestampMs);
    return r.ok ? { kind: 'entry', entry: r.entry } : { kind: 'problem', why: r.why };
  }
  if (text.startsWith('START ')) {
    if (timestampMs === undefined) return UNTIMED;
    const r = parseStartText(text, timestampMs);
    return r.ok ? { kind: 'entry', entry: r.entry } : { kind: 'problem', why: r.why };
  }
  if (text.startsWith('INIT_START') || text.startsWith('RESTORE_START'))
    return { kind: 'entry', entry: parseInitStartText(text, timestampMs ?? 0) };
  const timeout = parseTimeoutText(text, timestampMs ?? 0);
  return timeout ? { kind: 'entry', entry: timeout } : OTHER;
}

function readJsonMessage(text: string, timestampMs: number | undefined): MessageRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Application output may be anything; a broken platform record is a problem worth reporting.
    return text.includes('"platform.')
      ? { kind: 'problem', why: `a platform record that is not valid JSON (${(error as Error).message})` }
      : OTHER;
  }
  if (!isPlatformRecord(value)) {
    // Application JSON logs (`{"level":"ERROR","message":"Task timed out ..."}`) may still say a timeout.
    const timeout = parseTimeoutText(text, timestampMs ?? 0);
    return timeout ? { kind: 'entry', entry: timeout } : OTHER;
  }
  const r = parsePlatformRecord(value, timestampMs);
  return r.ok ? { kind: 'entry', entry: r.entry } : { kind: 'problem', why: r.why };
}
