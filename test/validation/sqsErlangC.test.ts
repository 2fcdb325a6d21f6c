/**
 * An SQS queue drained by a fixed number of pollers is an M/M/c queue: Poisson sends, c batches at
 * a time (MaximumConcurrency c <= 5 pins the pollers at c: they start at 5, ScalingConfig caps
 * them; Lambda docs "services-sqs-scaling"), batches of one message, exponential handler time and
 * no INIT. The mean time from send to receive is then Erlang C's mean wait,
 * Wq = C(c, a) / (c mu - lambda), and the share of messages that wait is C(c, a)
 * (Kleinrock vol. 1, ch. 3). Checked with independent replications: |mean - theory| < 4 standard
 * errors, with the replications precise enough for the check to mean something.
 */
import { describe, expect, it } from 'vitest';
import { histogramSummary } from '../../src/metrics/index.ts';
import { erlangC, mmcMeanWait } from '../helpers/queueing.ts';
import { meanAndStandardError, run, yaml } from '../helpers/run.ts';

const mmc = (c: number, rate: number, meanMs: number, seed: number) => {
  const out = run(
    yaml`
      lamsim: 1
      duration: 10m
      account: { scaling: unlimited }
      platform: { idleTimeout: 1h }
      traffic: { target: jobs, phases: [{ duration: 10m, arrivalRate: ${rate} }] }
      functions:
        worker:
          runtime: nodejs22.x
          memorySize: 1769
          model: { init: 0ms, compute: { dist: exponential, mean: ${meanMs}ms } }
          events: [{ sqs: { queue: jobs, batchSize: 1, maximumConcurrency: ${c} } }]
      resources:
        jobs: { type: sqs-queue }
    `,
    seed,
  );
  const q = out.run.resources.queues.find((queue) => queue.name === 'jobs')!;
  const first = histogramSummary(q.wait);
  return { meanWaitMs: first.mean, waited: q.waited / first.count };
};

describe('SQS pollers as an M/M/c queue', () => {
  it.each([
    [3, 12, 200],
    [2, 7, 250],
  ])('c = %i pollers, %i messages/s, %i ms mean handler: Erlang C wait', (c, rate, meanMs) => {
    const runs = Array.from({ length: 6 }, (_, i) => mmc(c, rate, meanMs, 100 + i));
    const mu = 1000 / meanMs;
    const theoryMs = 1000 * mmcMeanWait(c, rate, mu);
    const wait = meanAndStandardError(runs.map((r) => r.meanWaitMs));
    expect(wait.se).toBeLessThan(0.1 * theoryMs);
    expect(Math.abs(wait.mean - theoryMs)).toBeLessThan(4 * wait.se);
    const waited = meanAndStandardError(runs.map((r) => r.waited));
    expect(Math.abs(waited.mean - erlangC(c, rate / mu))).toBeLessThan(4 * waited.se + 0.01);
  });
});
