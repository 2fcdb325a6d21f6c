/**
 * A CloudWatch Logs Insights result exported as CSV ("Export results" > "Download table (CSV)"):
 * a header row naming the fields (`@timestamp`, `@message`, and any others the query kept, such as
 * `@logStream` and `@log` = `ACCOUNT:/aws/lambda/NAME`), then one row per event, fields quoted
 * where they hold commas, quotes or line breaks (RFC 4180; parsed by csv-parse). `@timestamp` is
 * `2024-05-15 20:15:12.345` in UTC. The usual REPORT query's field table (`filter @type = "REPORT" |
 * fields @timestamp, @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed,
 * @initDuration`) is read too, without @message: each row is that REPORT (Lambda's discovered fields
 * give the memory in bytes, 512 MB as 512000000; the durations in ms). Pure.
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
    const message = row.record['@message'] ?? reportOfFields(row.record);
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

/** REPORT fields an Insights table needs without @message. */
const REPORT_FIELDS = ['@requestId', '@duration', '@billedDuration', '@memorySize'] as const;

/** True if the first line of `text` is an Insights CSV header (`@timestamp` and `@message`, or the REPORT fields). */
export function looksLikeInsightsCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const fields = first.split(',').map((f) => f.trim().replace(/^"|"$/g, ''));
  return (
    first.includes('@timestamp') &&
    first.includes(',') &&
    (fields.includes('@message') || REPORT_FIELDS.every((f) => fields.includes(f)))
  );
}

/** MB of an Insights memory field: bytes (Lambda's discovered fields), or MB when small. */
const megabytes = (value: string): number => {
  const n = Number(value);
  return n >= 100_000 ? Math.round(n / 1e6) : n;
};

/** The REPORT line a row of REPORT fields stands for, undefined without them (a row with @message). */
function reportOfFields(r: Record<string, string>): string | undefined {
  if (REPORT_FIELDS.some((f) => r[f] === undefined || r[f] === '')) return undefined;
  const parts = [
    `REPORT RequestId: ${r['@requestId']}`,
    `Duration: ${r['@duration']} ms`,
    `Billed Duration: ${r['@billedDuration']} ms`,
    `Memory Size: ${megabytes(r['@memorySize'])} MB`,
  ];
  if (r['@maxMemoryUsed']) parts.push(`Max Memory Used: ${megabytes(r['@maxMemoryUsed'])} MB`);
  if (r['@initDuration']) parts.push(`Init Duration: ${r['@initDuration']} ms`);
  return parts.join('\t');
}
