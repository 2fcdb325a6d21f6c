/**
 * The price table as a list people (and scripts) can read: every id with its value, unit, whether
 * it was overridden, and the source, confidence and dates behind it. Pure.
 */
import { err, ok, type Result } from '../../result.ts';
import { PRICE_DEFINITIONS, PRICE_IDS, type PriceId } from './price-ids.ts';
import { priceTable } from './price-table.ts';
import { REGION_PRICES } from './regional-price-data.ts';

export interface PriceListEntry {
  readonly id: PriceId;
  /** USD per unit, overrides applied. */
  readonly usd: number;
  readonly unit: string;
  readonly description: string;
  readonly overridden: boolean;
  readonly source: string;
  readonly confidence: 'aws' | 'aws-copy' | 'third-party';
  readonly asOf: string;
  readonly since: string | null;
  /** `us-east-1` when the Region has no data of its own for this price. */
  readonly fallbackFrom: string | null;
}

export interface PriceList {
  readonly region: string;
  readonly prices: readonly PriceListEntry[];
}

export function priceList(
  region: string,
  overrides: Readonly<Record<string, number>>,
): Result<PriceList, string[]> {
  const table = priceTable(region, overrides);
  if (!table.ok) return err(table.error);
  const data = REGION_PRICES[region];
  return ok({
    region,
    prices: PRICE_IDS.map((id) => ({
      id,
      usd: table.value.usd[id],
      unit: PRICE_DEFINITIONS[id].unit,
      description: PRICE_DEFINITIONS[id].description,
      overridden: table.value.overridden.includes(id),
      source: data.prices[id].source,
      confidence: data.prices[id].confidence,
      asOf: data.prices[id].asOf,
      since: data.prices[id].since ?? null,
      fallbackFrom: data.prices[id].fallbackFrom ?? null,
    })),
  });
}
