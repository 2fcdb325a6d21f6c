/**
 * Little's law on a sample path: time-average concurrency L = arrival rate λ × mean time in the
 * system W, up to edge effects of order W / window (here < 1e-4). Concurrency counts INIT.
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

describe("Little's law", () => {
  it('mean concurrency = λ × mean (INIT + handler) time', () => {
    const out = run(yaml`
      lamsim: 1
      name: little
      duration: 30m
      traffic: { target: f, phases: [{ duration: 30m, arrivalRate: 80 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1024
          model: { compute: { p50: 40ms, p99: 200ms }, io: { dist: uniform, min: 10ms, max: 50ms } }
    `);
    const f = fn(out);
    const windowS = 1800;
    const lambda = f.invocations.started / windowS;
    const timeInSystemMs = f.durationMs.mean + (f.initDurationMs.mean * f.coldStarts) / f.invocations.started;
    const predicted = (lambda * timeInSystemMs) / 1000;
    expect(f.invocations.throttled).toBe(0);
    expect(Math.abs(f.concurrency.mean - predicted) / predicted).toBeLessThan(0.002);
  });
});
