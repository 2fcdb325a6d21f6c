/**
 * An ArrivalMemo (SimulateOptions.arrivals) changes no run: a run that keeps its arrivals, a run
 * that replays them (another memory size, as a tune sweep's next point) and a run whose arrivals
 * differ (another seed, another shard, other phases) give byte-identical summaries to the same runs
 * without a memo; it keeps only phase arrivals, each source's latest ones, and at most its cap of
 * times over all its sources.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArrivalStream } from '../../src/engine/index.ts';
import { withFunction, withMemory } from '../../src/experiments/edits.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { ArrivalMemo, MAX_KEPT_ARRIVALS } from '../../src/model/index.ts';
import { expectedArrivals } from '../../src/model/traffic/arrivalsFor.ts';
import type { ShardWindow } from '../../src/model/world.ts';
import { summaryJson } from '../../src/results/index.ts';
import type { Scenario, Traffic } from '../../src/scenario/index.ts';
import { scenarioFrom } from '../helpers/run.ts';

const burst = scenarioFrom(readFileSync(new URL('../../scenarios/api-burst.yaml', import.meta.url), 'utf8'));
/** Five minutes: the baseline and the ramp, throttles included, ~28,000 arrivals. */
const short: Scenario = { ...burst, durationMs: 300_000 };
const sized = (s: Scenario, memoryMb: number) =>
  withFunction(s, 'orders-api', (f) => withMemory(f, memoryMb, f.architecture));

const plain = (s: Scenario, shard?: ShardWindow) =>
  summaryJson(runScenario(s, { series: false, shard }).summary);
const memoized = (s: Scenario, memo: ArrivalMemo, shard?: ShardWindow) =>
  summaryJson(runScenario(s, { series: false, shard, arrivals: memo }).summary);

/** A stream of `times` that counts how many times it was read. */
function counted(times: readonly number[]): { stream: ArrivalStream; reads: () => number } {
  let i = 0;
  let reads = 0;
  return {
    stream: {
      next() {
        reads++;
        return i < times.length ? times[i++] : Number.POSITIVE_INFINITY;
      },
    },
    reads: () => reads,
  };
}

describe('ArrivalMemo in a run', () => {
  it('gives the same summaries when it keeps arrivals and when it replays them', () => {
    const memo = new ArrivalMemo();
    for (const memoryMb of [1024, 256, 3008, 1024]) {
      expect(memoized(sized(short, memoryMb), memo), `${memoryMb} MB`).toBe(plain(sized(short, memoryMb)));
    }
  });

  it('replays nothing from another seed, window or phases', () => {
    const memo = new ArrivalMemo();
    memoized(short, memo);
    const others: Scenario[] = [
      { ...short, seed: short.seed + 1 },
      { ...short, durationMs: 240_000 },
      {
        ...short,
        traffic: short.traffic.map((t) =>
          t.arrivals.kind === 'phases'
            ? { ...t, arrivals: { kind: 'phases', phases: t.arrivals.phases.slice(0, 1) } }
            : t,
        ),
      },
    ];
    for (const other of others) expect(memoized(other, memo)).toBe(plain(other));
  });

  it('keeps shards apart from each other and from the whole run', () => {
    const memo = new ArrivalMemo();
    memoized(short, memo);
    const shards: ShardWindow[] = [
      { fromMs: 0, recordFromMs: 0, untilMs: 150_000, drain: false, streams: 'shard-1' },
      { fromMs: 120_000, recordFromMs: 150_000, untilMs: 300_000, drain: true, streams: 'shard-2' },
    ];
    for (const shard of [...shards, ...shards])
      expect(memoized(short, memo, shard)).toBe(plain(short, shard));
    expect(memoized(short, memo)).toBe(plain(short));
  });
});

describe('a batch run with shared arrivals', () => {
  it('gives the summaries of the same batch without them, in order', async () => {
    const points = [3008, 128, 1024].map((memoryMb) => sized(short, memoryMb));
    const runner = inProcessRunner();
    const shared = await runner.run(points, undefined, { sharedArrivals: true });
    const alone = await runner.run(points);
    expect(shared.map((s) => summaryJson(s))).toEqual(alone.map((s) => summaryJson(s)));
  });
});

describe('ArrivalMemo.arrivals', () => {
  const traffic = short.traffic[0];
  const span = { seed: 1, streams: null, fromMs: 0, untilMs: 1000 };

  it('draws a source once per key, replays it in order up to the span end, then Infinity', () => {
    const memo = new ArrivalMemo();
    const first = counted([5, 7, 7, 999, 1000, 1500]);
    const read = (s: ArrivalStream) => [s.next(), s.next(), s.next(), s.next(), s.next(), s.next()];
    expect(read(memo.arrivals(traffic, span, () => first.stream))).toEqual([
      5,
      7,
      7,
      999,
      Infinity,
      Infinity,
    ]);
    // Drawn up to the first time at or after the span's end, not beyond.
    expect(first.reads()).toBe(5);
    const again = counted([1, 2, 3]);
    expect(read(memo.arrivals(traffic, span, () => again.stream))).toEqual([
      5,
      7,
      7,
      999,
      Infinity,
      Infinity,
    ]);
    expect(again.reads()).toBe(0);
    // Another key for the same source replaces what was kept.
    const other = counted([3]);
    expect(read(memo.arrivals(traffic, { ...span, seed: 2 }, () => other.stream))).toEqual([
      3,
      Infinity,
      Infinity,
      Infinity,
      Infinity,
      Infinity,
    ]);
    expect(other.reads()).toBe(2);
    const fresh = counted([8]);
    memo.arrivals(traffic, span, () => fresh.stream);
    expect(fresh.reads()).toBe(2);
  });

  it('keeps at most its cap of times, all sources together', () => {
    // Room for two sources' buffers (their expected arrivals and a margin), not three.
    const oneBuffer = expectedArrivals(traffic, span.untilMs) * 1.01 + 64;
    const memo = new ArrivalMemo(Math.floor(2.5 * oneBuffer));
    const named = (name: string): Traffic => ({ ...traffic, name });
    /** Asks twice; true when the second time replayed what the first kept (nothing made). */
    const kept = (t: Traffic, s = span) => {
      memo.arrivals(t, s, () => counted([4]).stream);
      let made = false;
      memo.arrivals(t, s, () => {
        made = true;
        return counted([4]).stream;
      });
      return !made;
    };
    expect(kept(named('a'))).toBe(true);
    expect(kept(named('b'))).toBe(true);
    expect(kept(named('c'))).toBe(false);
    // A source's new key frees what it kept for the old one, and takes its place.
    expect(kept(named('a'), { ...span, seed: 2 })).toBe(true);
    expect(kept(named('c'))).toBe(false);
  });

  it('streams traces and sources expected above its cap without keeping them', () => {
    const memo = new ArrivalMemo();
    const trace: Traffic = { ...traffic, arrivals: { kind: 'trace', timesMs: [1, 2] } };
    const busy: Traffic = {
      ...traffic,
      arrivals: {
        kind: 'phases',
        phases: [
          {
            name: 'p',
            startMs: 0,
            durationMs: 1000,
            arrivalsPerSecond: (MAX_KEPT_ARRIVALS + 1) * 1000,
            rampToPerSecond: (MAX_KEPT_ARRIVALS + 1) * 1000,
          },
        ],
      },
    };
    for (const t of [trace, busy]) {
      const a = counted([4]);
      const stream = memo.arrivals(t, span, () => a.stream);
      expect(stream).toBe(a.stream);
      const b = counted([4]);
      expect(memo.arrivals(t, span, () => b.stream)).toBe(b.stream);
    }
  });
});
