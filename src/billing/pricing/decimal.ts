/**
 * Dollar arithmetic without binary noise, on decimal.js: each number is read as the decimal it
 * prints as (its shortest round-trip text), products and sums are exact to 40 significant
 * digits, and the result is the double nearest to that decimal. So 2,000,000 requests ×
 * $0.0000002 is 0.4, not 0.39999999999999997, and a total is exactly the sum of its lines.
 * Pure.
 */
import { Decimal } from 'decimal.js';

/** A private Decimal constructor: 40 digits is exact for products of two doubles' decimals. */
const D = Decimal.clone({ precision: 40 });

/** a × b, rounded once to the nearest double. */
export function decimalProduct(a: number, b: number): number {
  return new D(a).times(b).toNumber();
}

/** Σ values, rounded once to the nearest double. */
export function decimalSum(values: readonly number[]): number {
  let total = new D(0);
  for (const v of values) total = total.plus(v);
  return total.toNumber();
}
