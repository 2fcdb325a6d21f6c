/**
 * The price table a bill is computed with: a Region's data plus the scenario's overrides.
 * Pure; expected failures (unknown Region, unknown override id, bad value) are values.
 */
import { err, ok, type Result } from '../../result.ts';
import type { DatabaseEngine } from '../../scenario/index.ts';
import type { RegionPrices } from './price-data.ts';
import {
  type DbInstancePriceId,
  dbInstancePriceId,
  isDbInstancePriceId,
  isPriceId,
  PRICE_IDS,
  type PriceId,
} from './price-ids.ts';
import { REGION_PRICES } from './regional-price-data.ts';

export interface PriceTable {
  readonly region: string;
  /** USD per unit, by id, overrides applied. */
  readonly usd: Readonly<Record<PriceId, number>>;
  /** Ids whose value came from `billing.prices` rather than the Region's data. */
  readonly overridden: readonly PriceId[];
  readonly tiers: RegionPrices['tiers'];
  readonly freeTier: RegionPrices['freeTier'];
  readonly albLcu: RegionPrices['albLcu'];
  readonly rdsProxyMinimum: RegionPrices['rdsProxyMinimum'];
  /**
   * USD per instance-hour of a DB instance, overrides applied; undefined when the Region's data
   * has no price for the engine and class and no override sets one.
   */
  dbInstanceUsdPerHour(engine: DatabaseEngine, instanceClass: string): number | undefined;
}

export const SUPPORTED_REGIONS: readonly string[] = Object.keys(REGION_PRICES);

/** Prices a simulation of a region without a table is billed at (the scenario parser warns). */
export const PRICE_FALLBACK_REGION = 'us-east-1';

/** The region whose price table bills a scenario set in `region`. */
export const priceRegionFor = (region: string): string =>
  SUPPORTED_REGIONS.includes(region) ? region : PRICE_FALLBACK_REGION;

export interface PriceOverrideIssue {
  /** The override key as written. */
  readonly id: string;
  readonly message: string;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closestId(id: string): PriceId | undefined {
  let best: PriceId | undefined;
  let bestDistance = Infinity;
  for (const candidate of PRICE_IDS) {
    const d = editDistance(id.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

/** Each problem of a `billing.prices` mapping, with the key it concerns. */
export function priceOverrideIssues(overrides: Readonly<Record<string, unknown>>): PriceOverrideIssue[] {
  const issues: PriceOverrideIssue[] = [];
  for (const [id, value] of Object.entries(overrides)) {
    if (!isPriceId(id) && !isDbInstancePriceId(id)) {
      const guess = closestId(id);
      issues.push({
        id,
        message:
          `unknown price id "${id}"` +
          (guess ? ` (did you mean "${guess}"?)` : '') +
          `; allowed ids: ${PRICE_IDS.join(', ')}, and database.<engine>.<instance class> (e.g. database.rds-postgres.db.r6g.large)`,
      });
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      issues.push({
        id,
        message: `price must be a number of USD >= 0 per unit, got ${JSON.stringify(value)}`,
      });
    }
  }
  return issues;
}

/** The same problems as one line each, `billing.prices.<id>: <message>`. */
export function validatePriceOverrides(overrides: Readonly<Record<string, unknown>>): string[] {
  return priceOverrideIssues(overrides).map((issue) => `billing.prices.${issue.id}: ${issue.message}`);
}

export function priceTable(
  region: string,
  overrides: Readonly<Record<string, number>>,
): Result<PriceTable, string[]> {
  const problems: string[] = [];
  const data = Object.hasOwn(REGION_PRICES, region) ? REGION_PRICES[region] : undefined;
  if (data === undefined) {
    problems.push(`region: no price table for "${region}"; available: ${SUPPORTED_REGIONS.join(', ')}`);
  }
  problems.push(...validatePriceOverrides(overrides));
  if (data === undefined || problems.length > 0) return err(problems);
  const usd = {} as Record<PriceId, number>;
  const overridden: PriceId[] = [];
  for (const id of PRICE_IDS) {
    const override = Object.hasOwn(overrides, id) ? overrides[id] : undefined;
    usd[id] = override ?? data.prices[id].usd;
    if (override !== undefined) overridden.push(id);
  }
  const dbOverrides = new Map<DbInstancePriceId, number>();
  for (const [id, value] of Object.entries(overrides))
    if (isDbInstancePriceId(id)) dbOverrides.set(id, value);
  const dbData = data.dbInstances.usdPerHour;
  return ok({
    region,
    usd,
    overridden,
    tiers: data.tiers,
    freeTier: data.freeTier,
    albLcu: data.albLcu,
    rdsProxyMinimum: data.rdsProxyMinimum,
    dbInstanceUsdPerHour: (engine, instanceClass) =>
      dbOverrides.get(dbInstancePriceId(engine, instanceClass)) ??
      (Object.hasOwn(dbData[engine], instanceClass) ? dbData[engine][instanceClass] : undefined),
  });
}
