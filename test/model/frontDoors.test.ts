/**
 * Account-wide limits shared by several functions, and what the front doors bill:
 * - before Nov 2023 the burst (3,000 in us-east-1, then +500/min) was one allowance for the whole
 *   account (old docs invocation-scaling.md); since then each function scales on its own
 *   (docs scaling-behavior.html: 1,000 environments per 10 s per function);
 * - an ALB with Lambda targets bills load-balancer hours and LCUs (https://aws.amazon.com/elasticloadbalancing/pricing/);
 * - Lambda@Edge bills its own request and duration prices (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/, Lambda@Edge).
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

const twoFunctions = (scaling: string) => yaml`
  lamsim: 1
  duration: 10s
  account: { concurrentExecutions: 20000, scaling: ${scaling} }
  traffic:
    - { target: a, retry: { maxAttempts: 1 }, mode: uniform, phases: [{ duration: 10s, arrivalRate: 400 }] }
    - { target: b, retry: { maxAttempts: 1 }, mode: uniform, phases: [{ duration: 10s, arrivalRate: 400 }] }
  functions:
    a: { runtime: nodejs22.x, memorySize: 1769, timeout: 900, model: { init: 0ms, compute: 800s } }
    b: { runtime: nodejs22.x, memorySize: 1769, timeout: 900, model: { init: 0ms, compute: 800s } }
`;

describe('scaling shared by functions', () => {
  it('account-burst-legacy: one burst of 3,000 for the account', () => {
    const out = run(twoFunctions('account-burst-legacy'));
    const created = fn(out, 'a').environments.created + fn(out, 'b').environments.created;
    // 8,000 arrivals, every one needing a new environment: 3,000 + 500/min x 10 s.
    expect(created).toBeGreaterThanOrEqual(3082);
    expect(created).toBeLessThanOrEqual(3084);
  });

  it('per-function-2023: each function scales on its own', () => {
    const out = run(twoFunctions('per-function-2023'));
    // Each: 1,000 at once + 100/s for 10 s = about 2,000 of its 4,000 arrivals.
    for (const name of ['a', 'b']) {
      expect(fn(out, name).environments.created).toBeGreaterThanOrEqual(1999);
      expect(fn(out, name).environments.created).toBeLessThanOrEqual(2000);
    }
  });
});

describe('front-door billing', () => {
  it('an ALB bills hours and LCUs; Lambda@Edge its own prices', () => {
    const out = run(yaml`
      lamsim: 1
      duration: 1h
      traffic:
        - { target: web, via: alb, payload: 10KB, phases: [{ duration: 1h, arrivalRate: 10 }] }
        - { target: edge, via: cloudfront-edge, eventType: viewer-request, phases: [{ duration: 1h, arrivalRate: 10 }] }
      functions:
        web: { runtime: nodejs22.x }
        edge: { runtime: nodejs22.x, memorySize: 128, timeout: 5 }
    `);
    const albs = out.run.usage.albs ?? [];
    expect(albs).toHaveLength(1);
    expect(albs[0]).toMatchObject({ hours: 1, targets: 'lambda' });
    expect(albs[0].newConnections).toBe(fn(out, 'web').invocations.arrived);
    const items = out.cost.window.lines.map((l) => `${l.service} ${l.item}`);
    expect(items).toEqual(expect.arrayContaining(['alb load balancer hours', 'alb LCU hours']));
    expect(out.run.usage.lambda.find((l) => l.function === 'edge')?.edge).toBe(true);
  });
});
