/**
 * A single keep-alive environment: with Poisson arrivals at rate λ, a short handler and a fixed
 * idle timeout T, an arrival is cold exactly when the gap since the previous request's end
 * exceeds T, so P(cold) = exp(-λ (T + d)) for handler time d (gaps are independent: binomial
 * error). The model must also follow the measured reclamation curve (see idleReclamation.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

describe('cold starts of a sparse function', () => {
  it('P(cold) = exp(-λ(T + d)) for one environment with a fixed idle timeout', () => {
    const out = run(yaml`
      lamsim: 1
      name: keep-alive
      duration: 40d
      platform: { idleTimeout: 5m, maxLifetime: off }
      traffic: { target: f, phases: [{ duration: 40d, arrivalRate: 0.0041666667 }] }
      functions:
        f:
          runtime: python3.12
          memorySize: 1769
          model: { init: 100ms, compute: 1ms }
    `);
    const f = fn(out);
    const lambdaPerMs = 1 / 240_000;
    const expected = Math.exp(-lambdaPerMs * (300_000 + 101)); // the first cold start ends after init + handler
    const n = f.invocations.started;
    expect(n).toBeGreaterThan(13_000);
    const se = Math.sqrt((expected * (1 - expected)) / n);
    // The very first request is always cold: one extra, negligible against 4 SE (~0.016).
    expect(Math.abs(f.coldStartRate - expected)).toBeLessThan(4 * se);
  });
});
