/**
 * Reads a scenario file and the files it references (traces, samples, the templates of `stack:`),
 * then hands the text to the pure parser. The only place scenario files are read: regular files
 * only, at most `maxFileBytes` each (100 MB unless raised with --max-file-size).
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { billingRules } from '../billing/index.ts';
import type { Result } from '../result.ts';
import { err, ok } from '../result.ts';
import { type Issue, type Parsed, parseScenario, type Scenario } from '../scenario/index.ts';
import { stackExpander } from '../stack/index.ts';
import { DEFAULT_MAX_FILE_BYTES, InputFileError, readInputFile } from './readInput.ts';

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly Issue[];
  /** The file's text, as read (reports show the scenario as run). */
  readonly text: string;
}

export interface LoadOptions {
  /** Largest file read (the scenario and each file it refers to), in bytes. */
  readonly maxFileBytes?: number;
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
  const parsed = parseScenarioAt(path, text, { maxFileBytes: maxBytes });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, text } };
}

export interface ParseAtOptions extends LoadOptions {
  /** Files the scenario names that are not written yet (a command validating before it writes). */
  readonly pending?: ReadonlyMap<string, string>;
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
  const base = dirname(path);
  // Throws InputFileError for a folder, device, FIFO or oversized file: the parser reports the
  // message at the key that names the file; a missing file is reported as not found.
  const readFile = (relative: string): string | undefined =>
    pending.get(relative) ?? readInputFile(resolve(base, relative), maxBytes);
  const expandStack = stackExpander({
    readFile: (relative) => {
      try {
        const text = pending.get(relative) ?? readInputFile(resolve(base, relative), maxBytes);
        return text === undefined ? err('no such file') : ok(text);
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        return err(`the file ${error.message}`);
      }
    },
    // Issues name a template as the user would open it: from where lamsim runs, or as written when absolute.
    displayName: (relative) => (isAbsolute(relative) ? relative : join(base, relative)),
  });
  return parseScenario(text, { fileName: path, readFile, expandStack, rules: [billingRules] });
}
