/**
 * Secrets Manager (https://aws.amazon.com/secrets-manager/pricing/: $0.40 per secret-month, $0.05 per 10,000 API calls): a
 * `secret` resource read with GetSecretValue, per invocation or once per environment during INIT
 * (`phase: init`, the caching AWS recommends); from a VPC through the NAT gateway or a
 * `secretsmanager` interface endpoint. And data transfer out: responses of internet-facing front
 * doors (https://aws.amazon.com/ec2/pricing/on-demand/ "Data Transfer": $0.09/GB after the free tier).
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSummary, NatSummary, SecretSummary } from '../../src/results/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const secretScenario = (call: string, extra = '') => yaml`
  lamsim: 1
  duration: 1h
  platform: { idleTimeout: 2h }
  traffic: { target: f, mode: uniform, phases: [{ duration: 1h, arrivalRate: 10 }] }
  functions:
    f:
      runtime: python3.12
      memorySize: 1769
      ${extra}
      model: { init: 100ms, compute: 10ms, calls: [${call}] }
  resources:
    creds: { type: secret, latency: 20ms }
`;

const linesOf = (out: ReturnType<typeof run>, service: string) =>
  out.cost.window.lines.filter((l) => l.service === service);

describe('Secrets Manager', () => {
  it('a read per invocation adds its latency to every request and bills every call', () => {
    const out = run(secretScenario('{ resource: creds }'));
    const f = fn(out);
    expect((out.summary.resources.creds as SecretSummary).calls).toBe(36_000);
    expect(f.durationMs.p50).toBeCloseTo(10 + 20, 6);
    const [secrets, calls] = linesOf(out, 'secrets-manager');
    expect(secrets).toMatchObject({ unit: 'secret-months' });
    expect(secrets.quantity).toBeCloseTo(1 / 730, 12); // one secret for 1 h of a 730-h month
    expect(secrets.usd).toBeCloseTo(0.4 / 730, 12);
    expect(calls).toMatchObject({ quantity: 36_000, unit: 'API calls' });
    expect(calls.usd).toBeCloseTo((36_000 / 10_000) * 0.05, 12);
  });

  it('phase: init reads once per environment: INIT gets longer, requests do not', () => {
    const out = run(secretScenario('{ resource: creds, phase: init }'));
    const f = fn(out);
    const created = f.environments.created;
    expect(created).toBeGreaterThan(0);
    // Idle timeout beyond the window: no environment is reclaimed, each read the secret once.
    expect((out.summary.resources.creds as SecretSummary).calls).toBe(created);
    expect(f.durationMs.p50).toBeCloseTo(10, 6);
    expect(f.initDurationMs.p50).toBeCloseTo(100 + 20, 6);
    const calls = linesOf(out, 'secrets-manager').find((l) => l.unit === 'API calls');
    expect(calls?.quantity).toBe(created);
  });

  it('from a VPC, reads go through the NAT gateway, or a secretsmanager endpoint when there is one', () => {
    const vpc = 'vpc: { subnetIds: [a], securityGroupIds: [sg] }';
    const viaNat = run(
      secretScenario('{ resource: creds }', vpc).replace(
        'resources:\n',
        'resources:\n  nat: { type: nat-gateway, latency: 3ms }\n',
      ),
    );
    expect((viaNat.summary.resources.nat as NatSummary).calls).toBe(36_000);
    expect(fn(viaNat).durationMs.p50).toBeCloseTo(10 + 20 + 3, 6);

    const viaEndpoint = run(
      secretScenario('{ resource: creds }', vpc).replace(
        'resources:\n',
        'resources:\n  nat: { type: nat-gateway }\n  sm: { type: vpc-endpoint, service: secretsmanager, latency: 1ms }\n',
      ),
    );
    expect((viaEndpoint.summary.resources.nat as NatSummary).calls).toBe(0);
    expect((viaEndpoint.summary.resources.sm as EndpointSummary).calls).toBe(36_000);
    expect((viaEndpoint.summary.resources.creds as SecretSummary).calls).toBe(36_000);
    expect(fn(viaEndpoint).durationMs.p50).toBeCloseTo(10 + 20 + 1, 6);
  });

  it('a SnapStart restore does not re-read a phase: init secret', () => {
    const out = run(secretScenario('{ resource: creds, phase: init }', 'snapStart: true'));
    expect(fn(out).coldStarts).toBeGreaterThan(0);
    expect((out.summary.resources.creds as SecretSummary).calls).toBe(0);
  });
});

describe('data transfer out', () => {
  const withResponse = (via: string) => yaml`
    lamsim: 1
    duration: 1h
    traffic: { target: f, via: ${via}, responseSize: 100KB, mode: uniform, phases: [{ duration: 1h, arrivalRate: 10 }] }
    functions:
      f: { runtime: nodejs22.x, memorySize: 1024, model: { init: 0ms, compute: 5ms } }
  `;

  it('bills the responses of an internet-facing front door per GB', () => {
    const out = run(withResponse('api-gateway-http'));
    const ok = fn(out).invocations.succeeded;
    expect(ok).toBe(36_000);
    const [line] = linesOf(out, 'data-transfer');
    expect(line.unit).toBe('GB');
    expect(line.quantity).toBeCloseTo((ok * 100 * 1024) / 1024 ** 3, 9);
    expect(line.usd).toBeCloseTo(line.quantity * 0.09, 9);
  });

  it('bills nothing for responses that stay inside AWS (direct Invoke)', () => {
    expect(linesOf(run(withResponse('direct')), 'data-transfer')).toEqual([]);
  });
});
