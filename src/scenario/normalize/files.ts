/**
 * Files a scenario refers to (traces, empirical samples): read through the caller's `readFile`, split
 * into rows of fields with 1-based line and column numbers, for errors that point into the file.
 *
 * Rows: blank lines and lines starting with `#` are skipped. Fields are separated by commas when the
 * line has one, else by tabs, else by runs of spaces. Never throws (a throwing `readFile` is reported).
 */
import type { Path } from '../issues.ts';
import type { Context } from './context.ts';

export interface Field {
  readonly text: string;
  /** 1-based column of the field's first character. */
  readonly col: number;
}

export interface Row {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly fields: readonly Field[];
}

/** At most this many problems are reported per file; the rest are counted. */
export const MAX_FILE_ISSUES = 10;

/** The text of `file`, or undefined after reporting why it could not be read (at `path`). */
export function readReferencedFile(file: string, path: Path, ctx: Context): string | undefined {
  if (!ctx.readFile) {
    ctx.report.error(
      path,
      `cannot read '${file}': this parser was given no file reader (the CLI supplies one)`,
    );
    return undefined;
  }
  let text: string | undefined;
  try {
    text = ctx.readFile(file);
  } catch (e) {
    ctx.report.error(path, `cannot read '${file}': ${(e as Error).message}`);
    return undefined;
  }
  if (text === undefined) {
    ctx.report.error(path, `file '${file}' not found (paths are relative to the scenario file)`);
    return undefined;
  }
  return text;
}

export function splitRows(text: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    rows.push({ line: i + 1, fields: splitFields(line) });
  }
  return rows;
}

function splitFields(line: string): Field[] {
  const separator = line.includes(',') ? /,/g : line.includes('\t') ? /\t/g : / +/g;
  const fields: Field[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    fields.push({ text: raw.trim(), col: start + lead + 1 });
  };
  for (const m of line.matchAll(separator)) {
    if (separator.source === ' +' && m.index === 0) {
      start = m[0].length;
      continue;
    }
    push(m.index);
    start = m.index + m[0].length;
  }
  if (start < line.length || fields.length === 0) push(line.length);
  return fields;
}

/** A plain non-negative decimal number (`12`, `0.5`, `1e3`), else undefined. */
export function parseNumberField(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Collects per-file problems, keeping the first MAX_FILE_ISSUES and counting the rest. */
export class FileProblems {
  private count = 0;
  constructor(
    private readonly file: string,
    private readonly path: Path,
    private readonly ctx: Context,
  ) {}
  add(line: number, col: number, message: string): void {
    this.count++;
    if (this.count <= MAX_FILE_ISSUES) this.ctx.report.errorInFile(this.file, line, col, this.path, message);
  }
  /** Reports the overflow, if any; true when the file had problems. */
  finish(): boolean {
    if (this.count > MAX_FILE_ISSUES) {
      this.ctx.report.error(
        this.path,
        `'${this.file}' has ${this.count - MAX_FILE_ISSUES} more problems not listed`,
      );
    }
    return this.count > 0;
  }
}
