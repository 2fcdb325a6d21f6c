/**
 * How an SQS event source mapping's pollers follow the load (Lambda developer guide
 * "services-sqs-scaling": pollers start at 5, add "up to 300 more concurrent invokes per minute"
 * while messages are available, "scale back" when traffic is low).
 *
 * - A ramp of arrivals that outruns the pollers: with a constant handler time D and batches of
 *   one, the pollers start batches as fast as they free up, so the receives S(t) follow
 *   S(t) = min(A(t), n(t) + S(t - D)) with n(t) = 5 + 5 floor(t / 1 s); the backlog is A(t) - S(t)
 *   (a fluid model: arrivals as their expected count A(t)). The simulated backlog differs from it
 *   by the Poisson noise of the arrivals, whose standard deviation is sqrt(A(t)).
 * - Heavy traffic followed by light traffic: once the heavy traffic is gone, the pollers come back
 *   down to what the light traffic needs, and the light traffic costs what it costs a mapping that
 *   never saw the heavy traffic.
 */
import { describe, expect, it } from 'vitest';
import type { GaugeSeriesData } from '../../src/metrics/index.ts';
import { run, yaml } from '../helpers/run.ts';

/** Per bucket: the time average of the level (NaN where the series does not cover it). */
const bucketMeans = (s: GaugeSeriesData) => s.integrals.map((integral, i) => integral / s.coveredMs[i]);

