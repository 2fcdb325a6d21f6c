/**
 * Databases, Kinesis, SNS, EventBridge and S3 (issue 12 item 7): each line against AWS's published
 * rules and worked examples, quoted below with their pages.
 */
import { describe, expect, it } from 'vitest';
import {
  billMonthly,
  billWindow,
  eventBridgeBilledEvents,
  kinesisPutPayloadUnits,
  priceTable,
  snsBilledRequests,
  sqsBilledRequests,
} from '../../src/billing/index.ts';
import { formatUsd } from '../../src/report/index.ts';
import { billing, HOUR_MS, hasLine, items, line, usage } from './helpers.ts';

const KB = 1024;
const free = billing({ freeTier: true });

describe('Kinesis Data Streams (provisioned)', () => {
  it('PUT payload units: 25 KB chunks of a record (the pricing page examples)', () => {
    // aws.amazon.com/kinesis/data-streams/pricing: "a 5KB record contains one PUT Payload Unit, a
    // 45KB record contains two PUT Payload Units, and a 1MB record contains 40 PUT Payload Units".
    expect(kinesisPutPayloadUnits(5 * KB)).toBe(1);
    expect(kinesisPutPayloadUnits(45 * KB)).toBe(2);
    expect(kinesisPutPayloadUnits(1024 * KB)).toBe(41); // 1 MiB = 40.96 chunks of 25 KiB
    expect(kinesisPutPayloadUnits(1000 * KB)).toBe(40); // the page's "1MB" is 1,000 KB
    expect(kinesisPutPayloadUnits(25 * KB)).toBe(1);
    expect(kinesisPutPayloadUnits(25 * KB + 1)).toBe(2);
  });
  it("AWS's worked example: 100 records/s of 35 KB on 4 shards for a 31-day month -> $52.14", () => {
    // Same page, provisioned mode: "One shard costs $0.015 per hour ... Our stream has four shards
    // ... For a month with 31 days, our monthly cost for Shard Hour is $44.64"; "each record contains
    // two PUT Payload Units ... 535,680,000 PUT Payload Units per month. As one million PUT Payload
    // Units cost $0.014, our monthly cost for PUT Payload Units is $7.499"; "$44.64 + $7.499 = $52.14".
    const records = 100 * 86_400 * 31;
    const u = usage([], {
      windowMs: 744 * HOUR_MS,
      kinesisStreams: [
        {
          name: 'telemetry',
          shards: 4,
          hours: 744,
          extendedRetention: false,
          putPayloadUnits: records * kinesisPutPayloadUnits(35 * KB),
          enhancedFanOutConsumers: 0,
          enhancedFanOutBytes: 0,
        },
      ],
    });
    const bill = billWindow(u, billing());
    expect(items(bill)).toEqual(['kinesis/shard hours', 'kinesis/PUT payload units']);
    expect(line(bill, 'kinesis', 'shard hours')).toMatchObject({
      quantity: 2976,
      usd: 44.64,
    });
    expect(line(bill, 'kinesis', 'PUT payload units')).toMatchObject({
      quantity: 535_680_000,
      usd: 7.49952,
    });
    expect(formatUsd(bill.totalUsd)).toBe('$52.14');
  });
  it('extended retention (over 24 h) adds $0.02 per shard-hour; no free tier', () => {
    const stream = {
      name: 's',
      shards: 2,
      hours: 730,
      extendedRetention: true,
      putPayloadUnits: 0,
      enhancedFanOutConsumers: 0,
      enhancedFanOutBytes: 0,
    };
    const bill = billWindow(usage([], { kinesisStreams: [stream] }), free);
    expect(line(bill, 'kinesis', 'extended retention')).toMatchObject({
      quantity: 1460,
      usd: 29.2,
    });
    expect(line(bill, 'kinesis', 'shard hours').usd).toBe(21.9);
  });
});

