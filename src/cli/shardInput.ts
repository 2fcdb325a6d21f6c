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
  type NamedPartial,
  PARTIAL_FILE,
  parseDuration,
  readPartial,
  type ShardIndex,
} from '../index.ts';
import { UserInputError } from './errors.ts';
import { readTextOrExit } from './inputFile.ts';
import { single } from './options.ts';

/** The most shards a run is cut into (AWS Batch's largest array job): `--shards N` and `--shard K/N`. */
export const MAX_SHARDS = 10_000;

/** `--shard K/N`: whole numbers with 1 <= K <= N <= MAX_SHARDS. */
export function parseShard(value: unknown): ShardIndex {
  const text = String(single('--shard', value)).trim();
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  const index = m ? Number(m[1]) : 0;
  const count = m ? Number(m[2]) : 0;
  if (!m || index < 1 || index > count || count > MAX_SHARDS) {
    throw new UserInputError(
      `--shard: expected K/N with 1 <= K <= N <= ${MAX_SHARDS} (e.g. 2/4), got '${excerpt(text)}'`,
    );
  }
  return { index, count };
}

export const shardOption = {
  type: 'string',
  // The next word is the value even when it starts with a dash (`--shard -1/2` is refused as written).
  nargs: 1,
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
  const partial = readPartial(readTextOrExit(file, maxFileBytes));
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

/** `--shards N`: a whole number of shards from 1 to 10,000 (AWS Batch's largest array). */
export function parseShards(value: unknown): number {
  const text = String(single('--shards', value)).trim();
  const count = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (count < 1 || count > MAX_SHARDS) {
    throw new UserInputError(
      `--shards: expected a whole number of shards from 1 to ${MAX_SHARDS}, got '${excerpt(text)}'`,
    );
  }
  return count;
}

export const shardsOption = {
  type: 'string',
  coerce: parseShards,
  describe:
    'cut the window into N shards: with a batch engine index (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, LAMSIM_SHARD_INDEX) run that shard only, else all N on this machine and merge',
} as const;

/**
 * The index variables of the batch engines lamsim runs on, counting from 0: a Kubernetes Indexed
 * Job, an AWS Batch array job, and LAMSIM_SHARD_INDEX for anything else (a GitHub Actions matrix
 * sets it from `strategy.job-index`).
 */
export const ENGINE_INDEX_VARIABLES = [
  'JOB_COMPLETION_INDEX',
  'AWS_BATCH_JOB_ARRAY_INDEX',
  'LAMSIM_SHARD_INDEX',
] as const;

/**
 * The index (from 0) an engine's index variable gives for `count` items (shards, jobs), or null
 * when none is set. Two variables that disagree, or an index outside 0..count-1, are refused;
 * messages name `context` (`--shards 4`) and the `noun` (`shard`).
 */
export function engineIndex(
  env: Readonly<Record<string, string | undefined>>,
  count: number,
  context: string,
  noun: string,
): number | null {
  // Set but empty is a mistake (a template that did not fill it), not "no engine": refused.
  const empty = ENGINE_INDEX_VARIABLES.filter((name) => env[name] !== undefined && env[name]?.trim() === '');
  if (empty.length > 0) {
    throw new UserInputError(
      `${empty[0]}= is set but empty: expected a ${noun} index from 0 to ${count - 1} (${context}; engines count from 0), or leave it unset`,
    );
  }
  const set = ENGINE_INDEX_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0) return null;
  const values = set.map((name) => (env[name] as string).trim());
  if (values.some((v) => v !== values[0])) {
    throw new UserInputError(
      `${context}: ${set.map((n, i) => `${n}=${excerpt(values[i])}`).join(' and ')} disagree; set one ${noun} index`,
    );
  }
  const index = /^\d{1,5}$/.test(values[0]) ? Number(values[0]) : -1;
  if (index < 0 || index >= count) {
    throw new UserInputError(
      `${set[0]}=${excerpt(values[0])}: expected a ${noun} index from 0 to ${count - 1} (${context}; engines count from 0)`,
    );
  }
  return index;
}

/**
 * With `--shards N`: the shard an engine's index variable names (K = index + 1), or null when
 * none is set (run all N here).
 */
export function shardFromEngine(
  env: Readonly<Record<string, string | undefined>>,
  count: number,
): ShardIndex | null {
  const index = engineIndex(env, count, `--shards ${count}`, 'shard');
  return index === null ? null : { index: index + 1, count };
}