describe('SQS pollers scaling with the backlog', () => {
  it('a ramp that outruns the pollers: the backlog follows the fluid model within the Poisson noise', () => {
    const durationS = 180;
    const rampS = 120;
    const from = 100;
    const to = 1000;
    const handlerMs = 1000;
    const out = run(
      yaml`
        lamsim: 1
        duration: ${durationS}s
        account: { concurrentExecutions: 5000, scaling: unlimited }
        platform: { idleTimeout: 1h }
        traffic:
          target: jobs
          phases:
            - { duration: ${rampS}s, arrivalRate: ${from}, rampTo: ${to} }
            - { duration: ${durationS - rampS}s, arrivalRate: ${to} }
        functions:
          worker:
            runtime: nodejs22.x
            memorySize: 1769
            timeout: 30
            model: { init: 0ms, compute: ${handlerMs}ms }
            events: [{ sqs: { queue: jobs, batchSize: 1 } }]
        resources:
          jobs: { type: sqs-queue, visibilityTimeout: 10m }
      `,
      11,
    );
    const q = out.run.resources.queues[0];
    // The fluid model on a 1 ms grid.
    const stepMs = 1;
    const steps = (durationS * 1000) / stepMs;
    const arrived = new Float64Array(steps + 1); // A(t), expected arrivals
    const started = new Float64Array(steps + 1); // S(t), receives
    const backlog = new Float64Array(steps + 1);
    const rateAt = (tMs: number) => (tMs < rampS * 1000 ? from + ((to - from) * tMs) / (rampS * 1000) : to);
    let pollers = 5;
    let waitedSinceTick = false;
    for (let k = 1; k <= steps; k++) {
      const tMs = k * stepMs;
      arrived[k] = arrived[k - 1] + (rateAt(tMs - stepMs / 2) * stepMs) / 1000;
      if (tMs % 1000 === 0) {
        if (waitedSinceTick) pollers = Math.min(1250, pollers + 5);
        waitedSinceTick = false;
      }
      const freed = tMs >= handlerMs ? started[k - handlerMs / stepMs] : 0;
      started[k] = Math.min(arrived[k], pollers + freed);
      backlog[k] = arrived[k] - started[k];
      if (backlog[k] > 1e-9) waitedSinceTick = true;
    }
    const simulated = bucketMeans(q.series.visible);
    const bucketMs = q.series.visible.bucketMs;
    let checked = 0;
    for (let i = 0; i < simulated.length; i++) {
      const startK = (i * bucketMs) / stepMs;
      const endK = Math.min(steps, ((i + 1) * bucketMs) / stepMs);
      let sum = 0;
      for (let k = startK + 1; k <= endK; k++) sum += backlog[k];
      const fluid = sum / (endK - startK);
      // 4 standard deviations of the arrival count, plus one message of discreteness.
      expect(Math.abs(simulated[i] - fluid)).toBeLessThan(4 * Math.sqrt(arrived[endK]) + 1);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    // The backlog is large (tens of thousands) and the model's peak is where the fluid puts it.
    let fluidPeak = 0;
    for (let k = 0; k <= steps; k++) fluidPeak = Math.max(fluidPeak, backlog[k]);
    expect(fluidPeak).toBeGreaterThan(20_000);
    expect(Math.abs(q.window.peakBacklog - fluidPeak)).toBeLessThan(4 * Math.sqrt(arrived[steps]) + 1);
  });

  it('after heavy traffic, the pollers come down and light traffic costs what it does on its own', () => {
    // 4 minutes at 1,000 msg/s push the pollers to ~380; then 6 minutes at 20 msg/s need ~20.
    // `heavyThenLight` minus `heavyThenQuiet` is what the light traffic costs after the heavy one
    // (common random numbers: the heavy phase is the same in both); `lightOnly` is the same light
    // traffic on a mapping that never saw the heavy one.
    const scenario = (phases: string) =>
      run(
        yaml`
          lamsim: 1
          duration: 10m
          account: { concurrentExecutions: 5000, scaling: unlimited }
          platform: { idleTimeout: 1h }
          traffic: { target: jobs, phases: [${phases}] }
          functions:
            worker:
              runtime: nodejs22.x
              memorySize: 1769
              timeout: 30
              model: { init: 0ms, compute: 300ms, perRecord: { compute: 20ms } }
              events: [{ sqs: { queue: jobs, batchSize: 10 } }]
          resources:
            jobs: { type: sqs-queue, visibilityTimeout: 5m }
        `,
        7,
      );
    const heavy = '{ duration: 4m, arrivalRate: 1000 }';
    const light = '{ duration: 6m, arrivalRate: 20 }';
    const heavyThenLight = scenario(`${heavy}, ${light}`);
    const heavyThenQuiet = scenario(`${heavy}, { pause: 6m }`);
    const lightOnly = scenario(`{ pause: 4m }, ${light}`);
    const source = (out: ReturnType<typeof run>) => out.run.eventSources.sqs[0];
    const pollers = (out: ReturnType<typeof run>) => bucketMeans(source(out).series.pollers);
    const bucketMs = source(heavyThenLight).series.pollers.bucketMs;
    const at = (ms: number) => Math.floor(ms / bucketMs);
    const after = pollers(heavyThenLight);
    const alone = pollers(lightOnly);
    expect(Math.max(...after.slice(at(200_000), at(240_000)))).toBeGreaterThan(300);
    // 20 s after the heavy traffic ends (one long poll) and a tick later, the idle pollers are gone:
    // from then on the pollers stay within the light traffic's own range.
    const settledFrom = at(240_000 + 20_000 + 2_000);
    const aloneRange = alone.slice(at(300_000));
    const highest = Math.max(...aloneRange);
    expect(Math.max(...after.slice(settledFrom))).toBeLessThanOrEqual(highest + 5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(after.slice(at(300_000))) - mean(aloneRange))).toBeLessThan(5);
    // The light phase's invocations and GB-seconds: the same as on their own, within the Poisson
    // noise of ~7,200 messages (4 standard deviations: 4 / sqrt(7,200) = 4.7 %).
    const usage = (out: ReturnType<typeof run>) => {
      const lines = out.summary.cost.window.lines;
      const line = (item: string) => lines.find((l) => l.service === 'lambda' && l.item.startsWith(item))!;
      return { requests: line('requests').quantity, gbSeconds: line('duration').quantity };
    };
    const a = usage(heavyThenLight);
    const b = usage(heavyThenQuiet);
    const c = usage(lightOnly);
    expect(Math.abs(a.requests - b.requests - c.requests) / c.requests).toBeLessThan(0.047);
    expect(Math.abs(a.gbSeconds - b.gbSeconds - c.gbSeconds) / c.gbSeconds).toBeLessThan(0.047);
    // The idle pollers each made one empty long poll before retiring, not one every 20 s.
    expect(source(heavyThenLight).emptyReceives).toBeLessThan(source(heavyThenQuiet).emptyReceives + 2000);
  });
});
