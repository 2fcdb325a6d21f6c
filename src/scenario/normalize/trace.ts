/**
 * Trace files -> arrival times in ms from the start of the window, ascending.
 *
 * - `timestamps`: the first column of each line is an arrival time in seconds (an optional header
 *   line is skipped).
 * - `azure-2021`: the Azure Functions Invocation Trace 2021 columns `app,func,end_timestamp,duration`
 *   (seconds); arrival = end_timestamp - duration. A header names the columns (any order); without
 *   one, that column order is assumed.
 * Problems point at the trace file's line and column. Complexity O(n log n) (the final sort).
 */
import { excerpt } from '../excerpt.ts';
import type { Path } from '../issues.ts';
import { exactDecimal } from '../quantities.ts';
import type { Context } from './context.ts';
import { FileProblems, parseNumberField, type Row, readReferencedFile, splitRows } from './files.ts';

export type TraceFormat = 'timestamps' | 'azure-2021';

const AZURE_COLUMNS = ['app', 'func', 'end_timestamp', 'duration'] as const;

const secondsToMs = (text: string, value: number): number =>
  /^\d+(\.\d+)?$/.test(text) ? exactDecimal(text, 1000) : value * 1000;

export function readTrace(file: string, format: TraceFormat, path: Path, ctx: Context): number[] | undefined {
  const text = readReferencedFile(file, path, ctx);
  if (text === undefined) return undefined;
  const rows = splitRows(text);
  const problems = new FileProblems(file, path, ctx);
  const times = format === 'timestamps' ? timestamps(rows, problems) : azure(rows, problems);
  if (problems.finish()) return undefined;
  if (times.length === 0) {
    ctx.report.error(path, `trace '${file}' holds no arrivals`);
    return undefined;
  }
  return times.sort((a, b) => a - b);
}

function timestamps(rows: readonly Row[], problems: FileProblems): number[] {
  const times: number[] = [];
  rows.forEach((row, index) => {
    const field = row.fields[0];
    const seconds = parseNumberField(field.text);
    if (seconds === undefined) {
      if (index === 0) return; // header
      problems.add(
        row.line,
        field.col,
        `'${excerpt(field.text, 40)}' is not an arrival time (seconds from the start)`,
      );
    } else if (seconds < 0) {
      problems.add(
        row.line,
        field.col,
        `negative arrival time ${field.text}: times are seconds from the start, >= 0`,
      );
    } else {
      times.push(secondsToMs(field.text, seconds));
    }
  });
  return times;
}

function azure(rows: readonly Row[], problems: FileProblems): number[] {
  if (rows.length === 0) return [];
  let columns: number[] = [0, 1, 2, 3];
  let body = rows;
  const header = rows[0].fields.map((f) => f.text.toLowerCase());
  if (header.includes('end_timestamp') || parseNumberField(rows[0].fields[2]?.text ?? '') === undefined) {
    columns = AZURE_COLUMNS.map((c) => header.indexOf(c));
    if (columns[2] < 0 || columns[3] < 0) {
      problems.add(
        rows[0].line,
        1,
        `an azure-2021 trace has the columns ${AZURE_COLUMNS.join(',')}; got '${excerpt(header.join(','), 40)}'`,
      );
      return [];
    }
    body = rows.slice(1);
  }
  const [, , endColumn, durationColumn] = columns;
  const times: number[] = [];
  for (const row of body) {
    const end = row.fields[endColumn];
    const duration = row.fields[durationColumn];
    if (end === undefined || duration === undefined) {
      const col = row.fields[row.fields.length - 1].col;
      problems.add(
        row.line,
        col,
        `expected ${AZURE_COLUMNS.length} columns (${AZURE_COLUMNS.join(',')}), got ${row.fields.length}`,
      );
      continue;
    }
    const endS = parseNumberField(end.text);
    const durationS = parseNumberField(duration.text);
    if (endS === undefined || endS < 0) {
      problems.add(
        row.line,
        end.col,
        `end_timestamp '${excerpt(end.text, 40)}' is not a number of seconds >= 0`,
      );
      continue;
    }
    if (durationS === undefined || durationS < 0) {
      problems.add(
        row.line,
        duration.col,
        `duration '${excerpt(duration.text, 40)}' is not a number of seconds >= 0`,
      );
      continue;
    }
    const arrivalMs = secondsToMs(end.text, endS) - secondsToMs(duration.text, durationS);
    if (arrivalMs < 0) {
      problems.add(
        row.line,
        end.col,
        `arrival end_timestamp - duration = ${arrivalMs / 1000} s is before the start of the trace`,
      );
      continue;
    }
    times.push(arrivalMs);
  }
  return times;
}
