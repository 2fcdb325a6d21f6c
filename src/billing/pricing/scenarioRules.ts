/**
 * The scenario's billing settings against the price tables, a cross-field rule of the scenario
 * parser that lives here because only billing knows the prices (the scenario layer sits below it):
 * callers pass it in `ParseOptions.rules` (io/loadScenario does; the library's `parseScenario`
 * always does). A region without a price table is billed at us-east-1 prices (a warning; see
 * experiments/run.ts), and every `billing.prices` override must name a known price id (value
 * checks are the schema's). A database whose engine and instance class have no price (and no
 * `billing.prices` override) is a warning: its hours are not billed.
 */
import { auroraSupports, type Rule, trusted } from '../../scenario/index.ts';
import { monthBasisProblems } from './month.ts';
import { PRICE_IDS } from './price-ids.ts';
import {
  PRICE_FALLBACK_REGION,
  priceOverrideIssues,
  priceRegionFor,
  priceTable,
  SUPPORTED_REGIONS,
} from './price-table.ts';
import { fallbackPriceIds } from './regional-price-data.ts';
import { LAMBDA_SAVINGS_PLAN_MAX_DISCOUNT } from './savingsPlan.ts';

const KNOWN_PRICE_IDS: ReadonlySet<string> = new Set(PRICE_IDS);

export const billingRules: Rule = (draft, report) => {
  const region = draft.top.value.region;
  if (trusted(draft.top.bad, 'region') && !SUPPORTED_REGIONS.includes(region)) {
    report.warning(
      ['region'],
      `lamsim has no price table for ${region} yet: the bill uses ${PRICE_FALLBACK_REGION} prices (override any with billing.prices); tables exist for ${SUPPORTED_REGIONS.join(', ')}`,
    );
  } else if (trusted(draft.top.bad, 'region') && fallbackPriceIds(region).length > 0) {
    report.warning(
      ['region'],
      `lamsim's ${region} prices are its own for Lambda duration only: requests, provisioned concurrency and the other services are billed at ${PRICE_FALLBACK_REGION} prices (override any with billing.prices; lamsim cost --list-prices --region ${region} marks them)`,
    );
  }
  const bill = draft.billing.value;
  if (trusted(draft.billing.bad, 'month') && trusted(draft.top.bad, 'duration')) {
    for (const problem of monthBasisProblems(bill.month, draft.top.value.durationMs)) {
      report.error(['billing', 'month', 'window'], problem);
    }
  }
  if (
    trusted(draft.billing.bad, 'savingsPlan') &&
    bill.savingsPlan !== null &&
    bill.savingsPlan.discount > LAMBDA_SAVINGS_PLAN_MAX_DISCOUNT
  ) {
    report.warning(
      ['billing', 'savingsPlan', 'discount'],
      `AWS publishes Compute Savings Plans discounts on Lambda of up to 17% (3 years, all upfront); ${Number((bill.savingsPlan.discount * 100).toPrecision(6))}% is more than any plan gives`,
    );
  }
  if (!trusted(draft.billing.bad, 'prices')) return;
  for (const issue of priceOverrideIssues(draft.billing.value.prices)) {
    if (!KNOWN_PRICE_IDS.has(issue.id)) report.error(['billing', 'prices', issue.id], issue.message);
  }
  const table = priceTable(priceRegionFor(region), draft.billing.value.prices);
  if (!table.ok) return;
  for (const r of draft.resources) {
    const v = r.value;
    if (
      v.type !== 'rds-postgres' &&
      v.type !== 'rds-mysql' &&
      v.type !== 'aurora-postgresql' &&
      v.type !== 'aurora-mysql'
    )
      continue;
    // A class the engine does not run on is the limits rule's error, not a missing price.
    if (!trusted(r.bad, 'instanceClass') || !auroraSupports(v.type, v.instanceClass)) continue;
    if (table.value.dbInstanceUsdPerHour(v.type, v.instanceClass) !== undefined) continue;
    report.warning(
      [...r.path, 'instanceClass'],
      `lamsim has no ${table.value.region} price for ${v.type} ${v.instanceClass}: its instance hours are not billed; set billing.prices["database.${v.type}.${v.instanceClass}"] (USD per hour)`,
    );
  }
};
