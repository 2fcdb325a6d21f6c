/**
 * Billing's pricing: pure functions from what a window consumed (`Usage`, ../metering) and a
 * price table to line items; the price tables (data with sources and dates), the calculator behind
 * `lamsim cost`. Above the model in the layer order. Nothing here does I/O.
 */
export {
  billMonth,
  billMonthly,
  billWindow,
  functionLambdaUsd,
  type MonthlyCost,
  monthlyBasisOf,
  monthlyUsage,
} from './bill.ts';
export type { CostBreakdown, CostLine } from './breakdown.ts';
export { calculateCost, calculatorBilling, calculatorUsage } from './calculator.ts';
export { type CalculatorIssue, calculatorIssues } from './calculator-checks.ts';
export type { CostCalculatorInput } from './calculator-input.ts';
export { type CalendarSchedule, calendarCaveat, calendarSchedules } from './calendarSchedules.ts';
export type { DbInstancePrices } from './db-price-data.ts';
export { provisionedGbSeconds } from './lambda.ts';
export { DAYS_PER_MONTH, type MonthlyBasis, monthBasisProblems, monthlyBasis, monthUsage } from './month.ts';
export { type PriceSource, type RegionPrices, type Tier, US_EAST_1 } from './price-data.ts';
export {
  type DbInstancePriceId,
  dbInstancePriceId,
  isDbInstancePriceId,
  isPriceId,
  PRICE_DEFINITIONS,
  PRICE_IDS,
  type PriceDefinition,
  type PriceId,
} from './price-ids.ts';
export { type PriceList, type PriceListEntry, priceList } from './price-list.ts';
export {
  PRICE_FALLBACK_REGION,
  type PriceOverrideIssue,
  type PriceTable,
  priceOverrideIssues,
  priceRegionFor,
  priceTable,
  SUPPORTED_REGIONS,
  validatePriceOverrides,
} from './price-table.ts';
export { fallbackPriceIds, REGION_PRICES } from './regional-price-data.ts';
export {
  applySavingsPlan,
  isSavingsPlanEligible,
  LAMBDA_SAVINGS_PLAN_MAX_DISCOUNT,
} from './savingsPlan.ts';
export { billingRules } from './scenarioRules.ts';
export { albLcuHours } from './services.ts';
export { splitTiers, type TierPart } from './tiers.ts';
