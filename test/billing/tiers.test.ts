/**
 * Volume tiers (aggregated per architecture) and free-tier allowances. Usage is built at 1024 MB,
 * so GB-s = billed ms / 1000 exactly. Expected amounts are AWS's rates times the tier quantities.
 */
import { describe, expect, it } from 'vitest';
import {
  billWindow,
  type CostBreakdown,
  type LambdaUsage,
  splitTiers,
  US_EAST_1,
} from '../../src/billing/index.ts';
import { billing, fn, hasLine, items, line, usage } from './helpers.ts';

const B = 1e9;
const gbS = (gbSeconds: number) => gbSeconds * 1000; // billed ms at 1024 MB

const x86 = (gbSeconds: number, extra = {}) => fn({ onDemandBilledMs: gbS(gbSeconds), ...extra });
const arm = (gbSeconds: number, extra = {}) =>
  fn({ architecture: 'arm64', onDemandBilledMs: gbS(gbSeconds), ...extra });

const durationLines = (bill: CostBreakdown) =>
  bill.lines.filter((l) => l.item.startsWith('duration')).map((l) => [l.item, l.quantity, l.usd]);

describe('x86_64 duration tiers: 6B and 15B GB-s', () => {
  it('exactly 6B GB-s is all tier 1', () => {
    expect(durationLines(billWindow(usage([x86(6 * B)]), billing()))).toEqual([
      ['duration x86_64 tier 1', 6 * B, 100_000.2],
    ]);
  });
  it('one GB-s more is billed at tier 2', () => {
    expect(durationLines(billWindow(usage([x86(6 * B + 1)]), billing()))).toEqual([
      ['duration x86_64 tier 1', 6 * B, 100_000.2],
      ['duration x86_64 tier 2', 1, 0.000015],
    ]);
  });
  it('exactly 15B GB-s fills tiers 1 and 2; beyond is tier 3', () => {
    const at15 = billWindow(usage([x86(15 * B)]), billing());
    expect(durationLines(at15)).toEqual([
      ['duration x86_64 tier 1', 6 * B, 100_000.2],
      ['duration x86_64 tier 2', 9 * B, 135_000],
    ]);
    expect(at15.totalUsd).toBe(235_000.2);
    const over = billWindow(usage([x86(15 * B + 1000)]), billing());
    expect(line(over, 'lambda', 'duration x86_64 tier 3')).toMatchObject({ quantity: 1000, usd: 0.0133334 });
    expect(over.totalUsd).toBe(235_000.2133334);
  });
  it('aggregates over functions of the same architecture', () => {
    const bill = billWindow(usage([x86(4 * B), x86(4 * B, { function: 'g', memoryMb: 1024 })]), billing());
    expect(durationLines(bill)).toEqual([
      ['duration x86_64 tier 1', 6 * B, 100_000.2],
      ['duration x86_64 tier 2', 2 * B, 30_000],
    ]);
  });
});

describe('arm64 duration tiers: 7.5B and 18.75B GB-s', () => {
  it('exactly 7.5B GB-s is all tier 1', () => {
    expect(durationLines(billWindow(usage([arm(7.5 * B)]), billing()))).toEqual([
      ['duration arm64 tier 1', 7.5 * B, 100_000.5],
    ]);
  });
  it('one GB-s more is tier 2', () => {
    const bill = billWindow(usage([arm(7.5 * B + 1)]), billing());
    expect(line(bill, 'lambda', 'duration arm64 tier 2')).toMatchObject({ quantity: 1, usd: 0.0000120001 });
  });
  it('18.75B fills tiers 1 and 2; beyond is tier 3', () => {
    const at = billWindow(usage([arm(18.75 * B)]), billing());
    expect(durationLines(at)).toEqual([
      ['duration arm64 tier 1', 7.5 * B, 100_000.5],
      ['duration arm64 tier 2', 11.25 * B, 135_001.125],
    ]);
    expect(at.totalUsd).toBe(235_001.625);
    const over = billWindow(usage([arm(18.75 * B + 1000)]), billing());
    expect(line(over, 'lambda', 'duration arm64 tier 3')).toMatchObject({ quantity: 1000, usd: 0.0106667 });
  });
  it('tiers are per architecture: 5B x86 + 5B arm stay in both tier 1s', () => {
    const bill = billWindow(usage([x86(5 * B), arm(5 * B)]), billing());
    expect(durationLines(bill)).toEqual([
      ['duration x86_64 tier 1', 5 * B, 83_333.5],
      ['duration arm64 tier 1', 5 * B, 66_667],
    ]);
  });
});

