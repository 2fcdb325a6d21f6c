/**
 * Monthly figures say what they assume (issue 18 item 7): how `billing.month` makes a month of the
 * window, and Compute Savings Plans on Lambda compute.
 */
import { describe, expect, it } from 'vitest';
import {
  applySavingsPlan,
  billMonth,
  billWindow,
  calculateCost,
  DAYS_PER_MONTH,
  MONTH_MS,
  monthBasisProblems,
  monthlyBasis,
} from '../../src/billing/index.ts';
import { formatUsd } from '../../src/report/index.ts';
import type { MonthBasis } from '../../src/scenario/types.ts';
import { billing, fn, HOUR_MS, line, usage } from './helpers.ts';

const TEN_MIN = 600_000;
/** A 10-minute burst: 120,000 requests of 100 ms at 1 GB, a 2-AZ NAT gateway and a database. */
const burst = usage([fn({ requests: 120_000, onDemandBilledMs: 120_000 * 100 })], {
  windowMs: TEN_MIN,
  natGateways: [{ name: 'nat', azs: 2, hours: 1 / 6, processedBytes: 0 }],
  databases: [{ name: 'db', engine: 'rds-postgres', instanceClass: 'db.t3.medium', hours: 1 / 6 }],
});
const month = (basis: MonthBasis, baseline?: Parameters<typeof billMonth>[3]) =>
  billMonth(burst, billing({ month: basis }), undefined, baseline);

describe('billing.month', () => {
  it('repeat (the default): the window 4,380 times; the sentence says so', () => {
    const m = month({ window: 'repeat' });
    expect(line(m, 'lambda', 'requests').quantity).toBeCloseTo(120_000 * 4380, 6);
    expect(line(m, 'nat-gateway', 'gateway hours').quantity).toBeCloseTo(1460, 9);
    expect(m.basis).toMatchObject({ window: 'repeat', trafficFactor: 4380, resourceFactor: 4380 });
    expect(m.basis.assumption).toBe('the 10 min window repeated 4,380 times to fill a 730-hour month');
    expect(m.basis.label).toBe('at this rate (730 h)');
    expect(billMonth(burst, billing()).basis.window).toBe('repeat');
  });

  it('daily-profile: the day repeated 30.42 times, hourly resources still 730 h', () => {
    const m = month({ window: 'daily-profile' });
    expect(line(m, 'lambda', 'requests').quantity).toBeCloseTo(120_000 * (730 / 24), 6);
    expect(line(m, 'lambda', 'duration x86_64 tier 1').quantity).toBeCloseTo(12_000 * (730 / 24), 6);
    expect(line(m, 'nat-gateway', 'gateway hours').quantity).toBeCloseTo(1460, 9);
    expect(line(m, 'rds', 'db.t3.medium instance hours (rds-postgres)').quantity).toBeCloseTo(730, 9);
    expect(m.basis.assumption).toBe(
      "the 10 min window is one day's traffic (no traffic the rest of the day), repeated for 30.42 days; hourly resources run all 730 h",
    );
    // A 10-minute burst a day costs its traffic ×30.42 plus a month of hourly resources, not ×4,380.
    const repeat = month({ window: 'repeat' });
    const lambdaOf = (b: typeof m) =>
      b.lines.filter((l) => l.service === 'lambda').reduce((s, l) => s + l.usd, 0);
    expect(lambdaOf(m) / lambdaOf(repeat)).toBeCloseTo(DAYS_PER_MONTH / 4380, 9);
    expect(line(m, 'nat-gateway', 'gateway hours').usd).toBe(
      line(repeat, 'nat-gateway', 'gateway hours').usd,
    );
  });

  it('bursts without a baseline: N windows of traffic, idle otherwise', () => {
    const m = month({ window: 'bursts', burstsPerMonth: 8, baselinePerSecond: 0 });
    expect(line(m, 'lambda', 'requests').quantity).toBe(960_000);
    expect(line(m, 'rds', 'db.t3.medium instance hours (rds-postgres)').quantity).toBeCloseTo(730, 9);
    expect(m.basis.assumption).toBe(
      '8 bursts like the 10 min window a month and no traffic the other 728.7 h; hourly resources run all 730 h',
    );
  });

  it('bursts with a baseline: N windows plus the baseline run scaled to the hours left', () => {
    // The baseline run: one hour at 2 req/s of 50 ms (7,200 requests), the same NAT and database.
    const baseline = usage([fn({ requests: 7200, onDemandBilledMs: 7200 * 50 })], {
      windowMs: HOUR_MS,
      natGateways: [{ name: 'nat', azs: 2, hours: 1, processedBytes: 0 }],
      databases: [{ name: 'db', engine: 'rds-postgres', instanceClass: 'db.t3.medium', hours: 1 }],
    });
    const m = month({ window: 'bursts', burstsPerMonth: 30, baselinePerSecond: 2 }, baseline);
    const rest = 730 - 30 / 6; // 725 h at the baseline
    expect(line(m, 'lambda', 'requests').quantity).toBeCloseTo(30 * 120_000 + rest * 7200, 6);
    expect(line(m, 'nat-gateway', 'gateway hours').quantity).toBeCloseTo(1460, 9);
    expect(line(m, 'rds', 'db.t3.medium instance hours (rds-postgres)').quantity).toBeCloseTo(730, 9);
    expect(m.basis.baseline).toEqual({ perSecond: 2, hours: rest });
    expect(m.basis.assumption).toBe(
      '30 bursts like the 10 min window a month; the other 725 h at 2 requests/s per traffic source (simulated for 60 min and scaled)',
    );
    expect(() => month({ window: 'bursts', burstsPerMonth: 30, baselinePerSecond: 2 })).toThrow(
      /baseline run/,
    );
  });

  it('refuses bases that do not fit the window', () => {
    expect(monthBasisProblems({ window: 'daily-profile' }, 25 * HOUR_MS)).toEqual([
      "window: daily-profile needs a window of at most 24 h, the scenario's is 25 h",
    ]);
    expect(monthBasisProblems({ window: 'daily-profile' }, 24 * HOUR_MS)).toEqual([]);
    expect(
      monthBasisProblems({ window: 'bursts', burstsPerMonth: 31, baselinePerSecond: 0 }, 24 * HOUR_MS),
    ).toEqual(['31 bursts of 24 h exceed a 730-hour month; at most 30']);
    expect(monthlyBasis({ window: 'repeat' }, MONTH_MS).trafficFactor).toBe(1);
  });
});

