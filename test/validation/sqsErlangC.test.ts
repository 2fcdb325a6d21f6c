/**
 * An SQS queue drained by a fixed number of pollers is an M/M/c queue: Poisson sends, c batches at
 * a time (MaximumConcurrency c <= 5 pins the pollers at c: they start at 5, ScalingConfig caps
 * them; Lambda docs "services-sqs-scaling"), batches of one message, exponential handler time and
 * no INIT. The mean time from send to receive is then Erlang C's mean wait,
 * Wq = C(c, a) / (c mu - lambda), and the share of messages that wait is C(c, a)
 * (Kleinrock vol. 1, ch. 3). Checked with independent replications: |mean - theory| < 4 standard
 * errors, with the replications precise enough for the check to mean something.
 *
 * Above 5, the pollers start at 5 and scale up by 5 a second while messages wait (Lambda docs
 * "services-sqs-scaling": "up to 300 more concurrent invokes per minute"), to maximumConcurrency,
 * and stay there while the queue is busy (a poller is only retired when its 20 s long poll comes
 * back empty). After a minute's warm-up the queue is M/M/c again: its mean wait, measured through
 * Little's law as the time-averaged number of visible messages over the arrival rate, is Erlang C's.
 */
import { describe, expect, it } from 'vitest';
import { type GaugeSeriesData, histogramSummary } from '../../src/metrics/index.ts';
import { erlangC, mmcMeanWait } from '../helpers/queueing.ts';
import { meanAndStandardError, run, yaml } from '../helpers/run.ts';

/** Poisson sends at `rate`/s, exponential handler of `meanMs`, batches of one, maximumConcurrency c. */
const mmcRun = (c: number, rate: number, meanMs: number, seed: number) =>
  run(
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

const mmc = (c: number, rate: number, meanMs: number, seed: number) => {
  const out = mmcRun(c, rate, meanMs, seed);
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

/** Time average of a gauge series over the buckets that start at or after `fromMs`. */
const meanFrom = (series: GaugeSeriesData, fromMs: number) => {
  let area = 0;
  let coveredMs = 0;
  series.integrals.forEach((integral, i) => {
    if (i * series.bucketMs < fromMs) return;
    area += integral;
    coveredMs += series.coveredMs[i];
  });
  return area / coveredMs;
};

describe('SQS pollers that scale up to maximumConcurrency as an M/M/c queue', () => {
  const WARM_UP_MS = 60_000;
  const MEAN_MS = 100;
  const LOAD = 0.8;
  it.each([5, 10, 20, 50])('maximumConcurrency %i at load 0.8: Erlang C mean wait', (c) => {
    const rate = (LOAD * c * 1000) / MEAN_MS;
    const runs = Array.from({ length: 6 }, (_, i) => {
      const out = mmcRun(c, rate, MEAN_MS, 200 + i);
      const q = out.run.resources.queues.find((queue) => queue.name === 'jobs')!;
      const source = out.run.eventSources.sqs[0];
      // The pollers reach c in ceil((c - 5) / 5) seconds and never fall below it afterwards.
      const pollers = source.series.pollers;
      const reachedMs = Math.ceil((c - 5) / 5) * 1000;
      const lowest = Math.min(
        ...pollers.integrals
          .map((integral, i) => ({ integral, i }))
          .filter(({ i }) => i * pollers.bucketMs >= reachedMs + pollers.bucketMs)
          .map(({ integral, i }) => integral / pollers.coveredMs[i]),
      );
      expect(source.peakAllowed).toBe(c);
      // Little's law: Wq = Lq / lambda, after the warm-up.
      return { meanWaitMs: (1000 * meanFrom(q.series.visible, WARM_UP_MS)) / rate, lowest };
    });
    const theoryMs = 1000 * mmcMeanWait(c, rate, 1000 / MEAN_MS);
    const wait = meanAndStandardError(runs.map((r) => r.meanWaitMs));
    expect(wait.se).toBeLessThan(0.1 * theoryMs);
    expect(Math.abs(wait.mean - theoryMs)).toBeLessThan(4 * wait.se);
    // A retired poller (an empty 20 s long poll) would show as a bucket below c.
    for (const r of runs) expect(r.lowest).toBeGreaterThan(c - 0.5);
  });
});
