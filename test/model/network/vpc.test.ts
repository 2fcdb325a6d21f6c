/**
 * VPC networking (AWS Compute Blog "Announcing improved VPC networking for AWS Lambda functions" (2019), https://aws.amazon.com/blogs/compute/announcing-improved-vpc-networking-for-aws-lambda-functions/): Hyperplane adds a near-constant ~0.23 s to cold starts
 * (measured); legacy ENIs add seconds to the cold starts that must create an ENI and nothing to
 * warm requests; subnet IPs bound legacy scale-out; internet calls go through the NAT gateway,
 * which adds latency and bills hours and processed bytes.
 */
import { describe, expect, it } from 'vitest';
import type { NatSummary } from '../../../src/results/index.ts';
import { fn, run, yaml } from '../../helpers/run.ts';

const vpcScenario = (eniMode: string, extra = '') => yaml`
  lamsim: 1
  name: vpc
  duration: 10m
  platform: { idleTimeout: 1h }
  traffic: { target: f, phases: [{ duration: 10m, arrivalRate: 20, rampTo: 200 }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 3072
      timeout: 60
      vpc: { subnetIds: [a, b], securityGroupIds: [sg], eniMode: ${eniMode}${extra} }
      model: { init: 200ms, compute: { p50: 50ms, p99: 120ms } }
`;

describe('VPC attachment', () => {
  it('legacy ENIs add seconds to cold starts only; warm requests are unaffected', () => {
    const hyper = fn(run(vpcScenario('hyperplane')));
    const legacy = fn(run(vpcScenario('legacy')));
    // At 3 GB one environment fills an ENI, so every legacy cold start waits for a new one (~8 s).
    expect(legacy.latencyColdMs.p50 - hyper.latencyColdMs.p50).toBeGreaterThan(6000);
    expect(legacy.latencyColdMs.p50 - hyper.latencyColdMs.p50).toBeLessThan(10_000);
    // Warm requests see the same handler: medians within 3% of each other.
    expect(Math.abs(legacy.latencyWarmMs.p50 / hyper.latencyWarmMs.p50 - 1)).toBeLessThan(0.03);
    // The summary says where the seconds went: the network interface, measured p50 8.07 s.
    expect(legacy.networkSetupMs?.p50).toBeGreaterThan(6000);
    expect(legacy.networkSetupMs?.p50).toBeLessThan(10_000);
    expect(hyper.networkSetupMs?.p50).toBeLessThan(500);
  });

  it('Hyperplane cold starts are ~0.23 s slower than outside a VPC (measured shift)', () => {
    const outside = fn(run(vpcScenario('hyperplane').replace(/ {4}vpc: .*\n/, '')));
    const hyper = fn(run(vpcScenario('hyperplane')));
    const shift = hyper.latencyColdMs.p50 - outside.latencyColdMs.p50;
    expect(shift).toBeGreaterThan(180);
    expect(shift).toBeLessThan(290);
  });

  it('legacy scale-out stops when the subnets run out of IP addresses', () => {
    const f = fn(run(vpcScenario('legacy', ', ipsPerSubnet: 10')));
    // 2 subnets x 10 IPs = 20 ENIs of one 3 GB environment each.
    expect(f.environments.peak).toBe(20);
    // Requests that find no network interface are refused before they start (not `failed`).
    expect(f.invocations.refused).toBeGreaterThan(0);
    expect(f.invocations.failed).toBe(0);
    expect(f.invocations.throttled).toBe(0);
    expect(f.invocations.arrived).toBe(f.invocations.started + f.invocations.refused);
  });
});

describe('NAT gateway', () => {
  it('adds its latency to each internet call and bills hours per AZ and processed bytes', () => {
    const out = run(yaml`
      lamsim: 1
      name: nat
      duration: 1h
      traffic: { target: f, mode: uniform, phases: [{ duration: 1h, arrivalRate: 10 }] }
      functions:
        f:
          runtime: python3.12
          memorySize: 1769
          vpc: { subnetIds: [a], securityGroupIds: [sg] }
          model: { init: 0ms, compute: 10ms, calls: [{ resource: internet, latency: 40ms, bytes: 100KB, count: 2 }] }
      resources:
        egress: { type: nat-gateway, azs: 2, latency: 3ms }
    `);
    const f = fn(out);
    const nat = out.summary.resources.egress as NatSummary;
    expect(nat.calls).toBe(2 * 36_000);
    expect(nat.processedBytes).toBe(2 * 36_000 * 100 * 1024);
    // 10 ms + 2 x (40 + 3) ms of handler, VPC set-up only on the one cold start.
    expect(f.durationMs.p50).toBeCloseTo(96, 0);
    const lines = out.cost.window.lines.filter((l) => l.service === 'nat-gateway');
    const hours = lines.find((l) => l.unit.includes('hour'));
    expect(hours?.quantity).toBeCloseTo(2, 9); // 2 AZs x 1 h
    expect(lines.some((l) => l.unit === 'GB')).toBe(true);
  });
});

describe('VPC endpoints', () => {
  const withEndpoint = (endpoint: string) => yaml`
    lamsim: 1
    name: endpoints
    duration: 1h
    traffic: { target: f, mode: uniform, phases: [{ duration: 1h, arrivalRate: 1 }] }
    functions:
      f:
        runtime: python3.12
        memorySize: 1769
        vpc: { subnetIds: [a], securityGroupIds: [sg] }
        model:
          init: 0ms
          compute: 10ms
          calls:
            - { resource: internet, latency: 50ms, bytes: 10KB }
            - { resource: store, latency: 20ms, bytes: 1MB }
    resources:
      egress: { type: nat-gateway }
      store: ${endpoint}
  `;

  it('keeps S3 traffic off the NAT gateway through a free gateway endpoint', () => {
    const out = run(withEndpoint('{ type: vpc-endpoint, service: s3 }'));
    const nat = out.summary.resources.egress as NatSummary;
    expect(nat.calls).toBe(3600); // only the internet call
    expect(nat.processedBytes).toBe(3600 * 10 * 1024);
    expect(out.cost.window.lines.some((l) => l.service.includes('endpoint'))).toBe(false);
    expect(fn(out).durationMs.p50).toBeCloseTo(10 + 50 + 1 + 20, 0);
  });

  it('bills an interface endpoint per AZ-hour and per GB', () => {
    const out = run(withEndpoint('{ type: vpc-endpoint, service: sqs, azs: 2, latency: 2ms }'));
    const lines = out.cost.window.lines.filter((l) => l.service.includes('endpoint'));
    expect(lines.find((l) => l.unit.includes('hour'))?.quantity).toBeCloseTo(2, 9);
    const gb = lines.find((l) => l.unit === 'GB');
    expect(gb?.quantity).toBeCloseTo((3600 * 1024 ** 2) / 1024 ** 3, 9);
    expect(fn(out).durationMs.p50).toBeCloseTo(10 + 50 + 1 + 20 + 2, 0);
  });
});
