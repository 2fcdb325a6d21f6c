/**
 * Reads a scenario file and the files it references (traces, samples), then hands the text to
 * the pure parser. The only place scenario files are read.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Result } from '../result.ts';
import { err } from '../result.ts';
import { type Issue, parseScenario } from '../scenario/index.ts';
import type { Scenario } from '../scenario/types.ts';

export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly Issue[];
  /** The file's text, as read (reports show the scenario as run). */
  readonly text: string;
}

export function loadScenario(path: string): Result<LoadedScenario, Issue[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
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
  const base = dirname(path);
  const readFile = (relative: string): string | undefined => {
    try {
      return readFileSync(resolve(base, relative), 'utf8');
    } catch {
      return undefined;
    }
  };
  const parsed = parseScenario(text, { fileName: path, readFile });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, text } };
}
