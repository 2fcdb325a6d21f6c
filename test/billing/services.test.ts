/** The services around Lambda: quantities and amounts from the published rates (each rate's source in src/billing/pricing/price-data.ts). */
import { describe, expect, it } from 'vitest';
import { billMonthly, billWindow, MONTH_MS } from '../../src/billing/index.ts';
import { billing, HOUR_MS, hasLine, items, line, usage } from './helpers.ts';

const GB = 1024 ** 3;
const KB = 1024;
const free = billing({ freeTier: true });

describe('API Gateway', () => {
  it('REST: $3.50/M up to 333M, then $2.80/M', () => {
    const bill = billWindow(usage([], { apiGateway: [{ type: 'rest', requests: 400e6 }] }), billing());
    expect(line(bill, 'api-gateway', 'REST API requests tier 1')).toMatchObject({
      quantity: 333e6,
      usd: 1165.5,
    });
    expect(line(bill, 'api-gateway', 'REST API requests tier 2')).toMatchObject({
      quantity: 67e6,
      usd: 187.6,
    });
  });
  it('REST and HTTP tiers are separate, and REST ignores payload size', () => {
    const bill = billWindow(
      usage([], {
        apiGateway: [
          { type: 'rest', requests: 1e6, bytesPerRequest: 2 * 1024 * KB },
          { type: 'http', requests: 1e6 },
        ],
      }),
      billing(),
    );
    expect(line(bill, 'api-gateway', 'REST API requests tier 1')).toMatchObject({ quantity: 1e6, usd: 3.5 });
    expect(line(bill, 'api-gateway', 'HTTP API requests tier 1')).toMatchObject({ quantity: 1e6, usd: 1 });
  });
  it('HTTP: metered in 512 KB increments; $0.90/M above 300M', () => {
    const bill = billWindow(
      usage([], {
        apiGateway: [
          { type: 'http', requests: 100e6, bytesPerRequest: 600 * KB },
          { type: 'http', requests: 150e6, bytesPerRequest: 512 * KB },
        ],
      }),
      billing(),
    );
    expect(line(bill, 'api-gateway', 'HTTP API requests tier 1')).toMatchObject({
      quantity: 300e6,
      usd: 300,
    });
    expect(line(bill, 'api-gateway', 'HTTP API requests tier 2')).toMatchObject({ quantity: 50e6, usd: 45 });
  });
  it('no free tier (the 12-month offer is not applied)', () => {
    const bill = billWindow(usage([], { apiGateway: [{ type: 'http', requests: 1e6 }] }), free);
    expect(bill.totalUsd).toBe(1);
  });
});

describe('ALB: hours + LCU-hours (largest dimension)', () => {
  const alb = {
    name: 'alb',
    hours: 730,
    newConnections: 0,
    activeConnectionMinutes: 0,
    processedBytes: 0,
    ruleEvaluations: 0,
    targets: 'lambda' as const,
  };
  it('an idle ALB for a month: 730 h × $0.0225 = $16.425', () => {
    const bill = billWindow(usage([], { albs: [alb] }), billing());
    expect(items(bill)).toEqual(['alb/load balancer hours']);
    expect(bill.totalUsd).toBe(16.425);
  });
  it('new connections: 25/s is one LCU', () => {
    // 25/s for 730 h = 65,700,000 connections -> 730 LCU-hours
    const bill = billWindow(usage([], { albs: [{ ...alb, newConnections: 25 * 3600 * 730 }] }), billing());
    expect(line(bill, 'alb', 'LCU hours')).toMatchObject({ quantity: 730, usd: 5.84 });
  });
  it('processed bytes: 0.4 GB/h per LCU for Lambda targets, 1 GB/h for instances', () => {
    const lambdaTarget = billWindow(usage([], { albs: [{ ...alb, processedBytes: 292 * GB }] }), billing());
    expect(line(lambdaTarget, 'alb', 'LCU hours').quantity).toBe(730);
    const instances = billWindow(
      usage([], { albs: [{ ...alb, processedBytes: 292 * GB, targets: 'instance' }] }),
      billing(),
    );
    expect(line(instances, 'alb', 'LCU hours').quantity).toBe(292);
  });
  it('takes the largest dimension, not the sum', () => {
    const bill = billWindow(
      usage([], {
        albs: [
          {
            ...alb,
            newConnections: 25 * 3600 * 730, // 730
            activeConnectionMinutes: 3000 * 60 * 730 * 2, // 1460
            ruleEvaluations: 1000 * 3600 * 730, // 730
          },
        ],
      }),
      billing(),
    );
    expect(line(bill, 'alb', 'LCU hours')).toMatchObject({ quantity: 1460, usd: 11.68 });
  });
});

