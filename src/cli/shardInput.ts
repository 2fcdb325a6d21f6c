/**
 * Shards on the command line (issue 15): `--shard K/N` for `lamsim run`, and reading the
 * partial.json files `lamsim merge` is given (a file, or a folder holding partial.json). Every
 * problem is one line `FILE: what is wrong` (exit 2).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkPartials,
  DEFAULT_MAX_FILE_BYTES,
  excerpt,
  InputFileError,
  type NamedPartial,
  PARTIAL_FILE,
  parseDuration,
  readInputFile,
  readPartial,
  type ShardIndex,
} from '../index.ts';
import { UserInputError } from './errors.ts';
import { single } from './options.ts';

/** `--shard K/N`: whole numbers with 1 <= K <= N. */
export function parseShard(value: unknown): ShardIndex {
  const text = String(single('--shard', value)).trim();
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  const index = m ? Number(m[1]) : 0;
  const count = m ? Number(m[2]) : 0;
  if (!m || index < 1 || index > count) {
    throw new UserInputError(`--shard: expected K/N with 1 <= K <= N (e.g. 2/4), got '${excerpt(text)}'`);
  }
  return { index, count };
}

export const shardOption = {
  type: 'string',
  coerce: parseShard,
  describe: 'simulate only slice K of N of the window and write its partial.json (merge with lamsim merge)',
} as const;

/** `--warmup DURATION`: the warm-up a shard simulates before its slice (`30m`, `0s`). */
export function parseWarmup(value: unknown): number {
  const text = String(single('--warmup', value)).trim();
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new UserInputError(`--warmup: ${parsed.error}`);
  return parsed.value;
}

export const warmupOption = {
  type: 'string',
  coerce: parseWarmup,
  describe:
    "with --shard: how long to simulate before the slice (default: the scenario's longest memory, at most 1h)",
} as const;

/** The partial.json at `path` (or in the folder `path`), or a UserInputError `PATH: what is wrong`. */
function readPartialFile(path: string, maxFileBytes: number): NamedPartial {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, PARTIAL_FILE);
  } catch {
    // Missing: readInputFile says so below.
  }
  let text: string | undefined;
  try {
    text = readInputFile(file, maxFileBytes);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new UserInputError(`${excerpt(file, 200)}: the file ${error.message}`);
  }
  if (text === undefined) throw new UserInputError(`${excerpt(file, 200)}: no such file`);
  const partial = readPartial(text);
  if (!partial.ok) throw new UserInputError(`${excerpt(file, 200)}: ${partial.error}`);
  return { file, partial: partial.value };
}

/** Every partial named, read and checked to be the slices of one run (in slice order). */
export function readPartialsOrExit(
  paths: readonly string[],
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
): NamedPartial[] {
  const checked = checkPartials(paths.map((p) => readPartialFile(p, maxFileBytes)));
  if (!checked.ok) throw new UserInputError(checked.error);
  return checked.value;
}
