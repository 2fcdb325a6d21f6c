import { describe, expect, it } from 'vitest';
import {
  billWindow,
  PRICE_DEFINITIONS,
  PRICE_IDS,
  priceOverrideIssues,
  priceTable,
  REGION_PRICES,
  SUPPORTED_REGIONS,
  US_EAST_1,
  validatePriceOverrides,
} from '../../src/billing/index.ts';
import { billing, fn, line, usage } from './helpers.ts';

describe('price data', () => {
  it('every id has a definition and, in every Region, a value with a source and dates', () => {
    expect(Object.keys(PRICE_DEFINITIONS).sort()).toEqual([...PRICE_IDS].sort());
    for (const region of Object.values(REGION_PRICES)) {
      expect(Object.keys(region.prices).sort()).toEqual([...PRICE_IDS].sort());
      for (const id of PRICE_IDS) {
        const p = region.prices[id];
        expect(p.usd, id).toBeGreaterThan(0);
        expect(p.source.length, id).toBeGreaterThan(5);
        expect(p.asOf, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (p.since !== undefined) expect(p.since, id).toMatch(/^\d{4}(-\d{2}){0,2}$/);
      }
    }
  });
  it('holds the published us-east-1 rates', () => {
    const usd = (id: (typeof PRICE_IDS)[number]) => US_EAST_1.prices[id].usd;
    expect(usd('lambda.requests')).toBe(0.0000002);
    expect(usd('lambda.duration.x86_64.tier1')).toBe(0.0000166667);
    expect(usd('lambda.duration.x86_64.tier2')).toBe(0.000015);
    expect(usd('lambda.duration.x86_64.tier3')).toBe(0.0000133334);
    expect(usd('lambda.duration.arm64.tier1')).toBe(0.0000133334);
    expect(usd('lambda.duration.arm64.tier2')).toBe(0.0000120001);
    expect(usd('lambda.duration.arm64.tier3')).toBe(0.0000106667);
    expect(usd('lambda.provisioned.concurrency.x86_64')).toBe(0.0000041667);
    expect(usd('lambda.provisioned.duration.x86_64')).toBe(0.0000097222);
    expect(usd('lambda.ephemeralStorage')).toBe(0.0000000309);
    expect(usd('lambdaEdge.duration') / 8).toBeCloseTo(0.00000625125, 15); // per 128 MB-s
    expect(usd('apiGateway.rest.tier1') * 1e6).toBeCloseTo(3.5, 12);
    expect(usd('apiGateway.http.tier1') * 1e6).toBeCloseTo(1, 12);
  });
  it('tier lists are ascending and end with Infinity', () => {
    for (const tiers of Object.values(US_EAST_1.tiers)) {
      const bounds = tiers.map((t) => t.upTo);
      expect([...bounds].sort((a, b) => a - b)).toEqual(bounds);
      expect(bounds[bounds.length - 1]).toBe(Number.POSITIVE_INFINITY);
    }
  });
});

describe('priceTable', () => {
  it('us-east-1 with no overrides', () => {
    const t = priceTable('us-east-1', {});
    if (!t.ok) throw new Error(t.error.join());
    expect(t.value.usd['lambda.requests']).toBe(0.0000002);
    expect(t.value.overridden).toEqual([]);
  });
  it('applies overrides and lists them', () => {
    const t = priceTable('us-east-1', { 'lambda.requests': 0.0000003 });
    if (!t.ok) throw new Error(t.error.join());
    expect(t.value.usd['lambda.requests']).toBe(0.0000003);
    expect(t.value.overridden).toEqual(['lambda.requests']);
  });
  it('rejects an unknown Region, naming those available', () => {
    const t = priceTable('eu-west-9', {});
    expect(t).toEqual({
      ok: false,
      error: [`region: no price table for "eu-west-9"; available: ${SUPPORTED_REGIONS.join(', ')}`],
    });
    expect(SUPPORTED_REGIONS.slice(0, 3)).toEqual(['us-east-1', 'us-east-2', 'us-west-1']);
  });
  it('reports every problem at once', () => {
    const t = priceTable('mars-1', { nope: 1, 'lambda.requests': -1 });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error).toHaveLength(3);
  });
  it('an override changes the bill', () => {
    const u = usage([fn({ requests: 10e6 })]);
    const bill = billWindow(u, billing({ prices: { 'lambda.requests': 0.0000004 } }));
    expect(line(bill, 'lambda', 'requests').usd).toBe(4);
  });
});

describe('validatePriceOverrides', () => {
  it('accepts every known id with a non-negative number', () => {
    expect(validatePriceOverrides(Object.fromEntries(PRICE_IDS.map((id) => [id, 0])))).toEqual([]);
  });
  it('rejects an unknown id, suggesting the closest and listing every allowed id', () => {
    const [problem, ...rest] = validatePriceOverrides({ 'lambda.request': 0.0000002 });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^billing\.prices\.lambda\.request: unknown price id "lambda\.request"/);
    expect(problem).toContain('(did you mean "lambda.requests"?)');
    for (const id of PRICE_IDS) expect(problem).toContain(id);
  });
  it('no suggestion for something unrelated', () => {
    const [problem] = validatePriceOverrides({ bananas: 1 });
    expect(problem).not.toContain('did you mean');
    expect(problem).toContain('allowed ids: lambda.requests, ');
  });
  it('rejects negative, non-finite or non-number values', () => {
    const issues = priceOverrideIssues({
      'lambda.requests': -0.1,
      'alb.hours': Number.NaN,
      'sqs.fifo': '0.5' as unknown as number,
    });
    expect(issues.map((i) => i.id)).toEqual(['lambda.requests', 'alb.hours', 'sqs.fifo']);
    expect(issues[0].message).toMatch(/USD >= 0/);
  });
});
