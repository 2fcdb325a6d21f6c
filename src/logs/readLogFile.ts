/**
 * One file of logs, in whichever export shape it is, -> its entries and problems. The shape is
 * recognised from the content, not the name: a JSON document holding an events array
 * (filter-log-events, get-log-events, a subscription payload, a bare array); a CSV whose header
 * names `@timestamp` and `@message` (Logs Insights); else lines (`aws logs tail`, text, JSON
 * lines). Pure: the caller reads the file.
 */
import { eventsOf, readEventsJson } from './eventsJson.ts';
import { looksLikeInsightsCsv, readInsightsCsv } from './insightsCsv.ts';
import type { LogFile } from './records.ts';
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
    } catch (error) {
      // JSON lines (every line its own object) do not parse as one document; anything else that
      // starts like JSON and does not parse is a broken document: say where parsing stopped.
      if (!firstLineIsJson(body.trimStart())) return documentError(file, body, error as Error);
    }
    return readTextLines(file, text);
  }
  if (looksLikeInsightsCsv(text)) return readInsightsCsv(file, text);
  return readTextLines(file, text);
}

function firstLineIsJson(text: string): boolean {
  const end = text.indexOf('\n');
  try {
    JSON.parse(end < 0 ? text : text.slice(0, end));
    return true;
  } catch {
    return false;
  }
}

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
    message: `not a valid JSON document (${error.message.replace(/ in JSON at position \d+.*$/, '')}): expected the output of 'aws logs filter-log-events' ({ "events": [...] })`,
  };
}

export const isDocumentError = (r: LogFile | DocumentError): r is DocumentError => !('entries' in r);
