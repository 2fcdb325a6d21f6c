/**
 * Monthly volume tiers and free-tier allowances.
 *
 * Contract: tiers are cumulative over the month's total (`upTo` bounds, the last Infinity). A free
 * allowance covers the *first* units of the month: units [0, free) cost nothing, and the tiers are
 * then priced on [free, total), so free units count toward the tier boundaries. Pure.
 */
import { type CostLine, freeLine, pricedLine } from './breakdown.ts';
import type { Tier } from './price-data.ts';
import type { PriceId } from './price-ids.ts';
import type { PriceTable } from './price-table.ts';

export interface TierPart {
  /** 1-based tier number. */
  readonly tier: number;
  readonly price: PriceId;
  readonly quantity: number;
}

/** How `total` units split into the free allowance and the tiers. */
export function splitTiers(
  total: number,
  freeAllowance: number,
  tiers: readonly Tier[],
): { readonly free: number; readonly parts: readonly TierPart[] } {
  const free = Math.min(total, Math.max(0, freeAllowance));
  const parts: TierPart[] = [];
  let lower = 0;
  tiers.forEach((t, i) => {
    const quantity = Math.min(total, t.upTo) - Math.max(lower, free);
    if (quantity > 0) parts.push({ tier: i + 1, price: t.price, quantity });
    lower = t.upTo;
  });
  return { free, parts };
}

/** The free line (if any) and one priced line per tier used; tier numbers only when there are several. */
export function tieredLines(
  table: PriceTable,
  service: string,
  item: string,
  unit: string,
  total: number,
  freeAllowance: number,
  tiers: readonly Tier[],
): CostLine[] {
  const { free, parts } = splitTiers(total, freeAllowance, tiers);
  const lines: CostLine[] = [];
  if (free > 0) lines.push(freeLine(service, item, free, unit));
  for (const p of parts) {
    const name = tiers.length > 1 ? `${item} tier ${p.tier}` : item;
    lines.push(pricedLine(table, service, name, p.quantity, unit, p.price));
  }
  return lines;
}