describe('SQS', () => {
  it('standard: $0.40/M in 64 KB chunks, 1M free with the free tier', () => {
    const queue = { queue: 'q', fifo: false, requests: 10e6, bytesPerRequest: 100 * KB };
    const paid = billWindow(usage([], { sqs: [queue] }), billing());
    expect(line(paid, 'sqs', 'standard requests tier 1')).toMatchObject({ quantity: 20e6, usd: 8 });
    const withFree = billWindow(usage([], { sqs: [queue] }), free);
    expect(line(withFree, 'sqs', 'standard requests (free tier)').quantity).toBe(1e6);
    expect(withFree.totalUsd).toBe(7.6);
  });
  it('FIFO: $0.50/M; the free allowance left by standard queues goes to FIFO', () => {
    const bill = billWindow(
      usage([], {
        sqs: [
          { queue: 's', fifo: false, requests: 400_000 },
          { queue: 'f', fifo: true, requests: 2e6 },
        ],
      }),
      free,
    );
    expect(line(bill, 'sqs', 'FIFO requests (free tier)').quantity).toBe(600_000);
    expect(line(bill, 'sqs', 'FIFO requests')).toMatchObject({ quantity: 1.4e6, usd: 0.7 });
  });
});

describe('NAT gateway and VPC endpoints', () => {
  it('NAT: $0.045 per gateway-hour (one per AZ) + $0.045/GB', () => {
    const bill = billWindow(
      usage([], { natGateways: [{ name: 'nat', azs: 2, hours: 730, processedBytes: 100 * GB }] }),
      free,
    );
    expect(line(bill, 'nat-gateway', 'gateway hours')).toMatchObject({ quantity: 1460, usd: 65.7 });
    expect(line(bill, 'nat-gateway', 'data processed')).toMatchObject({ quantity: 100, usd: 4.5 });
  });
  it('interface endpoints: $0.01 per endpoint-AZ-hour + $0.01/GB', () => {
    const bill = billWindow(
      usage([], { vpcEndpoints: [{ name: 'e', azs: 3, hours: 730, processedBytes: 50 * GB }] }),
      billing(),
    );
    expect(line(bill, 'vpc-endpoint', 'endpoint AZ hours')).toMatchObject({ quantity: 2190, usd: 21.9 });
    expect(line(bill, 'vpc-endpoint', 'data processed tier 1')).toMatchObject({ quantity: 50, usd: 0.5 });
  });
});

describe('RDS Proxy', () => {
  it('per vCPU-hour of the target, at least 2 vCPUs: a 1-vCPU db.t2.micro bills 2', () => {
    const bill = billWindow(
      usage([], { rdsProxies: [{ name: 'p', target: 'instance', capacity: 1, hours: 730 }] }),
      billing(),
    );
    expect(line(bill, 'rds-proxy', 'vCPU hours')).toMatchObject({ quantity: 1460, usd: 21.9 });
  });
  it('a 4-vCPU db.r6g.xlarge bills 4', () => {
    const bill = billWindow(
      usage([], { rdsProxies: [{ name: 'p', target: 'instance', capacity: 4, hours: 730 }] }),
      billing(),
    );
    expect(line(bill, 'rds-proxy', 'vCPU hours')).toMatchObject({ quantity: 2920, usd: 43.8 });
  });
  it('Aurora Serverless v2: per ACU-hour, at least 8 ACUs ($87.60 a month)', () => {
    const bill = billWindow(
      usage([], { rdsProxies: [{ name: 'p', target: 'aurora-serverless-v2', capacity: 2.5, hours: 730 }] }),
      billing(),
    );
    expect(line(bill, 'rds-proxy', 'ACU hours')).toMatchObject({ quantity: 5840, usd: 87.6 });
    const big = billWindow(
      usage([], { rdsProxies: [{ name: 'p', target: 'aurora-serverless-v2', capacity: 16, hours: 730 }] }),
      billing(),
    );
    expect(line(big, 'rds-proxy', 'ACU hours').quantity).toBe(11_680);
  });
});

