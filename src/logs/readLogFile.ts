/**
 * One file of logs, in whichever export shape it is, -> its entries and problems. The shape is
 * recognised from the content, not the name: a JSON document holding an events array
 * (filter-log-events, get-log-events, a subscription payload, a bare array, Logs Insights results);
 * subscription payloads one after another (Firehose to S3); a CSV whose header
 * names `@timestamp` and `@message` (Logs Insights); else lines (`aws logs tail`, text, JSON
 * lines). Pure: the caller reads the file.
 */
import { type JsonSlice, splitJsonValues } from './concatenatedJson.ts';
import { eventsOf, isSubscriptionPayload, readEventsJson, readSubscriptionPayloads } from './eventsJson.ts';
import { looksLikeInsightsCsv, readInsightsCsv } from './insightsCsv.ts';
import { type LogFile, SUPPORTED_FORMATS } from './records.ts';
import { readTextLines } from './textLines.ts';

/** A JSON document's parse failure, with the line and column of the position Node reports. */
export interface DocumentError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function readLogFile(file: string, text: string): LogFile | DocumentError {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body.slice(0, 4096))?.[0];
  if (first === '{' || first === '[') {
    try {
      const doc: unknown = JSON.parse(body);
      if (eventsOf(doc)) return readEventsJson(file, text, doc);
      if (!isOneLogLine(doc)) return unknownDocument(file, doc);
    } catch (error) {
      const payloads = subscriptionPayloads(body);
      if (payloads) return readSubscriptionPayloads(file, body, payloads);
      // JSON lines (every line its own object) do not parse as one document, and a line of them
      // may be broken (a cut copy): its reader skips such lines with their line numbers. Anything
      // else that starts like JSON and does not parse is a broken document: say where it broke.
      if (!looksLikeJsonLines(body)) return documentError(file, body, error as Error);
    }
    return readTextLines(file, text);
  }
  const cliText = cliTextOutputLine(body);
  if (cliText !== undefined) return cliTextOutput(file, cliText);
  if (looksLikeInsightsCsv(text)) return readInsightsCsv(file, text);
  return readTextLines(file, text);
}

/**
 * `aws logs filter-log-events` / `get-log-events` with `--output text` writes each event as a row
 * `EVENTS<TAB>...` of its values ("multiple lines of tab-separated string values": AWS CLI user
 * guide, "Setting the output format"). The message is one of those values, and Lambda's messages
 * hold tabs (a REPORT line's fields are tab-separated) and end in a line break, so a row cannot be
 * split back into its message and timestamp reliably: the file is refused, naming the export that
 * works. The 1-based line of the first such row among the first lines, else undefined.
 */
function cliTextOutputLine(body: string): number | undefined {
  const lines = body.split('\n', SAMPLED_LINES);
  const i = lines.findIndex((l) => /^(?:EVENTS|SEARCHEDLOGSTREAMS)\t/.test(l));
  return i < 0 ? undefined : i + 1;
}

function cliTextOutput(file: string, line: number): DocumentError {
  return {
    file,
    line,
    col: 1,
    message:
      "the text output of 'aws logs filter-log-events' or 'get-log-events' (--output text): its tab-separated columns cannot be told apart from the tabs and line breaks inside Lambda's log messages; export again with --output json (the default), e.g. aws logs filter-log-events --log-group-name /aws/lambda/NAME --output json > logs.json",
  };
}

/** The values of a file of concatenated subscription payloads (Firehose to S3), else undefined. */
function subscriptionPayloads(body: string): JsonSlice[] | undefined {
  const slices = splitJsonValues(body);
  if (!slices || slices.length < 2) return undefined;
  try {
    return isSubscriptionPayload(JSON.parse(body.slice(slices[0].start, slices[0].end))) ? slices : undefined;
  } catch {
    return undefined;
  }
}

/** A document that is one log event or one Lambda JSON-format record (a JSON-lines file of one line). */
function isOneLogLine(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    !Array.isArray(doc) &&
    (typeof (doc as Record<string, unknown>).message === 'string' ||
      typeof (doc as Record<string, unknown>).type === 'string')
  );
}

/** A valid JSON document in none of the shapes lamsim reads: say what it looks like. */
function unknownDocument(file: string, doc: unknown): DocumentError {
  const looks = Array.isArray(doc)
    ? `an array of ${doc.length} ${typeof doc[0] === 'object' && doc[0] !== null ? `objects with keys ${Object.keys(doc[0]).slice(0, 6).join(', ')}` : 'values'}`
    : typeof doc === 'object' && doc !== null
      ? `an object with keys ${Object.keys(doc).slice(0, 6).join(', ') || '(none)'}`
      : `a JSON ${typeof doc}`;
  return {
    file,
    line: 1,
    col: 1,
    message: `a JSON document lamsim does not read as logs (${looks}): lamsim reads ${SUPPORTED_FORMATS}`,
  };
}

/** Lines looked at to tell JSON lines from a broken document. */
const SAMPLED_LINES = 20;

/**
 * True if at least half of the first lines that start with `{` are JSON objects on their own: JSON
 * lines, even when a line (the first one of a cut copy, say) is broken. A pretty-printed document
 * has no such line (its `{` lines open objects that close lines later).
 */
function looksLikeJsonLines(text: string): boolean {
  let parsed = 0;
  let braces = 0;
  let seen = 0;
  for (const line of text.split('\n', 4 * SAMPLED_LINES)) {
    const t = line.trim();
    if (t === '') continue;
    if (++seen > SAMPLED_LINES) break;
    if (!t.startsWith('{')) continue;
    braces++;
    try {
      const v: unknown = JSON.parse(t);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) parsed++;
    } catch {
      // a broken line among JSON lines
    }
  }
  return parsed >= 1 && 2 * parsed >= braces;
}

/**
 * Where and why `JSON.parse` stopped, as line:col. Node says `... in JSON at position N`, `... after
 * JSON at position N` or `... at position N (line L column C)` by version; the position is made
 * line:col here and cut from the message.
 */
function documentError(file: string, text: string, error: Error): DocumentError {
  const position = /position (\d+)/.exec(error.message);
  const at = position ? Number(position[1]) : 0;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const col = at - before.lastIndexOf('\n');
  return {
    file,
    line,
    col,
    message: `not a valid JSON document (${error.message.replace(/\s*(?:(?:in|after) JSON )?at position \d+.*$/, '')}): expected the output of 'aws logs filter-log-events' ({ "events": [...] }) or another format lamsim reads: ${SUPPORTED_FORMATS}`,
  };
}

export const isDocumentError = (r: LogFile | DocumentError): r is DocumentError => !('entries' in r);
