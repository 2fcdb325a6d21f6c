/**
 * A CloudWatch Logs Insights result exported as CSV ("Export results" > "Download table (CSV)"):
 * a header row naming the fields (`@timestamp`, `@message`, and any others the query kept, such as
 * `@logStream` and `@log` = `ACCOUNT:/aws/lambda/NAME`), then one row per event, fields quoted
 * where they hold commas, quotes or line breaks (RFC 4180; parsed by csv-parse). `@timestamp` is
 * `2024-05-15 20:15:12.345` in UTC. Pure.
 */
import { parse } from 'csv-parse/sync';
import { FileCollector, functionOfLogGroup } from './fileReader.ts';
import type { LogFile } from './records.ts';
import { parseTimestampMs } from './timestamp.ts';

interface Row {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
  readonly raw: string;
}

export function readInsightsCsv(file: string, text: string): LogFile {
  const out = new FileCollector(file);
  let rows: Row[];
  try {
    rows = parse(text, {
      columns: true,
      info: true,
      raw: true,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as Row[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    out.countEvent();
    out.problem(e.lines ?? 1, `not a readable CSV file: ${e.message}`, '');
    return out.finish('Logs Insights CSV');
  }
  for (const row of rows) {
    const line = row.info.lines - (row.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const message = row.record['@message'];
    const timestampMs = parseTimestampMs(row.record['@timestamp']);
    if (message === undefined) {
      out.countEvent();
      out.problem(line, 'a row without an @message field', row.raw);
      continue;
    }
    if (timestampMs === undefined) {
      out.countEvent();
      out.problem(line, `a row with an unreadable @timestamp '${row.record['@timestamp'] ?? ''}'`, row.raw);
      continue;
    }
    const stream = row.record['@logStream'];
    const functionName = functionOfLogGroup(row.record['@log']);
    out.event(message, timestampMs, line, {
      ...(stream ? { stream } : {}),
      ...(functionName ? { functionName } : {}),
    });
  }
  return out.finish('Logs Insights CSV');
}

/** True if the first line of `text` is an Insights CSV header (it names `@timestamp` and `@message`). */
export function looksLikeInsightsCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.includes('@message') && first.includes('@timestamp') && first.includes(',');
}