describe('provisioned concurrency is not tiered and does not count toward the on-demand tiers', () => {
  it('PC duration of 10B GB-s leaves on-demand at tier 1', () => {
    const bill = billWindow(usage([x86(1 * B, { provisionedBilledMs: gbS(10 * B) })]), billing());
    expect(line(bill, 'lambda', 'provisioned duration x86_64')).toMatchObject({
      quantity: 10 * B,
      usd: 97_222,
    });
    expect(hasLine(bill, 'lambda', 'duration x86_64 tier 2')).toBe(false);
  });
});

describe('free tier: 1M requests and 400,000 GB-s a month', () => {
  const free = billing({ freeTier: true });
  it('exactly 1M requests costs nothing; one more costs $0.0000002', () => {
    const at = billWindow(usage([fn({ requests: 1e6 })]), free);
    expect(items(at)).toEqual(['lambda/requests (free tier)']);
    expect(at.totalUsd).toBe(0);
    const over = billWindow(usage([fn({ requests: 1e6 + 1 })]), free);
    expect(line(over, 'lambda', 'requests')).toMatchObject({ quantity: 1, usd: 0.0000002 });
  });
  it('exactly 400,000 GB-s costs nothing; one more is billed at tier 1', () => {
    expect(billWindow(usage([x86(400_000)]), free).totalUsd).toBe(0);
    const over = billWindow(usage([x86(400_001)]), free);
    expect(line(over, 'lambda', 'duration x86_64 tier 1')).toMatchObject({ quantity: 1, usd: 0.0000166667 });
  });
  it('the allowance is shared by both architectures, x86_64 first', () => {
    const bill = billWindow(usage([x86(300_000), arm(300_000)]), free);
    expect(durationLines(bill)).toEqual([
      ['duration x86_64 (free tier)', 300_000, 0],
      ['duration arm64 (free tier)', 100_000, 0],
      ['duration arm64 tier 1', 200_000, 2.66668],
    ]);
  });
  it('free units count toward the tier boundaries', () => {
    const bill = billWindow(usage([x86(6 * B + 10)]), free);
    expect(durationLines(bill)).toEqual([
      ['duration x86_64 (free tier)', 400_000, 0],
      ['duration x86_64 tier 1', 6 * B - 400_000, 99_993.53332],
      ['duration x86_64 tier 2', 10, 0.00015],
    ]);
  });
  it('does not cover provisioned concurrency, ephemeral storage or Lambda@Edge', () => {
    const bill = billWindow(
      usage([
        fn({
          ephemeralStorageMb: 1536,
          provisionedBilledMs: gbS(1000),
          provisionedIntervals: [{ concurrency: 1, durationMs: 300_000 }],
        }),
        fn({ function: 'edge', edge: true, memoryMb: 128, requests: 10, onDemandBilledMs: 80 }),
      ]),
      free,
    );
    expect(line(bill, 'lambda', 'provisioned concurrency x86_64')).toMatchObject({
      quantity: 300,
      usd: 0.00125001,
    });
    expect(line(bill, 'lambda', 'provisioned duration x86_64')).toMatchObject({
      quantity: 1000,
      usd: 0.0097222,
    });
    expect(line(bill, 'lambda', 'ephemeral storage')).toMatchObject({ quantity: 1000, usd: 0.0000309 });
    expect(line(bill, 'lambda-edge', 'requests')).toMatchObject({ quantity: 10, usd: 0.000006 });
    expect(line(bill, 'lambda-edge', 'duration')).toMatchObject({ quantity: 0.01, usd: 0.0000005001 });
    expect(hasLine(bill, 'lambda', 'requests (free tier)')).toBe(false);
  });
  it('off: everything is billed', () => {
    const bill = billWindow(usage([fn({ requests: 1e6, onDemandBilledMs: gbS(400_000) })]), billing());
    expect(bill.totalUsd).toBe(6.86668); // $0.20 + 400,000 × $0.0000166667
  });
});

