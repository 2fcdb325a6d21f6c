/**
 * The shape of a bill: line items at full precision and their sum.
 *
 * Contract (summary.json's `cost.window` / `cost.monthly`, README "Outputs"): `usd` is never rounded in data:
 * a line's `usd` is quantity × price and `totalUsd` the sum of the lines, both computed as decimals
 * (./decimal.ts: the double nearest the exact decimal result, so $0.40 is 0.4, not
 * 0.39999999999999997); round only when rendering (formatUsd).
 * A free-tier allowance appears as its own line with `usd: 0`, so a service's quantities add up
 * to what was used.
 */
import { decimalProduct, decimalSum } from './decimal.ts';
import type { PriceId } from './price-ids.ts';
import type { PriceTable } from './price-table.ts';

export interface CostLine {
  /** `lambda`, `lambda-edge`, `api-gateway`, `alb`, `sqs`, `nat-gateway`, `vpc-endpoint`, `rds-proxy`, `secrets-manager`, `cloudwatch-logs`, `data-transfer`, `rds`, `aurora`, `kinesis`, `sns`, `eventbridge`, `s3`. */
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface CostBreakdown {
  readonly totalUsd: number;
  readonly lines: readonly CostLine[];
}

/** A priced line: quantity × the table's price for `price`. */
export function pricedLine(
  table: PriceTable,
  service: string,
  item: string,
  quantity: number,
  unit: string,
  price: PriceId,
): CostLine {
  return { service, item, quantity, unit, usd: decimalProduct(quantity, table.usd[price]) };
}

/** A free-tier line: what the allowance covered, at no charge. */
export function freeLine(service: string, item: string, quantity: number, unit: string): CostLine {
  return { service, item: `${item} (free tier)`, quantity, unit, usd: 0 };
}

/** Drops zero-quantity lines and sums the rest in order. */
export function breakdown(lines: readonly CostLine[]): CostBreakdown {
  const kept = lines.filter((l) => l.quantity > 0);
  return { totalUsd: decimalSum(kept.map((l) => l.usd)), lines: kept };
}
