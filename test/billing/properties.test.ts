/** Invariants of the bill, checked with fast-check over random calculator inputs and usages. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billMonthly,
  billWindow,
  type CostBreakdown,
  type CostCalculatorInput,
  calculateCost,
  type LambdaUsage,
  MONTH_MS,
  scaleUsage,
  type Usage,
} from '../../src/billing/index.ts';
import { decimalSum } from '../../src/billing/pricing/decimal.ts';
import { billing } from './helpers.ts';

const RUNS = { numRuns: 300 };
/** Hours in whole minutes (no denormal doubles that underflow when scaled). */
const hours = fc.integer({ min: 0, max: 744 * 60 }).map((minutes) => minutes / 60);

const calculatorInput: fc.Arbitrary<CostCalculatorInput> = fc.record(
  {
    requests: fc.integer({ min: 0, max: 3_000_000_000 }),
    durationMs: fc.double({ min: 0, max: 899_000, noNaN: true }),
    memoryMb: fc.integer({ min: 128, max: 10_000 }),
    architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
    ephemeralStorageMb: fc.integer({ min: 512, max: 10_240 }),
    freeTier: fc.boolean(),
    granularityMs: fc.constantFrom(1 as const, 100 as const),
    provisioned: fc.option(
      fc.record({
        concurrency: fc.integer({ min: 0, max: 1000 }),
        hours: fc.double({ min: 0, max: 730, noNaN: true }),
        requestShare: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { nil: undefined },
    ),
    coldStarts: fc.option(
      fc.record({
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        initMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
        initBilled: fc.boolean(),
      }),
      { nil: undefined },
    ),
    logBytesPerRequest: fc.integer({ min: 0, max: 100_000 }),
  },
  { requiredKeys: ['requests', 'durationMs', 'memoryMb'] },
);

const lambdaUsage: fc.Arbitrary<LambdaUsage> = fc.record({
  function: fc.constantFrom('a', 'b', 'c'),
  architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
  memoryMb: fc.integer({ min: 128, max: 10_240 }),
  ephemeralStorageMb: fc.integer({ min: 512, max: 10_240 }),
  edge: fc.boolean(),
  requests: fc.integer({ min: 0, max: 1e10 }),
  onDemandBilledMs: fc.integer({ min: 0, max: 1e13 }),
  provisionedBilledMs: fc.integer({ min: 0, max: 1e12 }),
  provisionedIntervals: fc.array(
    fc.record({
      concurrency: fc.integer({ min: 0, max: 500 }),
      durationMs: fc.integer({ min: 0, max: 1e8 }),
    }),
    { maxLength: 3 },
  ),
  logBytes: fc.integer({ min: 0, max: 1e14 }),
  snapStartCacheMs: fc.integer({ min: 0, max: 1e9 }),
  snapStartRestores: fc.integer({ min: 0, max: 1e6 }),
  responseStreamingBytes: fc.integer({ min: 0, max: 1e13 }),
});

const usageArb: fc.Arbitrary<Usage> = fc.record({
  region: fc.constant('us-east-1'),
  windowMs: fc.integer({ min: 60_000, max: 31 * 24 * 3_600_000 }),
  lambda: fc.array(lambdaUsage, { maxLength: 4 }),
  apiGateway: fc.array(
    fc.record({
      type: fc.constantFrom('rest' as const, 'http' as const),
      requests: fc.integer({ min: 0, max: 2e10 }),
      bytesPerRequest: fc.integer({ min: 0, max: 10_000_000 }),
    }),
    { maxLength: 2 },
  ),
  albs: fc.array(
    fc.record({
      name: fc.constant('alb'),
      hours,
      newConnections: fc.integer({ min: 0, max: 1e9 }),
      activeConnectionMinutes: fc.integer({ min: 0, max: 1e9 }),
      processedBytes: fc.integer({ min: 0, max: 1e13 }),
      ruleEvaluations: fc.integer({ min: 0, max: 1e10 }),
      targets: fc.constantFrom('lambda' as const, 'instance' as const),
    }),
    { maxLength: 2 },
  ),
  sqs: fc.array(
    fc.record({
      queue: fc.constant('q'),
      fifo: fc.boolean(),
      requests: fc.integer({ min: 0, max: 1e11 }),
      bytesPerRequest: fc.integer({ min: 0, max: 256 * 1024 }),
    }),
    { maxLength: 2 },
  ),
  natGateways: fc.array(
    fc.record({
      name: fc.constant('nat'),
      azs: fc.integer({ min: 1, max: 3 }),
      hours,
      processedBytes: fc.integer({ min: 0, max: 1e14 }),
    }),
    { maxLength: 1 },
  ),
  rdsProxies: fc.array(
    fc.record({
      name: fc.constant('p'),
      target: fc.constantFrom('instance' as const, 'aurora-serverless-v2' as const),
      capacity: fc.double({ min: 0.5, max: 128, noNaN: true }),
      hours,
    }),
    { maxLength: 2 },
  ),
  secretsManager: fc.record({
    secrets: fc.integer({ min: 0, max: 100 }),
    hours,
    apiCalls: fc.integer({ min: 0, max: 1e9 }),
  }),
  dataTransferOutBytes: fc.integer({ min: 0, max: 1e15 }),
});

const total = (bill: CostBreakdown) => bill.totalUsd;
const closeRelative = (a: number, b: number, tolerance: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(Math.abs(a), Math.abs(b)) * tolerance + 1e-12);

describe('the calculator bill never decreases when usage grows', () => {
  it('longer duration', () => {
    fc.assert(
      fc.property(calculatorInput, fc.double({ min: 0, max: 1000, noNaN: true }), (input, extra) => {
        const longer = { ...input, durationMs: Math.min(900_000, input.durationMs + extra) };
        expect(total(calculateCost(longer))).toBeGreaterThanOrEqual(total(calculateCost(input)));
      }),
      RUNS,
    );
  });
  it('more memory', () => {
    fc.assert(
      fc.property(calculatorInput, fc.integer({ min: 0, max: 240 }), (input, extra) => {
        const bigger = { ...input, memoryMb: input.memoryMb + extra };
        expect(total(calculateCost(bigger))).toBeGreaterThanOrEqual(total(calculateCost(input)));
      }),
      RUNS,
    );
  });
  it('more requests', () => {
    fc.assert(
      fc.property(calculatorInput, fc.integer({ min: 0, max: 1e8 }), (input, extra) => {
        const more = { ...input, requests: input.requests + extra };
        expect(total(calculateCost(more))).toBeGreaterThanOrEqual(total(calculateCost(input)));
      }),
      RUNS,
    );
  });
  it('the free tier never makes it dearer', () => {
    fc.assert(
      fc.property(calculatorInput, (input) => {
        const withFree = total(calculateCost({ ...input, freeTier: true }));
        const without = total(calculateCost({ ...input, freeTier: false }));
        expect(withFree).toBeLessThanOrEqual(without);
      }),
      RUNS,
    );
  });
});

describe('bills of any usage', () => {
  it('line items sum to totalUsd; every line is non-negative and has a quantity', () => {
    fc.assert(
      fc.property(usageArb, fc.boolean(), (u, freeTier) => {
        for (const bill of [billWindow(u, billing({ freeTier })), billMonthly(u, billing({ freeTier }))]) {
          expect(bill.totalUsd).toBe(decimalSum(bill.lines.map((l) => l.usd)));
          closeRelative(
            bill.lines.reduce((s, l) => s + l.usd, 0),
            bill.totalUsd,
            1e-12,
          );
          for (const l of bill.lines) {
            expect(l.quantity).toBeGreaterThan(0);
            expect(l.usd).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });
  it('the monthly projection of a 730-hour window is the window bill', () => {
    fc.assert(
      fc.property(usageArb, fc.boolean(), (u, freeTier) => {
        const month = { ...u, windowMs: MONTH_MS };
        expect(billMonthly(month, billing({ freeTier }))).toEqual(billWindow(month, billing({ freeTier })));
      }),
      RUNS,
    );
  });
  it('the monthly projection does not depend on how long the window was (k windows = 1 window × k)', () => {
    fc.assert(
      fc.property(usageArb, fc.double({ min: 0.1, max: 20, noNaN: true }), fc.boolean(), (u, k, freeTier) => {
        const once = billMonthly(u, billing({ freeTier }));
        const repeated = billMonthly(scaleUsage(u, k), billing({ freeTier }));
        expect(repeated.lines.map((l) => `${l.service}/${l.item}`)).toEqual(
          once.lines.map((l) => `${l.service}/${l.item}`),
        );
        closeRelative(repeated.totalUsd, once.totalUsd, 1e-9);
      }),
      RUNS,
    );
  });
  it('billWindow never exceeds billing the same usage without the free tier', () => {
    fc.assert(
      fc.property(usageArb, (u) => {
        expect(billWindow(u, billing({ freeTier: true })).totalUsd).toBeLessThanOrEqual(
          billWindow(u, billing({ freeTier: false })).totalUsd * (1 + 1e-12),
        );
      }),
      RUNS,
    );
  });
});
