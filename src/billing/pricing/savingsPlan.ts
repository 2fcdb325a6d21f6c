/**
 * Compute Savings Plans on Lambda (`billing.savingsPlan`): a commitment to a steady spend per hour
 * buys Lambda duration and provisioned concurrency at a discount. AWS: "Compute Savings Plans ...
 * save up to 17% on AWS Lambda" (aws.amazon.com/lambda/pricing, Savings Plans section; the
 * discount depends on term and payment option: up to 17% for 3 years all upfront, about 12% with
 * no upfront payment, per the Price List's Savings Plans rates).
 *
 * Rules (pure, decimal arithmetic):
 * - Eligible lines: on-demand duration (every tier, after the free tier), provisioned concurrency
 *   and provisioned duration, both architectures. Requests, ephemeral storage, SnapStart,
 *   streaming and Lambda@Edge are not covered.
 * - Without a commitment, all eligible usage is billed at the discounted rate (the commitment is
 *   assumed sized to the usage).
 * - With `commitmentUsdPerHour` C over H hours: the plan covers eligible usage up to C × H at
 *   savings-plan rates (on-demand-equivalent C × H / (1 − discount)); the rest stays on-demand; the
 *   part of the commitment left unused is billed anyway (its own line).
 * - Simplification: AWS applies the commitment hour by hour; lamsim applies it to the period's
 *   total, as if the eligible spend were spread evenly (a bursty month's unused hours are missed).
 */
import { Decimal } from 'decimal.js';
import type { SavingsPlan } from '../../scenario/index.ts';
import type { CostLine } from './breakdown.ts';

const D = Decimal.clone({ precision: 40 });

/** AWS's published maximum Compute Savings Plans discount on Lambda. */
export const LAMBDA_SAVINGS_PLAN_MAX_DISCOUNT = 0.17;

const ELIGIBLE = /^(duration (x86_64|arm64)( tier \d+)?|provisioned (concurrency|duration) (x86_64|arm64))$/;

/** Whether a Lambda line is covered by a Compute Savings Plan. */
export const isSavingsPlanEligible = (l: CostLine): boolean =>
  l.service === 'lambda' && l.usd > 0 && ELIGIBLE.test(l.item);

/**
 * The lines with the plan applied over `hours` hours: each eligible line becomes its covered part
 * (`<item> (savings plan)`, at the discounted price) and its uncovered part (unchanged item, on
 * demand); an unused commitment adds `savings plan commitment (unused)`. Other lines are kept.
 */
export function applySavingsPlan(lines: readonly CostLine[], plan: SavingsPlan, hours: number): CostLine[] {
  const keep = new D(1).minus(plan.discount);
  const eligible = lines.filter(isSavingsPlanEligible);
  const onDemand = eligible.reduce((s, l) => s.plus(l.usd), new D(0));
  const committed = plan.commitmentUsdPerHour === null ? null : new D(plan.commitmentUsdPerHour).times(hours);
  // The fraction of the eligible on-demand spend the plan covers.
  const covered =
    committed === null || onDemand.isZero() ? new D(1) : D.min(1, committed.dividedBy(keep.times(onDemand)));
  const out: CostLine[] = [];
  for (const l of lines) {
    if (!isSavingsPlanEligible(l)) {
      out.push(l);
      continue;
    }
    const quantity = new D(l.quantity);
    const usd = new D(l.usd);
    if (covered.greaterThan(0)) {
      out.push({
        ...l,
        item: `${l.item} (savings plan)`,
        quantity: quantity.times(covered).toNumber(),
        usd: usd.times(covered).times(keep).toNumber(),
      });
    }
    const rest = new D(1).minus(covered);
    if (rest.greaterThan(0)) {
      out.push({ ...l, quantity: quantity.times(rest).toNumber(), usd: usd.times(rest).toNumber() });
    }
  }
  if (committed !== null) {
    const used = onDemand.times(covered).times(keep);
    const unused = committed.minus(used);
    if (unused.greaterThan(0)) {
      out.push({
        service: 'lambda',
        item: 'savings plan commitment (unused)',
        quantity: unused.toNumber(),
        unit: 'USD',
        usd: unused.toNumber(),
      });
    }
  }
  return out;
}
