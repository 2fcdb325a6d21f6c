/**
 * Billing settings against the price tables: a region without a price table is billed at
 * us-east-1 prices (a warning; see experiments/run.ts), and every `billing.prices` override must
 * name a known price id (value checks are the schema's).
 */
import {
  PRICE_FALLBACK_REGION,
  PRICE_IDS,
  priceOverrideIssues,
  SUPPORTED_REGIONS,
} from '../../billing/index.ts';
import { type Rule, trusted } from './rule.ts';

const KNOWN_PRICE_IDS: ReadonlySet<string> = new Set(PRICE_IDS);

export const billingRules: Rule = (draft, report) => {
  const region = draft.top.value.region;
  if (trusted(draft.top.bad, 'region') && !SUPPORTED_REGIONS.includes(region)) {
    report.warning(
      ['region'],
      `lamsim has no price table for ${region} yet: the bill uses ${PRICE_FALLBACK_REGION} prices (override any with billing.prices); tables exist for ${SUPPORTED_REGIONS.join(', ')}`,
    );
  }
  if (!trusted(draft.billing.bad, 'prices')) return;
  for (const issue of priceOverrideIssues(draft.billing.value.prices)) {
    if (!KNOWN_PRICE_IDS.has(issue.id)) report.error(['billing', 'prices', issue.id], issue.message);
  }
};
