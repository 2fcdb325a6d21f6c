/**
 * Costs a scenario's bill leaves out, as codes: today a database whose engine and instance class
 * lamsim cannot price (no entry in the Region's table and no `billing.prices` override), whose
 * instance hours are not billed. `tune` and `plan` state them next to every cost comparison, since
 * a comparison of monthly bills is only as complete as the bills. Pure.
 */
import { dbInstancePriceId, priceRegionFor, priceTable } from '../billing/index.ts';
import type { Database, Scenario } from '../scenario/index.ts';

/** One cost left out of the bill. */
export interface CostLeftOut {
  readonly kind: 'databaseInstanceHours';
  /** The resource's name in the scenario. */
  readonly resource: string;
  readonly engine: Database['type'];
  readonly instanceClass: string;
  /** The `billing.prices` key that would bill it (USD per hour). */
  readonly priceId: string;
  /** The Region whose price table has no price for it. */
  readonly region: string;
}

const isDatabase = (r: Scenario['resources'][number]): r is Database =>
  r.type === 'rds-postgres' ||
  r.type === 'rds-mysql' ||
  r.type === 'aurora-postgresql' ||
  r.type === 'aurora-mysql';

/** The costs `scenario`'s bill leaves out, in the order of its resources. */
export function costsLeftOut(scenario: Scenario): CostLeftOut[] {
  const table = priceTable(priceRegionFor(scenario.region), scenario.billing.prices);
  if (!table.ok) return [];
  return scenario.resources.filter(isDatabase).flatMap((db) =>
    table.value.dbInstanceUsdPerHour(db.type, db.instanceClass) === undefined
      ? [
          {
            kind: 'databaseInstanceHours' as const,
            resource: db.name,
            engine: db.type,
            instanceClass: db.instanceClass,
            priceId: dbInstancePriceId(db.type, db.instanceClass),
            region: table.value.region,
          },
        ]
      : [],
  );
}
