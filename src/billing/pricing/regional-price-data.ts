/**
 * Price tables of the commercial Regions other than us-east-1, as far as lamsim has regional data.
 *
 * Regional data: Lambda on-demand duration (x86_64 and arm64) for the Regions of AWS's standard
 * Lambda pricing, from a public Lambda cost table that cites aws.amazon.com/lambda/pricing ("GB/second
 * divided by 10e10": a base rate shared by most Regions, and its own rate for af-south-1, ap-east-1,
 * eu-south-1, me-south-1 and me-central-1), read 2026-12-05. Tier 1 is that rate; tiers 2 and 3 keep
 * us-east-1's ratios to tier 1 (⚠ derived). Every other price of these Regions (requests,
 * provisioned concurrency, the other services, DB instances) is us-east-1's, marked
 * `fallbackFrom: 'us-east-1'` so the price list and the scenario's warning say so.
 */
import type { PriceSource, RegionPrices } from './price-data.ts';
import { US_EAST_1 } from './price-data.ts';
import type { PriceId } from './price-ids.ts';

const READ = '2026-12-05';
const SOURCE =
  'public Lambda cost table citing https://aws.amazon.com/lambda/pricing/ (per-Region GB-s rates), read 2026-12-05';

/** Regions priced at the base Lambda duration rates (the same as us-east-1's). */
const BASE_RATE_REGIONS = [
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
] as const;

/** Tier-1 duration rates (USD per GB-s) of the Regions with their own rate. */
const OWN_RATES: Readonly<Record<string, { readonly x86: number; readonly arm: number }>> = {
  'af-south-1': { x86: 0.0000221, arm: 0.00001768 },
  'ap-east-1': { x86: 0.00002292, arm: 0.0000183 },
  'eu-south-1': { x86: 0.0000195172, arm: 0.0000156138 },
  'me-south-1': { x86: 0.0000206667, arm: 0.0000165334 },
  'me-central-1': { x86: 0.0000206667, arm: 0.0000165334 },
};

const DURATION_IDS = {
  x86: ['lambda.duration.x86_64.tier1', 'lambda.duration.x86_64.tier2', 'lambda.duration.x86_64.tier3'],
  arm: ['lambda.duration.arm64.tier1', 'lambda.duration.arm64.tier2', 'lambda.duration.arm64.tier3'],
} as const satisfies Record<string, readonly PriceId[]>;

/** Rounded to 10 significant digits (the precision AWS publishes GB-s rates with). */
const sig10 = (x: number) => Number(x.toPrecision(10));

function regionPrices(
  region: string,
  rates: { readonly x86: number; readonly arm: number } | null,
): RegionPrices {
  const prices = {} as Record<PriceId, PriceSource>;
  for (const [id, p] of Object.entries(US_EAST_1.prices) as [PriceId, PriceSource][]) {
    prices[id] = {
      ...p,
      source: `us-east-1 price (no ${region} data in lamsim): ${p.source}`,
      fallbackFrom: 'us-east-1',
    };
  }
  for (const arch of ['x86', 'arm'] as const) {
    const ids = DURATION_IDS[arch];
    const base = US_EAST_1.prices[ids[0]].usd;
    ids.forEach((id, tier) => {
      const usEast = US_EAST_1.prices[id].usd;
      const usd = rates === null ? usEast : tier === 0 ? rates[arch] : sig10((rates[arch] * usEast) / base);
      const derived = rates !== null && tier > 0 ? ' (tier ratio of us-east-1 applied: derived ⚠)' : '';
      prices[id] = {
        usd,
        source: `${SOURCE}${derived}`,
        confidence: 'third-party',
        asOf: READ,
        since: '2022',
      };
    });
  }
  return {
    ...US_EAST_1,
    region,
    prices,
    dbInstances: {
      ...US_EAST_1.dbInstances,
      source: {
        ...US_EAST_1.dbInstances.source,
        source: `us-east-1 prices (no ${region} data in lamsim): ${US_EAST_1.dbInstances.source.source}`,
      },
    },
  };
}

/**
 * Every Region lamsim has a price table for: us-east-1 first, then the others. A Region's table is
 * built when it is first read (a run reads one; building all 21 took ~15 ms of every command's start).
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = lazyRecord([
  ['us-east-1', () => US_EAST_1],
  ...BASE_RATE_REGIONS.map((r): [string, () => RegionPrices] => [r, () => regionPrices(r, null)]),
  ...Object.entries(OWN_RATES).map(([r, rates]): [string, () => RegionPrices] => [
    r,
    () => regionPrices(r, rates),
  ]),
]);

/** A frozen record whose values are built on first read, once; keys enumerate in the order given. */
function lazyRecord<T>(entries: readonly [string, () => T][]): Readonly<Record<string, T>> {
  const record: Record<string, T> = {};
  for (const [key, build] of entries) {
    let value: T | undefined;
    Object.defineProperty(record, key, { enumerable: true, get: () => (value ??= build()) });
  }
  return Object.freeze(record);
}

/** The ids a Region bills at us-east-1's price for want of its own data. */
export function fallbackPriceIds(region: string): PriceId[] {
  const data = REGION_PRICES[region];
  if (data === undefined) return [];
  return (Object.entries(data.prices) as [PriceId, PriceSource][])
    .filter(([, p]) => p.fallbackFrom !== undefined)
    .map(([id]) => id);
}
