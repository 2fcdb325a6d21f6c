import { describe, expect, it } from 'vitest';
import { calculateCost, calculatorIssues, calculatorUsage, MONTH_MS } from '../../src/billing/index.ts';
import { hasLine, items, line } from './helpers.ts';

const base = { requests: 1e6, durationMs: 100, memoryMb: 1024 } as const;
const KB = 1024;
const GB = 1024 ** 3;

describe('calculatorUsage', () => {
  it('describes one 730-hour month', () => {
    const u = calculatorUsage(base);
    expect(u.windowMs).toBe(MONTH_MS);
    expect(u.region).toBe('us-east-1');
    expect(u.lambda).toHaveLength(1);
    expect(u.lambda[0]).toMatchObject({
      requests: 1e6,
      onDemandBilledMs: 1e8,
      provisionedBilledMs: 0,
      edge: false,
    });
  });
  it('bills every invocation at the average rounded up to the granularity', () => {
    expect(calculatorUsage({ ...base, durationMs: 27.4 }).lambda[0].onDemandBilledMs).toBe(28e6);
    expect(
      calculatorUsage({ ...base, durationMs: 27.4, granularityMs: 100 }).lambda[0].onDemandBilledMs,
    ).toBe(100e6);
  });
});

describe('cold starts and the INIT rule', () => {
  const cold = (initBilled: boolean, runtime = 'nodejs22.x', packageType: 'zip' | 'image' = 'zip') =>
    calculatorUsage({ ...base, coldStarts: { share: 0.01, initMs: 250.5, runtime, packageType, initBilled } })
      .lambda[0].onDemandBilledMs;
  it('since 2025-08-01: 1% of invocations bill ceil(100 + 250.5) = 351 ms', () => {
    expect(cold(true)).toBe(990_000 * 100 + 10_000 * 351);
  });
  it('before: INIT free for zip on a managed runtime, billed for provided.* and images', () => {
    expect(cold(false)).toBe(1e6 * 100);
    expect(cold(false, 'provided.al2023')).toBe(990_000 * 100 + 10_000 * 351);
    expect(cold(false, 'python3.12', 'image')).toBe(990_000 * 100 + 10_000 * 351);
  });
  it('cold starts apply to on-demand invocations only', () => {
    const u = calculatorUsage({
      ...base,
      provisioned: { concurrency: 10, requestShare: 0.5 },
      coldStarts: { share: 0.1, initMs: 1000 },
    }).lambda[0];
    expect(u.provisionedBilledMs).toBe(500_000 * 100);
    expect(u.onDemandBilledMs).toBe(450_000 * 100 + 50_000 * 1100);
  });
});

describe('provisioned concurrency in the calculator', () => {
  it('defaults: configured all month, serving every request at the same duration', () => {
    const bill = calculateCost({ ...base, provisioned: { concurrency: 1 } });
    // 1 × 730 h × 3600 s × 1 GB
    expect(line(bill, 'lambda', 'provisioned concurrency x86_64').quantity).toBe(2_628_000);
    expect(line(bill, 'lambda', 'provisioned duration x86_64').quantity).toBe(100_000);
    expect(hasLine(bill, 'lambda', 'duration x86_64 tier 1')).toBe(false);
  });
  it('rounds the configured time up to 5 minutes', () => {
    const bill = calculateCost({ ...base, provisioned: { concurrency: 2, hours: 1 / 60 } });
    expect(line(bill, 'lambda', 'provisioned concurrency x86_64').quantity).toBe(600);
  });
});

