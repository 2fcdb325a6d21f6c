/**
 * A DrawMemo (SimulateOptions.draws) changes no draw and no run. Against plain sampling from a
 * fresh stream: any sequence of runs, each asking for any number of draws, under any cap, gets
 * exactly the draws `sampler.sample(rng)` gives (kept ones replayed, the rest drawn after the
 * stream is moved past them); another stream or distribution replays nothing; the memory stays
 * under its cap. In a run: a memory sweep's points, smaller and larger than the run that kept the
 * draws, give byte-identical summaries with and without the memo, alone and with an ArrivalMemo.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DistSpec, makeSampler, Rng } from '../../src/engine/index.ts';
import { withFunction, withMemory } from '../../src/experiments/edits.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { ArrivalMemo, DrawMemo } from '../../src/model/index.ts';
import { summaryJson } from '../../src/results/index.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { scenarioFrom } from '../helpers/run.ts';

const LOGNORMAL: DistSpec = { kind: 'lognormal', mu: 3.7, sigma: 0.8 };

/** The first `n` draws of `spec` from a fresh stream `name` under `seed`: what a memo must give. */
function plainDraws(spec: DistSpec, seed: number, name: string, n: number): number[] {
  const sampler = makeSampler(spec);
  const rng = Rng.fromSeed(seed).fork(name);
  return Array.from({ length: n }, () => sampler.sample(rng));
}

/** `n` draws through `memo` for `slot`, from a fresh stream as a new run would have. */
function memoDraws(
  memo: DrawMemo,
  slot: string,
  spec: DistSpec,
  seed: number,
  name: string,
  n: number,
): number[] {
  const sampler = makeSampler(spec);
  const rng = Rng.fromSeed(seed).fork(name);
  const draws = memo.draws(slot, `${rng.originKey()} ${JSON.stringify(spec)}`, sampler, rng);
  return Array.from({ length: n }, () => draws.next());
}

describe('DrawMemo', () => {
  it('gives every run the draws of a fresh stream, whatever the runs ask for and the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 10 }),
        (counts, cap, seed, blockBits) => {
          const memo = new DrawMemo(cap, blockBits);
          const longest = Math.max(...counts);
          const expected = plainDraws(LOGNORMAL, seed, 'compute', longest);
          for (const n of counts) {
            expect(memoDraws(memo, 'f/compute', LOGNORMAL, seed, 'compute', n)).toEqual(expected.slice(0, n));
            expect(memo.keptCapacity).toBeLessThanOrEqual(cap);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('replays kept draws: a later run reads them instead of drawing (the stream is not moved)', () => {
    const memo = new DrawMemo();
    memoDraws(memo, 'f/compute', LOGNORMAL, 7, 'compute', 500);
    const sampler = makeSampler(LOGNORMAL);
    const rng = Rng.fromSeed(7).fork('compute');
    const draws = memo.draws('f/compute', `${rng.originKey()} ${JSON.stringify(LOGNORMAL)}`, sampler, rng);
    for (let i = 0; i < 500; i++) draws.next();
    // Had the 500 draws come from the stream, its next number would be the 501st, not the first.
    expect(rng.next()).toBe(Rng.fromSeed(7).fork('compute').next());
  });

  it('replays nothing for another stream or another distribution in the same slot', () => {
    const memo = new DrawMemo();
    memoDraws(memo, 'f/compute', LOGNORMAL, 1, 'compute', 200);
    const other: DistSpec = { kind: 'lognormal', mu: 3.7, sigma: 0.81 };
    expect(memoDraws(memo, 'f/compute', other, 1, 'compute', 200)).toEqual(
      plainDraws(other, 1, 'compute', 200),
    );
    expect(memoDraws(memo, 'f/compute', LOGNORMAL, 2, 'compute', 200)).toEqual(
      plainDraws(LOGNORMAL, 2, 'compute', 200),
    );
    expect(memoDraws(memo, 'f/compute', LOGNORMAL, 1, 'io', 200)).toEqual(
      plainDraws(LOGNORMAL, 1, 'io', 200),
    );
    // Only the last key of a slot is kept: the memory is that of one stream (200 draws, one block).
    expect(memo.keptCapacity).toBe(65_536);
  });
});

const burst = scenarioFrom(readFileSync(new URL('../../scenarios/api-burst.yaml', import.meta.url), 'utf8'));
/** Five minutes: the baseline and the ramp, throttles included. */
const short: Scenario = { ...burst, durationMs: 300_000 };
const sized = (memoryMb: number) =>
  withFunction(short, 'orders-api', (f) => withMemory(f, memoryMb, f.architecture));
const plain = (s: Scenario) => summaryJson(runScenario(s, { series: false }).summary);

describe('DrawMemo in a run', () => {
  it("gives a sweep's points the same summaries as without it, when each needs fewer or more draws than kept", () => {
    const draws = new DrawMemo();
    const arrivals = new ArrivalMemo();
    // 128 MB throttles most of the burst (fewer starts, fewer draws), 3008 MB serves it.
    for (const memoryMb of [1024, 128, 3008, 256, 3008]) {
      const s = sized(memoryMb);
      expect(summaryJson(runScenario(s, { series: false, draws }).summary), `${memoryMb} MB`).toBe(plain(s));
    }
    for (const memoryMb of [512, 2048]) {
      const s = sized(memoryMb);
      expect(summaryJson(runScenario(s, { series: false, draws, arrivals }).summary), `${memoryMb} MB`).toBe(
        plain(s),
      );
    }
  });

  it('keeps draws only up to its cap, and the runs past it are the same runs', () => {
    // Blocks of 1,024 draws, at most 5 of them: the first run keeps part of its draws.
    const draws = new DrawMemo(5_000, 10);
    for (const memoryMb of [3008, 1024]) {
      const s = sized(memoryMb);
      expect(summaryJson(runScenario(s, { series: false, draws }).summary), `${memoryMb} MB`).toBe(plain(s));
      expect(draws.keptCapacity).toBe(4 * 1024);
    }
  });
});
