/**
 * Provisioned concurrency (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/; https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html): environments initialised before traffic serve
 * requests warm; beyond them requests spill over to on-demand environments, which start cold and
 * are billed at on-demand prices. Deterministic traffic: 100 req/s evenly spaced, 45 ms each,
 * needs exactly 5 concurrent executions (45 ms avoids ties between arrivals and completions).
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

/**
 * `rate` req/s evenly spaced for `duration`, 45 ms each, on a function with `provisioned`
 * environments under reserved concurrency `reserved` (defaults: 100 req/s for 10 minutes, 20).
 */
const steady = (
  provisioned: number,
  init = '200ms',
  { rate = 100, duration = '10m', reserved = 20 } = {},
) => yaml`
  lamsim: 1
  name: pc
  duration: ${duration}
  platform: { idleTimeout: 1h }
  traffic: { target: f, mode: uniform, phases: [{ duration: ${duration}, arrivalRate: ${rate} }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      reservedConcurrency: ${reserved}
      provisionedConcurrency: ${provisioned}
      model: { init: ${init}, preInit: 0ms, compute: 45ms }
`;

describe('provisioned concurrency', () => {
  it('serves everything warm when it covers the concurrency', () => {
    const out = run(steady(10));
    const f = fn(out);
    expect(f.coldStarts).toBe(0);
    expect(f.concurrency.peak).toBe(5);
    const usage = out.run.usage.lambda[0];
    expect(usage.onDemandBilledMs).toBe(0);
    // 60,000 invocations of 45 ms, plus the 10 provisioned INITs of 200 ms.
    expect(usage.provisionedBilledMs).toBe(60_000 * 45 + 10 * 200);
    // Still enabled when the 10-minute window ends: billed to its end, not rounded.
    expect(usage.provisionedIntervals).toEqual([
      { concurrency: 10, durationMs: 600_000, stillEnabled: true },
    ]);
  });

  it('serves everything warm from a pool of 100 (slots past the idle set starting room of 64)', () => {
    // 2,000 req/s of 45 ms need exactly 90 concurrent executions; 100 provisioned cover them.
    const out = run(steady(100, '200ms', { rate: 2000, duration: '1m', reserved: 120 }));
    const f = fn(out);
    expect(f.coldStarts).toBe(0);
    expect(f.concurrency.peak).toBe(90);
    expect(f.environments.created).toBe(100);
    expect(out.run.usage.lambda[0].onDemandBilledMs).toBe(0);
  });

  it('spills over to on-demand environments beyond it', () => {
    const out = run(steady(3, '0ms'));
    const f = fn(out);
    // With an instant INIT the 4th and 5th overlapping requests need exactly two on-demand
    // environments, created cold once and reused from then on.
    expect(f.coldStarts).toBe(2);
    expect(f.environments.created).toBe(5);
    const usage = out.run.usage.lambda[0];
    expect(usage.provisionedBilledMs + usage.onDemandBilledMs).toBe(60_000 * 45);
    // 3 of every 5 requests run on provisioned environments.
    expect(usage.provisionedBilledMs).toBe(36_000 * 45);
  });

  it('spill-over environments stuck in INIT force more cold starts', () => {
    const out = run(steady(3));
    const f = fn(out);
    // While the first spill-over environments run their 200 ms INIT, two more requests per 50 ms
    // find everything busy: ~10 cold starts instead of 2, each billed with its INIT.
    expect(f.coldStarts).toBeGreaterThan(5);
    expect(f.latencyColdMs.p50).toBeGreaterThan(200);
    const usage = out.run.usage.lambda[0];
    expect(usage.provisionedBilledMs + usage.onDemandBilledMs).toBe(
      60_000 * 45 + 3 * 200 + f.coldStarts * 200,
    );
  });
});
