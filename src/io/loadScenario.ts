/**
 * Reads a scenario file and the files it references (traces, samples, the templates of `stack:`),
 * then hands the text to the pure parser. The only place scenario files are read: regular files
 * only, at most `maxFileBytes` each (100 MB unless raised with --max-file-size).
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { billingRules } from '../billing/index.ts';
import type { Result } from '../result.ts';
import { err, ok } from '../result.ts';
import { type Issue, type Parsed, parseScenario, type Scenario } from '../scenario/index.ts';
import { stackExpander } from '../stack/index.ts';
import { refReader } from './gitRef.ts';
import { DEFAULT_MAX_FILE_BYTES, InputFileError, readInputFile } from './readInput.ts';

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly Issue[];
  /** The file's text, as read (reports show the scenario as run). */
  readonly text: string;
  /**
   * The files on disk it was read from: the scenario (as given), then each file it refers to that
   * was read (traces, samples, the templates of `stack:` and what they include; relative to the
   * working directory when inside it, else absolute). A command's output must never replace them.
   * Empty for a scenario read from a git ref.
   */
  readonly inputFiles: readonly string[];
}

export interface LoadOptions {
  /** Largest file read (the scenario and each file it refers to), in bytes. */
  readonly maxFileBytes?: number;
  /** Leave the `budgets:` block out, unchecked (ParseOptions.ignoreBudgets: a diff's base). */
  readonly ignoreBudgets?: boolean;
}

/** The scenario at `path` and the files it refers to, read safely (see ./readInput.ts). */
export function loadScenario(path: string, options: LoadOptions = {}): Result<LoadedScenario, Issue[]> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let text: string | undefined;
  let reason = 'no such file';
  try {
    text = readInputFile(path, maxBytes);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    reason = `the file ${error.message}`;
  }
  if (text === undefined) {
    return err([
      {
        file: path,
        line: 1,
        col: 1,
        path: '',
        message: `cannot read the scenario: ${reason}`,
        severity: 'error',
      },
    ]);
  }
  const inputFiles = [path];
  const parsed = parseScenarioAt(path, text, {
    maxFileBytes: maxBytes,
    ignoreBudgets: options.ignoreBudgets,
    read: (file) => {
      const read = readInputFile(file, maxBytes);
      const inside = relative(process.cwd(), file);
      const shown = inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
      if (read !== undefined && !inputFiles.includes(shown)) inputFiles.push(shown);
      return read;
    },
  });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, text, inputFiles } };
}

export interface ParseAtOptions extends LoadOptions {
  /** Files the scenario names that are not written yet (a command validating before it writes). */
  readonly pending?: ReadonlyMap<string, string>;
  /** Reads a referenced file by absolute path (default: the file system; `--base-ref`: git). */
  readonly read?: (absolutePath: string) => string | undefined;
}

/**
 * `text` as the scenario at `path`: the files it names (traces, samples, the templates of `stack:`)
 * are read relative to its folder, `pending` first. loadScenario without the read of `text`.
 */
export function parseScenarioAt(
  path: string,
  text: string,
  options: ParseAtOptions = {},
): Result<Parsed, Issue[]> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const pending = options.pending ?? new Map<string, string>();
  const read = options.read ?? ((file: string) => readInputFile(file, maxBytes));
  const base = dirname(path);
  // Throws InputFileError for a folder, device, FIFO or oversized file: the parser reports the
  // message at the key that names the file; a missing file is reported as not found.
  const readFile = (relative: string): string | undefined =>
    pending.get(relative) ?? read(resolve(base, relative));
  const expandStack = stackExpander({
    readFile: (relative) => {
      try {
        const text = pending.get(relative) ?? read(resolve(base, relative));
        return text === undefined ? err('no such file') : ok(text);
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        return err(`the file ${error.message}`);
      }
    },
    // Issues name a template as the user would open it: from where lamsim runs, or as written when absolute.
    displayName: (relative) => (isAbsolute(relative) ? relative : join(base, relative)),
  });
  return parseScenario(text, {
    fileName: path,
    readFile,
    expandStack,
    rules: [billingRules],
    ignoreBudgets: options.ignoreBudgets,
  });
}

/**
 * The scenario at `path` and the files it refers to as they are at the git ref `ref`
 * (`lamsim diff --base-ref`). Issues name the file `REF:path`. Throws GitRefError when `ref` names
 * no commit or `path` is not in a git repository (the CLI's exit 2).
 */
export function loadScenarioAtRef(
  path: string,
  ref: string,
  options: LoadOptions = {},
): Result<LoadedScenario & { readonly commit: string }, Issue[]> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const reader = refReader(ref, dirname(resolve(path)), maxBytes);
  const named = (file: string) => (file.startsWith(`${ref}:`) ? file : `${ref}:${file}`);
  let text: string | undefined;
  let reason = 'no such file';
  try {
    text = reader.read(path);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    reason = `the file ${error.message}`;
  }
  if (text === undefined) {
    return err([
      {
        file: named(path),
        line: 1,
        col: 1,
        path: '',
        message: `cannot read the scenario: ${reason}`,
        severity: 'error',
      },
    ]);
  }
  // Parsed under its own path (the default scenario name comes from it), then issues renamed.
  const parsed = parseScenarioAt(path, text, {
    maxFileBytes: maxBytes,
    read: (file) => reader.read(file),
    ignoreBudgets: options.ignoreBudgets,
  });
  const rename = (issues: readonly Issue[]): Issue[] => issues.map((i) => ({ ...i, file: named(i.file) }));
  if (!parsed.ok) return err(rename(parsed.error));
  return ok({
    ...parsed.value,
    warnings: rename(parsed.value.warnings),
    text,
    inputFiles: [],
    commit: reader.commit,
  });
}
