/**
 * partial.json: what one shard of a run recorded (issue 15), written by `lamsim run --shard K/N`
 * and read by `lamsim merge`. It holds the run's data for its slice of the window without loss
 * (RunParts: counters, histograms, time-weighted levels, series, per-resource figures; usage is
 * computed again from the merged data, see ./mergeRuns.ts) and what makes partials mergeable:
 *
 *   kind: 'lamsim-partial', partialFormat   this file's layout (PARTIAL_FORMAT)
 *   lamsim: { version, format }              the lamsim that wrote it and its scenario format
 *   scenarioHash, seed                       the run's provenance (./provenance.ts)
 *   shard: { index, count }                  K of N, K from 1
 *   slice: { startMs, endMs }                the part of the window it recorded
 *   warmupMs                                 how long it simulated before the slice, unrecorded
 *   scenario, scenarioText                   the normalized scenario and the file as written
 *   scenarioTextHash                         sha256 of scenarioText (the text shown as run is checked)
 *
 * Non-finite numbers of the scenario (an unlimited record age) are written as
 * {"$number": "Infinity"} so the file is plain JSON; reading restores them and checks the
 * scenario and its text against their hashes. Pure: reading and writing files is the caller's business.
 */
import { err, ok, type Result } from '../result.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunParts, RunSlice } from './mergeRuns.ts';
import { otherLamsim, provenanceOf, textHash } from './provenance.ts';
import { parseTaggedJson, taggedJson } from './taggedJson.ts';

/** 2: slices record what they found at their start (inFlightAtStart, waitingAtStart) and merges what earlier ones left (…AtBorders). */
export const PARTIAL_FORMAT = 2;
export const PARTIAL_FILE = 'partial.json';

export interface ShardIndex {
  /** K, from 1. */
  readonly index: number;
  /** N. */
  readonly count: number;
}

export interface Partial {
  readonly kind: 'lamsim-partial';
  readonly partialFormat: number;
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly scenarioHash: string;
  readonly seed: number;
  readonly shard: ShardIndex;
  readonly slice: { readonly startMs: number; readonly endMs: number };
  readonly warmupMs: number;
  readonly scenario: Scenario;
  readonly scenarioText: string;
  /** textHash(scenarioText): the text the merged report shows as run is the one the shard ran. */
  readonly scenarioTextHash: string;
  readonly run: RunParts;
}

/** The K-th of N consecutive slices of [0, windowMs), in whole ms: [floor((K-1)W/N), floor(KW/N)). */
export function sliceOf(windowMs: number, shard: ShardIndex): { startMs: number; endMs: number } {
  const at = (k: number) => (k === shard.count ? windowMs : Math.floor((windowMs * k) / shard.count));
  return { startMs: at(shard.index - 1), endMs: at(shard.index) };
}

export interface PartialInput {
  readonly scenario: Scenario;
  readonly scenarioText: string;
  readonly shard: ShardIndex;
  readonly warmupMs: number;
  readonly run: RunParts;
}

export function partialOf(input: PartialInput): Partial {
  const provenance = provenanceOf(input.scenario);
  return {
    kind: 'lamsim-partial',
    partialFormat: PARTIAL_FORMAT,
    lamsim: { version: provenance.version, format: provenance.format },
    scenarioHash: provenance.scenarioHash,
    seed: provenance.seed,
    shard: input.shard,
    slice: sliceOf(input.scenario.durationMs, input.shard),
    warmupMs: input.warmupMs,
    scenario: input.scenario,
    scenarioText: input.scenarioText,
    scenarioTextHash: textHash(input.scenarioText),
    run: input.run,
  };
}

/** partial.json's text: compact JSON (series are long), non-finite numbers tagged, one final newline. */
export const partialJson = (partial: Partial): string => taggedJson(partial);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isShard = (v: unknown): v is ShardIndex =>
  isRecord(v) &&
  Number.isInteger(v.index) &&
  Number.isInteger(v.count) &&
  (v.count as number) >= 1 &&
  (v.index as number) >= 1 &&
  (v.index as number) <= (v.count as number);

/**
 * A partial from partial.json's text, or what is wrong with it (a sentence without the file name):
 * not JSON, not a partial, another partial format or lamsim version, a scenario that does not match
 * its hash.
 */
