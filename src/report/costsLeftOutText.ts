/**
 * The sentence that names the costs a comparison of bills leaves out (src/experiments/
 * costsLeftOut.ts), for `tune` and `plan` on the command line and in their reports. Pure.
 */
import type { CostLeftOut } from '../experiments/index.ts';

/**
 * `Not in these costs: the instance hours of orders-db (aurora-postgresql db.r7g.8xlarge), which
 * lamsim has no us-east-1 price for; set billing.prices["database.aurora-postgresql.db.r7g.8xlarge"]
 * (USD per hour) to include them.`; null when nothing is left out.
 */
export function costsLeftOutText(left: readonly CostLeftOut[]): string | null {
  if (left.length === 0) return null;
  const items = left.map(
    (c) =>
      `the instance hours of ${c.resource} (${c.engine} ${c.instanceClass}), which lamsim has no ${c.region} price for; ` +
      `set billing.prices["${c.priceId}"] (USD per hour) to include them`,
  );
  return `Not in these costs: ${items.join('; ')}.`;
}
