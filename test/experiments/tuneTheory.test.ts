/**
 * Tuning against the CPU-share model (Lambda developer guide "Configure Lambda function memory", https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html: one vCPU per 1,769 MB, at most 6 vCPUs at
 * 10,240 MB): compute time at memory m is the time at 1,769 MB times 1769 / min(m, 1769 * threads).
 * With common random numbers every point draws the same handler samples, so these relations hold
 * exactly for the mean duration (the summary rounds it to microseconds), not just on average.
 */
import { describe, expect, it } from 'vitest';
import { type TuneResult, tune } from '../../src/experiments/tune/index.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

async function sweep(text: string, memoryMb: number[]): Promise<TuneResult> {
  const r = await tune(scenarioFrom(text), { memoryMb });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const meanDuration = (r: TuneResult, mb: number) => r.points.find((p) => p.memoryMb === mb)!.durationMs.mean;

describe('tune follows the CPU share of memory', () => {
  it('a single-threaded CPU-bound function speeds up in proportion to memory until 1,769 MB, not after', async () => {
    const grid = [128, 256, 512, 1024, 1769, 2048, 3008, 10240];
    const r = await sweep(oneFunction({ compute: '1000ms', threads: 1 }), grid);
    for (const mb of grid) {
      const expected = 1000 * (1769 / Math.min(mb, 1769));
      expect(meanDuration(r, mb)).toBeCloseTo(expected, 2);
    }
    expect(meanDuration(r, 10240)).toBe(meanDuration(r, 1769));
  });

  it('the same holds for a spread-out (lognormal) compute time, draw for draw', async () => {
    const grid = [256, 1024, 1769, 3008];
    const r = await sweep(oneFunction({ compute: '{ p50: 40ms, p99: 400ms }' }, 20, '1m', 'poisson'), grid);
    const at1769 = meanDuration(r, 1769);
    expect(meanDuration(r, 256)).toBeCloseTo((at1769 * 1769) / 256, 1);
    expect(meanDuration(r, 1024)).toBeCloseTo((at1769 * 1769) / 1024, 1);
    expect(meanDuration(r, 3008)).toBe(at1769);
  });

  it('a multi-threaded function keeps speeding up to 6 vCPUs (10,240 MB)', async () => {
    const grid = [1769, 3538, 5307, 7076, 8845, 10240];
    const r = await sweep(oneFunction({ compute: '6000ms', threads: 6, timeout: 120 }), grid);
    for (const mb of grid) expect(meanDuration(r, mb)).toBeCloseTo(6000 / (mb / 1769), 2);
    const durations = grid.map((mb) => meanDuration(r, mb));
    for (let i = 1; i < durations.length; i++) expect(durations[i]).toBeLessThan(durations[i - 1]);
  });

  it('a two-threaded function stops at 2 vCPUs', async () => {
    const r = await sweep(oneFunction({ compute: '1000ms', threads: 2 }), [1769, 3538, 7076]);
    expect(meanDuration(r, 3538)).toBeCloseTo(500, 2);
    expect(meanDuration(r, 7076)).toBe(meanDuration(r, 3538));
  });

  it('an I/O-bound function stays flat, identically at every size', async () => {
    const r = await sweep(
      oneFunction({ io: '{ p50: 80ms, p99: 300ms }' }, 20, '1m', 'poisson'),
      [128, 512, 3008, 10240],
    );
    const first = r.points[0];
    for (const p of r.points) {
      expect(p.durationMs).toEqual(first.durationMs);
      expect(p.latencyMs).toEqual(first.latencyMs);
    }
    // Cost grows with memory at equal duration, so the cheapest is the smallest.
    expect(r.recommendation.memoryMb).toBe(128);
  });
});

describe('common random numbers', () => {
  it('every point sees the same arrivals; another seed sees others', async () => {
    const text = oneFunction({ compute: '{ p50: 30ms, p99: 200ms }', io: '20ms' }, 50, '1m', 'poisson');
    const r = await sweep(text, [128, 1024, 3008]);
    const arrived = r.points.map((p) => p.invocations);
    expect(new Set(arrived).size).toBe(1);
    const other = await tune({ ...scenarioFrom(text), seed: 8 }, { memoryMb: [128] });
    expect(other.ok && other.value.points[0].invocations).not.toBe(arrived[0]);
    expect(r.points.every((p) => p.seed === 7)).toBe(true);
  });
});