describe('Compute Savings Plans', () => {
  // AWS's "mobile backend" example ($2.73 with the free tier): 140,000 GB-s billed at $0.0000166667.
  const mobile = { requests: 3_000_000, durationMs: 120, memoryMb: 1536, freeTier: true } as const;

  it('17% off duration (after the free tier), requests unchanged', () => {
    const plain = calculateCost(mobile);
    const planned = calculateCost({ ...mobile, savingsPlan: { discount: 0.17, commitmentUsdPerHour: null } });
    expect(line(planned, 'lambda', 'requests').usd).toBe(0.4);
    const onDemand = line(plain, 'lambda', 'duration x86_64 tier 1');
    const sp = line(planned, 'lambda', 'duration x86_64 tier 1 (savings plan)');
    expect(sp.quantity).toBe(onDemand.quantity);
    expect(sp.usd).toBe(1.93667054); // 140,000 × $0.0000166667 × 0.83, exact in decimal
    expect(formatUsd(planned.totalUsd)).toBe('$2.34');
    expect(line(planned, 'lambda', 'duration x86_64 (free tier)').usd).toBe(0);
  });

  it('provisioned concurrency and its duration are covered; ephemeral storage and Lambda@Edge are not', () => {
    const lines = [
      { service: 'lambda', item: 'provisioned concurrency arm64', quantity: 1, unit: 'GB-s', usd: 10 },
      { service: 'lambda', item: 'provisioned duration x86_64', quantity: 1, unit: 'GB-s', usd: 10 },
      { service: 'lambda', item: 'ephemeral storage', quantity: 1, unit: 'GB-s', usd: 10 },
      { service: 'lambda-edge', item: 'duration', quantity: 1, unit: 'GB-s', usd: 10 },
    ];
    const out = applySavingsPlan(lines, { discount: 0.1, commitmentUsdPerHour: null }, 730);
    expect(out.map((l) => [l.item, l.usd])).toEqual([
      ['provisioned concurrency arm64 (savings plan)', 9],
      ['provisioned duration x86_64 (savings plan)', 9],
      ['ephemeral storage', 10],
      ['duration', 10],
    ]);
  });

  it('a commitment covers spend up to commitment × hours; the rest is on demand, unused commitment is billed', () => {
    const spend = [
      { service: 'lambda', item: 'duration x86_64 tier 1', quantity: 1000, unit: 'GB-s', usd: 100 },
    ];
    // $0.05/h × 730 h = $36.50 at 17% off covers $36.50 / 0.83 = $43.975... of on-demand spend.
    const over = applySavingsPlan(spend, { discount: 0.17, commitmentUsdPerHour: 0.05 }, 730);
    const total = (ls: typeof over) => ls.reduce((s, l) => s + l.usd, 0);
    expect(over.map((l) => l.item)).toEqual([
      'duration x86_64 tier 1 (savings plan)',
      'duration x86_64 tier 1',
    ]);
    expect(over[0].usd).toBeCloseTo(36.5, 10);
    expect(over[0].quantity + over[1].quantity).toBeCloseTo(1000, 10);
    expect(total(over)).toBeCloseTo(36.5 + (100 - 36.5 / 0.83), 10);
    // $0.20/h × 730 h = $146 > $83 used: everything at 17% off, plus $63 unused.
    const under = applySavingsPlan(spend, { discount: 0.17, commitmentUsdPerHour: 0.2 }, 730);
    expect(under.map((l) => [l.item, l.usd])).toEqual([
      ['duration x86_64 tier 1 (savings plan)', 83],
      ['savings plan commitment (unused)', 63],
    ]);
  });

  it('applies to the window bill too, over the window hours, and the monthly sentence names it', () => {
    const b = billing({ savingsPlan: { discount: 0.12, commitmentUsdPerHour: null } });
    expect(line(billWindow(burst, b), 'lambda', 'duration x86_64 tier 1 (savings plan)').usd).toBeCloseTo(
      12_000 * 0.0000166667 * 0.88,
      12,
    );
    expect(billMonth(burst, b).basis.assumption).toBe(
      'the 10 min window repeated 4,380 times to fill a 730-hour month; Lambda compute under a Compute Savings Plan at 12% off (commitment sized to the usage)',
    );
  });
});
