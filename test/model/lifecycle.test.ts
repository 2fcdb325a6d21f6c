/**
 * Execution environment lifecycle: idle reclamation, maximum lifetime, placement policies and
 * INIT over the 10 s limit ("suppressed init", docs lambda-runtime-environment.html).
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

describe('environment lifecycle', () => {
  it('retires environments at their maximum lifetime, even when busy all the time', () => {
    const f = fn(
      run(yaml`
        lamsim: 1
        name: lifetime
        duration: 55m
        platform: { idleTimeout: 10m, maxLifetime: 10m }
        traffic: { target: f, mode: uniform, phases: [{ duration: 55m, arrivalRate: 10 }] }
        functions: { f: { runtime: nodejs22.x, memorySize: 1769, model: { init: 0ms, preInit: 0ms, compute: 50ms } } }
      `),
    );
    // One environment serves everything (50 ms every 100 ms) and is replaced every 10 minutes:
    // retired at 10, 20, 30, 40 and 50 minutes; the sixth is not 10 minutes old when the window ends.
    expect(f.environments.retired).toBe(5);
    expect(f.coldStarts).toBe(6);
  });

  it('newest/mru let surplus environments go idle and be reclaimed; lru keeps them all warm', () => {
    const scenario = (placement: string) => yaml`
      lamsim: 1
      name: placement
      duration: 20m
      platform: { idleTimeout: 5m, placement: ${placement} }
      traffic:
        target: f
        mode: uniform
        phases:
          - { duration: 10s, arrivalRate: 1000 }
          - { duration: 1190s, arrivalRate: 20 }
      functions: { f: { runtime: nodejs22.x, memorySize: 1769, model: { init: 100ms, preInit: 0ms, compute: 100ms } } }
    `;
    const lru = fn(run(scenario('lru')));
    const mru = fn(run(scenario('mru')));
    const newest = fn(run(scenario('newest')));
    // The burst needs ~100 environments. Afterwards 20 req/s x 100 ms needs 2-3: with lru each of the
    // ~100 environments is used every ~5 s, far inside the 5-minute idle timeout, so none is reclaimed.
    expect(lru.environments.created).toBeGreaterThanOrEqual(100);
    expect(lru.environments.reclaimed).toBe(0);
    for (const f of [mru, newest]) {
      expect(f.environments.reclaimed).toBeGreaterThan(90);
      expect(f.environments.meanLive).toBeLessThan(lru.environments.meanLive / 2);
    }
  });

  it('re-runs an INIT longer than 10 s inside the first invocation', () => {
    const f = fn(
      run(yaml`
        lamsim: 1
        name: suppressed
        duration: 1s
        traffic: { target: f, mode: uniform, phases: [{ duration: 1s, arrivalRate: 1 }] }
        functions: { f: { runtime: java21, memorySize: 1769, timeout: 60, model: { init: 12s, preInit: 0ms, compute: 100ms } } }
      `),
    );
    expect(f.suppressedInits).toBe(1);
    // 10 s of timed-out INIT, then INIT again (12 s) and the handler inside the invocation.
    expect(f.latencyMs.max).toBeCloseTo(10_000 + 12_000 + 100, 6);
    expect(f.durationMs.max).toBeCloseTo(12_100, 6);
  });

  it('a suppressed INIT counts against the function timeout', () => {
    const f = fn(
      run(yaml`
        lamsim: 1
        name: suppressed-timeout
        duration: 1s
        traffic: { target: f, mode: uniform, phases: [{ duration: 1s, arrivalRate: 1 }] }
        functions: { f: { runtime: java21, memorySize: 1769, timeout: 10, model: { init: 12s, preInit: 0ms, compute: 100ms } } }
      `),
    );
    expect(f.invocations.timedOut).toBe(1);
  });
});
