/**
 * Billing: pure functions from what a window consumed (`Usage`) and a price table to line items.
 * The public surface of src/billing; nothing here does I/O.
 */
export {
  billMonth,
  billMonthly,
  billWindow,
  type MonthlyCost,
  monthlyBasisOf,
  monthlyUsage,
} from './bill.ts';
export type { CostBreakdown, CostLine } from './breakdown.ts';
export { calculateCost, calculatorBilling, calculatorUsage } from './calculator.ts';
export { type CalculatorIssue, calculatorIssues } from './calculator-checks.ts';
export type { CostCalculatorInput } from './calculator-input.ts';
export type { DbInstancePrices } from './db-price-data.ts';
export { provisionedGbSeconds } from './lambda.ts';
export {
  eventBridgeBilledEvents,
  httpApiMeteredRequests,
  kinesisPutPayloadUnits,
  lambdaAsyncBilledRequests,
  RESPONSE_STREAMING_INCLUDED_BYTES,
  responseStreamingBilledBytes,
  snsBilledRequests,
  sqsBilledRequests,
} from './metering.ts';
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
  billedDurationMs,
  isInitBilled,
  isSnapStartCharged,
  MAX_INVOCATION_MS,
  PROVISIONED_STEP_MS,
  provisionedBilledMs,
} from './rounding.ts';
export {
  applySavingsPlan,
  isSavingsPlanEligible,
  LAMBDA_SAVINGS_PLAN_MAX_DISCOUNT,
} from './savingsPlan.ts';
export { albLcuHours } from './services.ts';
export { splitTiers, type TierPart } from './tiers.ts';
export { BYTES_PER_GB, gbSeconds, MB_PER_GB, MONTH_HOURS, MONTH_MS } from './units.ts';
export {
  type AlbUsage,
  type ApiGatewayUsage,
  addUsage,
  type DatabaseInstanceUsage,
  type EventBridgeUsage,
  emptyLambdaUsage,
  type KinesisStreamUsage,
  type LambdaUsage,
  type NatGatewayUsage,
  type ProvisionedInterval,
  type RdsProxyUsage,
  type S3BucketUsage,
  type SecretsManagerUsage,
  type SnsTopicUsage,
  type SqsUsage,
  scaleUsage,
  scaleUsageParts,
  type Usage,
  type VpcEndpointUsage,
} from './usage.ts';