describe('Kinesis enhanced fan-out', () => {
  it('bills $0.015 per consumer-shard-hour and $0.013 per GB pushed (us-east-1, provisioned mode)', () => {
    // 2 consumers on 4 shards for 730 h: 5,840 consumer-shard-hours x $0.015 = $87.60; each
    // consumer receives the 100 GiB written: 200 GB x $0.013 = $2.60.
    const stream = {
      name: 's',
      shards: 4,
      hours: 730,
      extendedRetention: false,
      putPayloadUnits: 0,
      enhancedFanOutConsumers: 2,
      enhancedFanOutBytes: 2 * 100 * 1024 ** 3,
    };
    const bill = billWindow(usage([], { kinesisStreams: [stream] }), free);
    expect(line(bill, 'kinesis', 'enhanced fan-out consumer-shard hours')).toMatchObject({
      quantity: 5840,
      unit: 'consumer-shard-hours',
      usd: 87.6,
    });
    expect(line(bill, 'kinesis', 'enhanced fan-out data retrievals')).toMatchObject({
      quantity: 200,
      unit: 'GB',
      usd: 2.6,
    });
    // Without consumers, no fan-out line.
    const none = billWindow(
      usage([], { kinesisStreams: [{ ...stream, enhancedFanOutConsumers: 0, enhancedFanOutBytes: 0 }] }),
      free,
    );
    expect(items(none)).toEqual(['kinesis/shard hours']);
  });
});

describe('SQS request metering', () => {
  it('"each 64 KB chunk of a payload is billed as 1 request": a 256 KB action is 4 requests', () => {
    // aws.amazon.com/sqs/pricing (the rule the SQS lines already use).
    expect(sqsBilledRequests(256 * KB)).toBe(4);
    expect(sqsBilledRequests(64 * KB)).toBe(1);
    expect(sqsBilledRequests(64 * KB + 1)).toBe(2);
  });
});

describe('SNS', () => {
  it('"a single API call with a 256KB payload will be billed as four requests"', () => {
    // aws.amazon.com/sns/pricing: "Each 64KB chunk of published data is billed as 1 request".
    expect(snsBilledRequests(256 * KB)).toBe(4);
    expect(snsBilledRequests(1 * KB)).toBe(1);
  });
  it('$0.50 per million publishes, the first million free; deliveries to Lambda cost nothing', () => {
    const topics = [{ name: 't', publishRequests: 3e6, deliveries: 6e6 }];
    const bill = billWindow(usage([], { snsTopics: topics }), free);
    expect(items(bill)).toEqual([
      'sns/publishes (free tier)',
      'sns/publishes',
      'sns/deliveries to Lambda and SQS (no charge)',
    ]);
    expect(line(bill, 'sns', 'publishes')).toMatchObject({
      quantity: 2e6,
      usd: 1,
    });
    expect(line(bill, 'sns', 'deliveries to Lambda and SQS (no charge)')).toMatchObject({
      quantity: 6e6,
      usd: 0,
    });
    expect(bill.totalUsd).toBe(1);
    expect(billWindow(usage([], { snsTopics: topics }), billing()).totalUsd).toBe(1.5);
  });
});

describe('EventBridge', () => {
  it('custom events in 64 KB chunks at $1.00 per million; AWS service events are not billed', () => {
    // Cost and Usage Report usage type "Event(-64K-Chunks)" (AWS Knowledge Center,
    // eventbridge-reduce-charges): a 256 KB event is 4 events.
    expect(eventBridgeBilledEvents(256 * KB)).toBe(4);
    expect(eventBridgeBilledEvents(2 * KB)).toBe(1);
    const bill = billWindow(
      usage([], {
        eventBridge: { customEvents: 5e6, schedulerInvocations: 0 },
      }),
      free,
    );
    expect(items(bill)).toEqual(['eventbridge/custom events']);
    expect(line(bill, 'eventbridge', 'custom events').usd).toBe(5);
  });
  it('Scheduler: $1.00 per million invocations after 14 million free each month', () => {
    const u = usage([], {
      eventBridge: { customEvents: 0, schedulerInvocations: 20e6 },
    });
    const withFree = billWindow(u, free);
    expect(line(withFree, 'eventbridge', 'scheduler invocations (free tier)').quantity).toBe(14e6);
    expect(line(withFree, 'eventbridge', 'scheduler invocations')).toMatchObject({ quantity: 6e6, usd: 6 });
    expect(billWindow(u, billing()).totalUsd).toBe(20);
  });
});

