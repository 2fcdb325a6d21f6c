/**
 * The two bills of a run (summary.json's `cost.window` and `cost.monthly`, README "Outputs").
 *
 * - billWindow: exactly what the window consumed, treating the window as one billing month
 *   (volume tiers and free-tier allowances applied to the window's totals).
 * - billMonthly: the month `billing.month` makes of the window (./month.ts; default: the window's
 *   usage scaled to a 730-hour month, provisioned-concurrency intervals scaled before their
 *   5-minute rounding), then billed like a window. A 730-hour window's monthly bill is its window
 *   bill under the default basis.
 * - A Compute Savings Plan (`billing.savingsPlan`) reprices Lambda compute in both (./savingsPlan.ts).
 * Pure; bills with the Region's price table plus `billing.prices`, or with a table passed in.
 */
import type { Billing } from '../../scenario/index.ts';
import { MS_PER_HOUR, type Usage } from '../metering/index.ts';
import { breakdown, type CostBreakdown } from './breakdown.ts';
import { lambdaLines } from './lambda.ts';
import { type MonthlyBasis, monthlyBasis, monthUsage } from './month.ts';
import { type PriceTable, priceTable } from './price-table.ts';
import { applySavingsPlan } from './savingsPlan.ts';
import { serviceLines } from './services.ts';

/** A monthly bill with what it assumed (`cost.monthly` in summary.json). */
export interface MonthlyCost extends CostBreakdown {
  readonly basis: MonthlyBasis;
}

const percent = (fraction: number) => `${Number((fraction * 100).toPrecision(6))}%`;

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
  const lambda = lambdaLines(table, usage.lambda, billing.freeTier);
  const plan = billing.savingsPlan ?? null;
  return breakdown([
    ...(plan === null ? lambda : applySavingsPlan(lambda, plan, usage.windowMs / MS_PER_HOUR)),
    ...serviceLines(table, usage, billing.freeTier),
  ]);
}

/**
 * Each function's own Lambda charges for the window (requests, duration, provisioned concurrency,
 * storage, SnapStart, event pollers: its lambda lines), billed as if it were alone in the account
 * and without the free tier, as AWS Lambda Power Tuning prices a function's invocations: what
 * `tune` compares between memory sizes. In `usage.lambda`'s order. The window's own bill
 * (`billWindow`) is the account's, with tiers and free tier over every function.
 */
export function functionLambdaUsd(usage: Usage, billing: Billing): number[] {
  const table = tableFor(usage, billing);
  return usage.lambda.map((l) => breakdown(lambdaLines(table, [l], false)).totalUsd);
}

/** The basis `billing.month` gives this usage (repeat when the settings have none). */
export function monthlyBasisOf(usage: Usage, billing: Billing, baseline?: Usage): MonthlyBasis {
  return monthlyBasis(billing.month ?? { window: 'repeat' }, usage.windowMs, baseline?.windowMs);
}

/** The usage projected onto a month by `billing.month` (default: repeated to 730 hours). */
export function monthlyUsage(usage: Usage, billing?: Billing, baseline?: Usage): Usage {
  const basis = monthlyBasis(billing?.month ?? { window: 'repeat' }, usage.windowMs, baseline?.windowMs);
  return monthUsage(usage, basis, baseline);
}

/** The monthly bill with the basis it assumed; `baseline`: the baseline run's usage, when the basis has one. */
export function billMonth(
  usage: Usage,
  billing: Billing,
  table: PriceTable = tableFor(usage, billing),
  baseline?: Usage,
): MonthlyCost {
  const month = monthlyBasisOf(usage, billing, baseline);
  const plan = billing.savingsPlan ?? null;
  const basis =
    plan === null
      ? month
      : {
          ...month,
          assumption:
            `${month.assumption}; Lambda compute under a Compute Savings Plan at ${percent(plan.discount)} off` +
            (plan.commitmentUsdPerHour === null
              ? ' (commitment sized to the usage)'
              : ` ($${plan.commitmentUsdPerHour}/h committed)`),
        };
  return { ...billWindow(monthUsage(usage, month, baseline), billing, table), basis };
}

/** The monthly bill alone (line items and total). */
export function billMonthly(
  usage: Usage,
  billing: Billing,
  table: PriceTable = tableFor(usage, billing),
  baseline?: Usage,
): CostBreakdown {
  const { totalUsd, lines } = billMonth(usage, billing, table, baseline);
  return { totalUsd, lines };
}