describe('Secrets Manager', () => {
  it('$0.40 per secret-month + $0.05 per 10,000 calls', () => {
    const bill = billWindow(
      usage([], { secretsManager: { secrets: 3, hours: 730, apiCalls: 2e6 } }),
      billing(),
    );
    expect(line(bill, 'secrets-manager', 'secrets')).toMatchObject({ quantity: 3, usd: 1.2 });
    expect(line(bill, 'secrets-manager', 'API calls')).toMatchObject({ quantity: 2e6, usd: 10 });
  });
  it('prorates secrets by the hours stored', () => {
    const bill = billWindow(usage([], { secretsManager: { secrets: 2, hours: 73, apiCalls: 0 } }), billing());
    expect(line(bill, 'secrets-manager', 'secrets').quantity).toBeCloseTo(0.2, 12);
  });
});

describe('CloudWatch Logs ingestion', () => {
  const logs = (bytes: number) =>
    usage([
      {
        function: 'f',
        architecture: 'x86_64',
        memoryMb: 128,
        ephemeralStorageMb: 512,
        edge: false,
        requests: 0,
        onDemandBilledMs: 0,
        provisionedBilledMs: 0,
        provisionedIntervals: [],
        logBytes: bytes,
      },
    ]);
  it('$0.50/GB; 5 GB free with the free tier', () => {
    expect(line(billWindow(logs(25 * GB), billing()), 'cloudwatch-logs', 'ingestion tier 1').usd).toBe(12.5);
    const withFree = billWindow(logs(25 * GB), free);
    expect(line(withFree, 'cloudwatch-logs', 'ingestion (free tier)').quantity).toBe(5);
    expect(withFree.totalUsd).toBe(10);
  });
  it("Lambda-log tiers: AWS's 60 TB example drops from $30,000 to $12,500", () => {
    const flat = {
      'cloudwatchLogs.ingestion.tier2': 0.5,
      'cloudwatchLogs.ingestion.tier3': 0.5,
      'cloudwatchLogs.ingestion.tier4': 0.5,
    };
    expect(billWindow(logs(60_000 * GB), billing({ prices: flat })).totalUsd).toBe(30_000);
    const tiered = billWindow(logs(60_000 * GB), billing());
    expect(tiered.lines.map((l) => [l.item, l.quantity, l.usd])).toEqual([
      ['ingestion tier 1', 10_000, 5000],
      ['ingestion tier 2', 20_000, 5000],
      ['ingestion tier 3', 20_000, 2000],
      ['ingestion tier 4', 10_000, 500],
    ]);
    expect(tiered.totalUsd).toBe(12_500);
  });
});

describe('data transfer out', () => {
  it('$0.09/GB to 10 TB after 100 GB free; $0.085 next 40 TB', () => {
    const u = usage([], { dataTransferOutBytes: 20 * 1024 * GB });
    const bill = billWindow(u, free);
    expect(line(bill, 'data-transfer', 'out to internet (free tier)').quantity).toBe(100);
    expect(line(bill, 'data-transfer', 'out to internet tier 1')).toMatchObject({
      quantity: 10_140,
      usd: 912.6,
    });
    expect(line(bill, 'data-transfer', 'out to internet tier 2')).toMatchObject({
      quantity: 10_240,
      usd: 870.4,
    });
  });
});

describe('optional parts', () => {
  it('a usage with only Lambda has no other lines; absent and empty are the same', () => {
    const bare = usage([]);
    expect(billWindow(bare, free)).toEqual({ totalUsd: 0, lines: [] });
    const empty = usage([], {
      apiGateway: [],
      albs: [],
      sqs: [],
      natGateways: [],
      rdsProxies: [],
      dataTransferOutBytes: 0,
    });
    expect(billWindow(empty, free)).toEqual(billWindow(bare, free));
    expect(hasLine(billWindow(empty, free), 'alb', 'load balancer hours')).toBe(false);
  });
  it('hourly resources scale with the monthly projection', () => {
    const day = usage([], {
      windowMs: 24 * HOUR_MS,
      natGateways: [{ name: 'nat', azs: 2, hours: 24, processedBytes: 0 }],
    });
    expect(line(billMonthly(day, billing()), 'nat-gateway', 'gateway hours').quantity).toBeCloseTo(1460, 9);
    expect(MONTH_MS).toBe(730 * HOUR_MS);
  });
});
