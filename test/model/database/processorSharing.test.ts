/**
 * Processor sharing on c servers: exact small cases, work conservation, and the M/G/1-PS mean
 * sojourn time E[T] = E[S] / (1 - ρ) (Kleinrock vol. 2, §4.4; insensitive to the service law).
 */
import { describe, expect, it } from 'vitest';
import { makeSampler, Rng, Simulation } from '../../../src/engine/index.ts';
import { ProcessorSharing } from '../../../src/model/database/processorSharing.ts';

/** Runs jobs (arrival, work) through PS on `servers`, returning each job's sojourn time. */
function simulatePs(servers: number, jobs: readonly { at: number; work: number }[]): number[] {
  const sim = new Simulation();
  const ps = new ProcessorSharing(servers);
  const sojourn = new Array<number>(jobs.length).fill(Number.NaN);
  let scheduled = Number.POSITIVE_INFINITY;
  let completion = -1;
  const reschedule = () => {
    const next = ps.nextCompletionMs(sim.now);
    if (next < scheduled) {
      scheduled = next;
      sim.at(next, completion);
    }
  };
  completion = sim.on('done', () => {
    if (sim.now !== scheduled) return;
    scheduled = Number.POSITIVE_INFINITY;
    for (let job = ps.popCompleted(sim.now); job >= 0; job = ps.popCompleted(sim.now)) {
      sojourn[job] = sim.now - jobs[job].at;
    }
    reschedule();
  });
  const arrive = sim.on('arrive', (job) => {
    ps.add(job, jobs[job].work, sim.now);
    reschedule();
  });
  jobs.forEach((j, i) => {
    sim.at(j.at, arrive, i);
  });
  sim.runUntil(Number.POSITIVE_INFINITY);
  return sojourn;
}

describe('processor sharing', () => {
  it('shares one server equally', () => {
    // Two jobs of 10 ms together on one server both finish at 20 ms.
    expect(
      simulatePs(1, [
        { at: 0, work: 10 },
        { at: 0, work: 10 },
      ]),
    ).toEqual([20, 20]);
    // A 10 ms job alone for 5 ms, then shared with a 2 ms job: 5 + 2*2 = 9 for the short one,
    // the long one finishes at 5 + 4 + 3 = 12.
    const [long, short] = simulatePs(1, [
      { at: 0, work: 10 },
      { at: 5, work: 2 },
    ]);
    expect(short).toBeCloseTo(4, 9);
    expect(long).toBeCloseTo(12, 9);
  });

  it('runs up to c jobs at full speed, more at c/n each', () => {
    expect(
      simulatePs(2, [
        { at: 0, work: 6 },
        { at: 0, work: 6 },
      ]),
    ).toEqual([6, 6]);
    const three = simulatePs(2, [
      { at: 0, work: 6 },
      { at: 0, work: 6 },
      { at: 0, work: 6 },
    ]);
    for (const t of three) expect(t).toBeCloseTo(9, 9);
  });

  it('removes aborted jobs and speeds up the rest', () => {
    const ps = new ProcessorSharing(1);
    ps.add(0, 10, 0);
    ps.add(1, 10, 0);
    ps.remove(1, 4); // job 0 did 2 ms of work by t = 4, then runs alone
    expect(ps.nextCompletionMs(4)).toBeCloseTo(12, 9);
    expect(ps.meanBusyServers(12)).toBeCloseTo(1, 9);
  });

  it('matches the M/G/1-PS mean sojourn time E[S]/(1-ρ)', () => {
    const rng = Rng.fromSeed(11);
    const arrivals = rng.fork('arrivals');
    const work = makeSampler({ kind: 'lognormal', mu: Math.log(8), sigma: 0.8 });
    const service = rng.fork('service');
    const lambda = 0.07; // per ms; E[S] = 8 e^{0.32} = 11.02 ms, ρ = 0.771
    const meanS = 8 * Math.exp(0.32);
    const rho = lambda * meanS;
    const jobs: { at: number; work: number }[] = [];
    let t = 0;
    for (let i = 0; i < 200_000; i++) {
      t += -Math.log(1 - arrivals.next()) / lambda;
      jobs.push({ at: t, work: work.sample(service) });
    }
    const sojourn = simulatePs(1, jobs);
    const mean = sojourn.reduce((a, b) => a + b, 0) / sojourn.length;
    const expected = meanS / (1 - rho);
    // Batch means over 20 batches give the standard error of a correlated sample path.
    const batches = 20;
    const size = sojourn.length / batches;
    const means = Array.from({ length: batches }, (_, b) => {
      let s = 0;
      for (let i = b * size; i < (b + 1) * size; i++) s += sojourn[i];
      return s / size;
    });
    const sd = Math.sqrt(means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1));
    const se = sd / Math.sqrt(batches);
    expect(se / expected).toBeLessThan(0.03);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });
});