describe('services in the calculator', () => {
  it('API Gateway HTTP with 600 KB requests meters 2 requests each', () => {
    const bill = calculateCost({ ...base, apiGateway: { type: 'http', bytesPerRequest: 600 * KB } });
    expect(line(bill, 'api-gateway', 'HTTP API requests tier 1')).toMatchObject({ quantity: 2e6, usd: 2 });
  });
  it('ALB: 730 h, one new connection per request by default', () => {
    const bill = calculateCost({ ...base, requests: 90_000 * 730, alb: {} });
    expect(line(bill, 'alb', 'load balancer hours').quantity).toBe(730);
    expect(line(bill, 'alb', 'LCU hours').quantity).toBe(730);
  });
  it('NAT, endpoints, RDS Proxy, Secrets Manager, logs and transfer', () => {
    const bill = calculateCost({
      ...base,
      natGateway: { azs: 2, bytesPerRequest: 10 * KB },
      vpcEndpoints: { endpoints: 2, azs: 3 },
      rdsProxy: { target: 'instance', capacity: 2 },
      secretsManager: { secrets: 1, apiCalls: 10_000 },
      logBytesPerRequest: 2 * KB,
      dataTransferOutBytesPerRequest: 5 * KB,
    });
    expect(line(bill, 'nat-gateway', 'gateway hours').quantity).toBe(1460);
    expect(line(bill, 'nat-gateway', 'data processed').quantity).toBeCloseTo((1e6 * 10 * KB) / GB, 12);
    expect(line(bill, 'vpc-endpoint', 'endpoint AZ hours').quantity).toBe(4380);
    expect(line(bill, 'rds-proxy', 'vCPU hours')).toMatchObject({ quantity: 1460, usd: 21.9 });
    expect(line(bill, 'secrets-manager', 'secrets')).toMatchObject({ quantity: 1, usd: 0.4 });
    expect(line(bill, 'secrets-manager', 'API calls')).toMatchObject({ quantity: 10_000, usd: 0.05 });
    expect(line(bill, 'cloudwatch-logs', 'ingestion tier 1').quantity).toBeCloseTo((2e6 * KB) / GB, 12);
    expect(line(bill, 'data-transfer', 'out to internet tier 1').quantity).toBeCloseTo((5e6 * KB) / GB, 12);
  });
  it('SQS and arm64', () => {
    const bill = calculateCost({ ...base, architecture: 'arm64', sqs: { requests: 3e6, fifo: true } });
    expect(line(bill, 'sqs', 'FIFO requests')).toMatchObject({ quantity: 3e6, usd: 1.5 });
    expect(line(bill, 'lambda', 'duration arm64 tier 1')).toMatchObject({ quantity: 100_000, usd: 1.33334 });
  });
  it('nothing is billed for services the input does not mention', () => {
    expect(items(calculateCost(base))).toEqual(['lambda/requests', 'lambda/duration x86_64 tier 1']);
  });
});

describe('calculatorIssues', () => {
  it('accepts a valid input', () => {
    expect(calculatorIssues(base)).toEqual([]);
  });
  it('reports every problem with its field', () => {
    const issues = calculatorIssues({
      region: 'xx-1',
      requests: -1,
      durationMs: 901_000,
      memoryMb: 100,
      ephemeralStorageMb: 256,
      granularityMs: 10 as 1,
      prices: { 'lambda.request': 1 },
      edge: true,
      provisioned: { concurrency: 1.5, requestShare: 2 },
      coldStarts: { share: -0.1, initMs: 1 },
      natGateway: { azs: 0 },
    });
    expect(issues.map((i) => i.field)).toEqual([
      'region',
      'requests',
      'durationMs',
      'memoryMb',
      'ephemeralStorageMb',
      'granularityMs',
      'prices.lambda.request',
      'provisioned',
      'provisioned.concurrency',
      'provisioned.requestShare',
      'coldStarts.share',
      'natGateway.azs',
    ]);
  });
  it('hours of anything running fit in a month (at most 31 days: AWS bills 744-hour months in its examples)', () => {
    const issues = calculatorIssues({
      ...base,
      provisioned: { concurrency: 5, hours: 800 },
      natGateway: { azs: 2, hours: 745 },
      alb: { hours: 744 },
    });
    expect(issues).toEqual([
      {
        field: 'provisioned.hours',
        message: 'must be hours in 0..744 (a month of at most 31 days), got 800',
      },
      {
        field: 'natGateway.hours',
        message: 'must be hours in 0..744 (a month of at most 31 days), got 745',
      },
    ]);
  });
  it('calculateCost throws RangeError on invalid input, listing the problems', () => {
    expect(() => calculateCost({ ...base, memoryMb: 64 })).toThrow(
      /memoryMb: must be a whole number of MB in 128..10240/,
    );
  });
});