describe('S3 requests', () => {
  it('$0.005 per 1,000 PUT-class and $0.0004 per 1,000 GET-class requests', () => {
    const bill = billWindow(
      usage([], {
        s3Buckets: [{ name: 'b', putRequests: 2e6, getRequests: 10e6 }],
      }),
      billing(),
    );
    expect(line(bill, 's3', 'PUT requests')).toMatchObject({
      quantity: 2e6,
      usd: 10,
    });
    expect(line(bill, 's3', 'GET requests')).toMatchObject({
      quantity: 10e6,
      usd: 4,
    });
  });
});

describe('RDS and Aurora instance hours', () => {
  const month = (engine: 'rds-postgres' | 'rds-mysql' | 'aurora-postgresql' | 'aurora-mysql', cls: string) =>
    usage([], {
      databases: [{ name: 'db', engine, instanceClass: cls, hours: 730 }],
    });
  it('per instance-hour by engine and class (on-demand, single-AZ, us-east-1)', () => {
    const pg = billWindow(month('rds-postgres', 'db.r6g.large'), free);
    expect(items(pg)).toEqual(['rds/db.r6g.large instance hours (rds-postgres)']);
    expect(pg.lines[0]).toMatchObject({
      quantity: 730,
      unit: 'instance-hours',
      usd: 164.25,
    });
    expect(billWindow(month('rds-mysql', 'db.r6g.large'), free).totalUsd).toBe(156.95);
    expect(billWindow(month('aurora-postgresql', 'db.r6g.large'), free).totalUsd).toBe(189.8);
    expect(billWindow(month('rds-postgres', 'db.t3.micro'), free).totalUsd).toBeCloseTo(13.14, 10);
  });
  it('a larger class costs more within every family lamsim prices', () => {
    const t = priceTable('us-east-1', {});
    if (!t.ok) throw new Error(t.error.join());
    const order = [
      'micro',
      'small',
      'medium',
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '8xlarge',
      '10xlarge',
    ];
    for (const engine of ['rds-postgres', 'rds-mysql', 'aurora-postgresql', 'aurora-mysql'] as const) {
      for (const fam of ['t3', 't4g', 'm5', 'm6g', 'r5', 'r6g']) {
        const prices = order
          .map((size) => t.value.dbInstanceUsdPerHour(engine, `db.${fam}.${size}`))
          .filter((p): p is number => p !== undefined);
        expect(
          [...prices].sort((a, b) => a - b),
          `${engine} ${fam}`,
        ).toEqual(prices);
      }
    }
  });
  it('a class without a published price bills nothing unless billing.prices sets it', () => {
    const unpriced = month('aurora-postgresql', 'db.m5.large');
    expect(
      hasLine(billWindow(unpriced, billing()), 'aurora', 'db.m5.large instance hours (aurora-postgresql)'),
    ).toBe(false);
    const priced = billWindow(
      unpriced,
      billing({ prices: { 'database.aurora-postgresql.db.m5.large': 0.2 } }),
    );
    expect(line(priced, 'aurora', 'db.m5.large instance hours (aurora-postgresql)').usd).toBe(146);
  });
  it('an hourly resource projects onto the month: a 10-minute window bills 730 instance-hours a month', () => {
    const u = usage([], {
      windowMs: 600_000,
      databases: [
        {
          name: 'db',
          engine: 'rds-postgres',
          instanceClass: 'db.r6g.large',
          hours: 1 / 6,
        },
      ],
    });
    expect(
      line(billMonthly(u, billing()), 'rds', 'db.r6g.large instance hours (rds-postgres)').quantity,
    ).toBeCloseTo(730, 9);
  });
});
