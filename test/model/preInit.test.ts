/**
 * The part of a cold start before INIT (placement, code download, sandbox start): the caller waits
 * for it, Lambda's Init Duration leaves it out, and it is not billed. Defaults from client-side
 * measurements (Shilkov, January 2021) less the INIT Lambda reports (src/scenario/defaults/preInit.ts):
 * zip lognormal through p50 105 ms and p97.5 400 ms, plus 103 ms per zipped MB; images p50 469 ms,
 * p97.5 1,078 ms.
 *
 * A burst of 1,000 requests in the first second, each holding its environment for 10 s, makes
 * 1,000 cold starts whose latency is exactly (before INIT) + INIT (0 here) + 10 s.
 */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/engine/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const burst = (extra: string, model = '') => yaml`
  lamsim: 1
  name: pre-init
  duration: 1s
  traffic: { target: f, mode: uniform, phases: [{ duration: 1s, arrivalRate: 1000 }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 60
      ${extra}
      model: { init: 0ms, compute: 10s${model} }
`;

/** Mean and standard deviation of the lognormal through p50 and p97.5. */
function lognormalMoments(p50: number, p975: number) {
  const sigma = Math.log(p975 / p50) / normalQuantile(0.975);
  const mean = p50 * Math.exp(sigma ** 2 / 2);
  return { mean, sd: mean * Math.sqrt(Math.exp(sigma ** 2) - 1) };
}

describe('the cold start before INIT', () => {
  it('zip: the caller waits for it, Init Duration leaves it out, the bill leaves it out', () => {
    const out = run(burst('packageType: zip'));
    const f = fn(out);
    expect(f.coldStarts).toBe(1000);
    expect(f.initDurationMs.max).toBe(0);
    const { mean, sd } = lognormalMoments(105, 400);
    // 1,000 draws: the sample mean is within 4 standard errors of the lognormal's mean (132.5 ms).
    expect(Math.abs(f.preInitDurationMs.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(1000));
    // Latency = before INIT + the 10 s handler, request by request.
    expect(f.latencyMs.mean - 10_000).toBeCloseTo(f.preInitDurationMs.mean, 3);
    // Billed: the handler only (10 s each), INIT being 0 and the part before INIT never billed.
    expect(out.run.usage.lambda[0].onDemandBilledMs).toBe(1000 * 10_000);
  });

  it('zip package size: 103 ms more per zipped MB (Shilkov 2021: 14 MB +1.43 s, 35 MB +3.61 s)', () => {
    const base = fn(run(burst('packageType: zip')));
    const mb14 = fn(run(burst('packageSize: 14MB')));
    const mb35 = fn(run(burst('packageSize: 35MB')));
    // Same seed, same draws: the difference is exactly the size term.
    expect(mb14.preInitDurationMs.mean - base.preInitDurationMs.mean).toBeCloseTo(103 * 14, 2);
    expect(mb35.preInitDurationMs.mean - base.preInitDurationMs.mean).toBeCloseTo(103 * 35, 2);
    // Against the measured medians' increases, 1.4311 s and 3.6107 s (shilkov-cold-starts.csv).
    expect(Math.abs(103 * 14 - 1431.1) / 1431.1).toBeLessThan(0.01);
    expect(Math.abs(103 * 35 - 3610.7) / 3610.7).toBeLessThan(0.01);
  });

  it('a container image waits longer, whatever its size (images load lazily)', () => {
    const f = fn(run(burst('packageType: image')));
    const { mean, sd } = lognormalMoments(469, 1078);
    expect(Math.abs(f.preInitDurationMs.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(1000));
    // The median of 1,000 draws: within 4 standard errors (1.2533 sigma / sqrt(n) on the log scale).
    const sigma = Math.log(1078 / 469) / normalQuantile(0.975);
    expect(Math.abs(Math.log(f.preInitDurationMs.p50 / 469))).toBeLessThan(
      (4 * 1.2533 * sigma) / Math.sqrt(1000),
    );
  });

  it('a written model.preInit replaces the default (and its size term)', () => {
    const f = fn(run(burst('packageSize: 30MB', ', preInit: 40ms')));
    expect(f.preInitDurationMs.mean).toBe(40);
    expect(f.latencyMs.mean).toBeCloseTo(10_040, 3);
    const none = fn(run(burst('packageType: zip', ', preInit: 0ms')));
    expect(none.latencyMs.mean).toBeCloseTo(10_000, 3);
  });

  it('warm starts do not wait for it', () => {
    const f = fn(
      run(yaml`
        lamsim: 1
        name: warm
        duration: 10m
        traffic: { target: f, mode: uniform, phases: [{ duration: 10m, arrivalRate: 1 }] }
        functions:
          f: { runtime: nodejs22.x, memorySize: 1769, model: { init: 0ms, compute: 10ms } }
      `),
    );
    expect(f.coldStarts).toBe(1);
    expect(f.latencyWarmMs.max).toBeCloseTo(10, 3);
    expect(f.latencyColdMs.max).toBeCloseTo(10 + f.preInitDurationMs.max, 3);
  });
});