export function readPartial(text: string): Result<Partial, string> {
  let data: unknown;
  try {
    data = parseTaggedJson(text);
  } catch (error) {
    return err(`not a lamsim partial result: not JSON (${(error as Error).message})`);
  }
  if (!isRecord(data) || data.kind !== 'lamsim-partial') {
    return err('not a lamsim partial result (written by lamsim run --shard K/N)');
  }
  if (data.partialFormat !== PARTIAL_FORMAT) {
    return err(`partial format ${String(data.partialFormat)}; this lamsim reads format ${PARTIAL_FORMAT}`);
  }
  const other = otherLamsim(data.lamsim);
  if (other) return err(`${other}: run every shard with the same lamsim`);
  const slice = data.slice;
  if (
    !isShard(data.shard) ||
    !isRecord(slice) ||
    typeof slice.startMs !== 'number' ||
    typeof slice.endMs !== 'number' ||
    typeof data.warmupMs !== 'number' ||
    typeof data.seed !== 'number' ||
    typeof data.scenarioHash !== 'string' ||
    typeof data.scenarioText !== 'string' ||
    typeof data.scenarioTextHash !== 'string' ||
    !isRecord(data.scenario) ||
    !isRecord(data.run)
  ) {
    return err('not a complete lamsim partial result (a field is missing or has the wrong type)');
  }
  const scenario = data.scenario as unknown as Scenario;
  const hash = provenanceOf(scenario).scenarioHash;
  if (hash !== data.scenarioHash) {
    return err(`the scenario it carries does not match its hash ${data.scenarioHash} (the file was changed)`);
  }
  if (textHash(data.scenarioText) !== data.scenarioTextHash) {
    return err(
      `the scenario text it carries does not match its hash ${data.scenarioTextHash} (the file was changed)`,
    );
  }
  if (scenario.seed !== data.seed) return err(`seed ${data.seed} but its scenario says ${scenario.seed}`);
  const expected = sliceOf(scenario.durationMs, data.shard);
  if (expected.startMs !== slice.startMs || expected.endMs !== slice.endMs) {
    return err(
      `shard ${data.shard.index}/${data.shard.count} should record [${expected.startMs}, ${expected.endMs}) ms, it says [${slice.startMs}, ${slice.endMs})`,
    );
  }
  return ok(data as unknown as Partial);
}

export interface NamedPartial {
  readonly file: string;
  readonly partial: Partial;
}

/**
 * The partials of one run in slice order, or the first problem as one line `FILE: what is wrong`
 * (`lamsim merge: ...` for a shard that is missing): every partial must share the first one's
 * scenario hash, seed and shard count, and together cover the window once (each shard once).
 */
export function checkPartials(partials: readonly NamedPartial[]): Result<NamedPartial[], string> {
  if (partials.length === 0) return err('lamsim merge: name at least one partial.json');
  const first = partials[0];
  const p0 = first.partial;
  const byIndex = new Map<number, NamedPartial>();
  for (const named of partials) {
    const p = named.partial;
    const where = `${named.file}:`;
    // The seed is part of the scenario's hash: say so first when it is what differs.
    if (p.seed !== p0.seed) return err(`${where} seed ${p.seed} but ${first.file} has seed ${p0.seed}`);
    if (p.scenarioHash !== p0.scenarioHash) {
      return err(
        `${where} scenario ${p.scenarioHash.slice(0, 19)}… is not the scenario of ${first.file} (${p0.scenarioHash.slice(0, 19)}…): merge shards of one scenario`,
      );
    }
    if (p.shard.count !== p0.shard.count) {
      return err(
        `${where} shard ${p.shard.index}/${p.shard.count} but ${first.file} is shard ${p0.shard.index}/${p0.shard.count}: the slices overlap`,
      );
    }
    const twin = byIndex.get(p.shard.index);
    if (twin) {
      return err(
        `${where} shard ${p.shard.index}/${p.shard.count} is given twice (also ${twin.file}): the slices overlap`,
      );
    }
    byIndex.set(p.shard.index, named);
  }
  const missing: number[] = [];
  for (let k = 1; k <= p0.shard.count; k++) if (!byIndex.has(k)) missing.push(k);
  if (missing.length > 0) {
    const names = missing.map((k) => `${k}/${p0.shard.count}`).join(', ');
    return err(`lamsim merge: shard ${names} missing: the slices do not cover the window`);
  }
  return ok([...byIndex.keys()].sort((a, b) => a - b).map((k) => byIndex.get(k) as NamedPartial));
}

/** The slices of checked partials (checkPartials), for mergeRuns. */
export const slicesOf = (partials: readonly NamedPartial[]): RunSlice[] =>
  partials.map(({ partial }) => ({
    run: partial.run,
    startMs: partial.slice.startMs,
    endMs: partial.slice.endMs,
  }));
