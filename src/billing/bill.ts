/**
 * The two bills of a run (scenario-format.md, `cost.window` and `cost.monthly`).
 *
 * - billWindow: exactly what the window consumed, treating the window as one billing month
 *   (volume tiers and free-tier allowances applied to the window's totals).
 * - billMonthly: the window's usage scaled to a 730-hour month (every extensive quantity × 730 h /
 *   window; provisioned-concurrency intervals are scaled before their 5-minute rounding), then
 *   billed like a window. A 730-hour window's monthly bill is its window bill.
 * Pure; bills with the Region's price table plus `billing.prices`, or with a table passed in.
 */
import type { Billing } from '../scenario/types.ts';
import { breakdown, type CostBreakdown } from './breakdown.ts';
import { lambdaLines } from './lambda.ts';
import { type PriceTable, priceTable } from './price-table.ts';
import { serviceLines } from './services.ts';
import { MONTH_MS } from './units.ts';
import { scaleUsage, type Usage } from './usage.ts';

function tableFor(usage: Usage, billing: Billing): PriceTable {
  const table = priceTable(usage.region, billing.prices);
  // A scenario's region and overrides are validated by the parser's rules; reaching here is a bug.
  if (!table.ok) throw new Error(`billing: invalid price table: ${table.error.join('; ')}`);
  return table.value;
}

export function billWindow(
  usage: Usage,
  billing: Billing,
  table: PriceTable = tableFor(usage, billing),
): CostBreakdown {
  return breakdown([
    ...lambdaLines(table, usage.lambda, billing.freeTier),
    ...serviceLines(table, usage, billing.freeTier),
  ]);
}

/** The usage projected onto a 730-hour month. */
export function monthlyUsage(usage: Usage): Usage {
  if (!(usage.windowMs > 0))
    throw new RangeError(`monthlyUsage: windowMs must be > 0, got ${usage.windowMs}`);
  return scaleUsage(usage, MONTH_MS / usage.windowMs);
}

export function billMonthly(
  usage: Usage,
  billing: Billing,
  table: PriceTable = tableFor(usage, billing),
): CostBreakdown {
  return billWindow(monthlyUsage(usage), billing, table);
}
