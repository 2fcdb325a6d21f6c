/** Price tables of the other commercial Regions (issue 18 item 7): what is regional data, what falls back. */
import { describe, expect, it } from 'vitest';
import {
  billWindow,
  calculateCost,
  fallbackPriceIds,
  priceList,
  REGION_PRICES,
  SUPPORTED_REGIONS,
} from '../../src/billing/index.ts';
import { formatUsd } from '../../src/report/index.ts';
import { billing, fn, line, usage } from './helpers.ts';

describe('regional price tables', () => {
  it('cover the Regions of the standard Lambda pricing, us-east-1 first', () => {
    expect(SUPPORTED_REGIONS[0]).toBe('us-east-1');
    for (const r of [
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'ap-northeast-1',
      'ap-southeast-2',
      'sa-east-1',
      'af-south-1',
      'ap-east-1',
      'eu-south-1',
      'me-south-1',
      'me-central-1',
    ]) {
      expect(SUPPORTED_REGIONS).toContain(r);
    }
    expect(SUPPORTED_REGIONS).toHaveLength(22);
  });

  it("the base Regions bill Lambda duration like us-east-1 (AWS's mobile-backend example gives $2.73 in eu-west-1)", () => {
    const input = { requests: 3_000_000, durationMs: 120, memoryMb: 1536, freeTier: true } as const;
    expect(formatUsd(calculateCost({ ...input, region: 'eu-west-1' }).totalUsd)).toBe('$2.73');
    expect(calculateCost({ ...input, region: 'eu-west-1' })).toEqual(calculateCost(input));
  });

  it('a Region with its own rate bills it: 1M GB-s in af-south-1 at $0.0000221 = $22.10', () => {
    const u = { ...usage([fn({ onDemandBilledMs: 1e9 })]), region: 'af-south-1' }; // 1e6 s × 1 GB
    expect(line(billWindow(u, billing()), 'lambda', 'duration x86_64 tier 1').usd).toBe(22.1);
    const arm = { ...usage([fn({ architecture: 'arm64', onDemandBilledMs: 1e9 })]), region: 'af-south-1' };
    expect(line(billWindow(arm, billing()), 'lambda', 'duration arm64 tier 1').usd).toBe(17.68);
    // Tiers 2 and 3 keep us-east-1's ratios to tier 1.
    const p = REGION_PRICES['af-south-1'].prices;
    expect(p['lambda.duration.x86_64.tier2'].usd / p['lambda.duration.x86_64.tier1'].usd).toBeCloseTo(
      0.000015 / 0.0000166667,
      9,
    );
  });

  it('every price a Region has no data for is marked as us-east-1 and listed', () => {
    const fallbacks = fallbackPriceIds('eu-west-1');
    expect(fallbacks).toContain('lambda.requests');
    expect(fallbacks).toContain('natGateway.hours');
    expect(fallbacks).not.toContain('lambda.duration.x86_64.tier1');
    expect(fallbackPriceIds('us-east-1')).toEqual([]);
    const list = priceList('eu-west-1', {});
    if (!list.ok) throw new Error(list.error.join());
    const requests = list.value.prices.find((x) => x.id === 'lambda.requests')!;
    expect(requests).toMatchObject({ fallbackFrom: 'us-east-1', usd: 0.0000002 });
    expect(requests.source).toMatch(/^us-east-1 price \(no eu-west-1 data in lamsim\)/);
    expect(list.value.prices.find((x) => x.id === 'lambda.duration.arm64.tier1')!.fallbackFrom).toBeNull();
  });
});