describe('provisioned concurrency: the time from enabling to disabling rounded up to 5 minutes', () => {
  const pcGbS = (provisionedIntervals: LambdaUsage['provisionedIntervals']) =>
    line(
      billWindow(usage([fn({ memoryMb: 1536, provisionedIntervals })]), billing()),
      'lambda',
      'provisioned concurrency x86_64',
    ).quantity;
  const MIN = 60_000;
  it('level changes inside a span are not rounded; the span is, at the level it was disabled from', () => {
    // 5 for 11 min, then 30 for 72 min, then disabled: 83 min -> 85, the 2 extra minutes at 30.
    expect(
      pcGbS([
        { concurrency: 5, durationMs: 11 * MIN, stillEnabled: true },
        { concurrency: 30, durationMs: 72 * MIN },
      ]),
    ).toBeCloseTo((5 * 11 + 30 * 74) * 60 * 1.5, 6);
    // The same levels each rounded on their own would be 15 + 75 minutes.
    expect(
      pcGbS([
        { concurrency: 5, durationMs: 11 * MIN },
        { concurrency: 30, durationMs: 72 * MIN },
      ]),
    ).toBeCloseTo((5 * 15 + 30 * 75) * 60 * 1.5, 6);
  });
  it('a span the window cuts is billed to the window end, not rounded', () => {
    expect(pcGbS([{ concurrency: 10, durationMs: 7 * MIN, stillEnabled: true }])).toBeCloseTo(
      10 * 7 * 60 * 1.5,
      6,
    );
  });
  it('two 1-minute intervals bill 10 minutes, not 5', () => {
    const bill = billWindow(
      usage([
        fn({
          memoryMb: 1536,
          provisionedIntervals: [
            { concurrency: 100, durationMs: 60_000 },
            { concurrency: 100, durationMs: 60_000 },
          ],
        }),
      ]),
      billing(),
    );
    // 2 × 100 × 300 s × 1.5 GB
    expect(line(bill, 'lambda', 'provisioned concurrency x86_64')).toMatchObject({
      quantity: 90_000,
      usd: 0.375003,
    });
  });
  it('arm64 PC rates', () => {
    const bill = billWindow(
      usage([
        fn({
          architecture: 'arm64',
          provisionedBilledMs: gbS(1000),
          provisionedIntervals: [{ concurrency: 2, durationMs: 3_600_000 }],
        }),
      ]),
      billing(),
    );
    expect(line(bill, 'lambda', 'provisioned concurrency arm64')).toMatchObject({
      quantity: 7200,
      usd: 0.02400048,
    });
    expect(line(bill, 'lambda', 'provisioned duration arm64')).toMatchObject({
      quantity: 1000,
      usd: 0.0077778,
    });
  });
});

describe('splitTiers', () => {
  const tiers = US_EAST_1.tiers.apiGatewayRest;
  it('REST API tiers: 333M, 667M, 19B, beyond', () => {
    const { free, parts } = splitTiers(21 * B, 0, tiers);
    expect(free).toBe(0);
    expect(parts.map((p) => [p.tier, p.quantity])).toEqual([
      [1, 333e6],
      [2, 667e6],
      [3, 19 * B],
      [4, 1 * B],
    ]);
  });
  it('a free allowance larger than the total covers it all', () => {
    expect(splitTiers(10, 100, tiers)).toEqual({ free: 10, parts: [] });
  });
});
