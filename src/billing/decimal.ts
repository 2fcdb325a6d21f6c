/**
 * Dollar arithmetic without binary noise: a number is read as the decimal it prints as (its
 * shortest round-trip text), products and sums are computed on integer mantissas, and the result
 * is the double nearest to the exact decimal result (one correctly rounded division). So
 * 2,000,000 requests × $0.0000002 is 0.4, not 0.39999999999999997. When mantissas leave the
 * safe-integer range the plain float operation is used (relative error ~1e-16 either way).
 * Pure.
 */

interface Decimal {
  /** value = mantissa / 10^scale */
  readonly mantissa: number;
  readonly scale: number;
}

const MAX_EXACT_POWER = 22; // 10^22 is the largest power of ten a double holds exactly

function toDecimal(x: number): Decimal | undefined {
  if (!Number.isFinite(x)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  let digits = whole + fraction;
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const mantissa = Number(digits);
  if (!Number.isSafeInteger(mantissa) || scale > MAX_EXACT_POWER) return undefined;
  return { mantissa: sign === '-' ? -mantissa : mantissa, scale };
}

/** a × b, exact in decimal when possible. */
export function decimalProduct(a: number, b: number): number {
  const x = toDecimal(a);
  const y = toDecimal(b);
  if (x === undefined || y === undefined) return a * b;
  const mantissa = x.mantissa * y.mantissa;
  const scale = x.scale + y.scale;
  if (!Number.isSafeInteger(mantissa) || scale > MAX_EXACT_POWER) return a * b;
  return mantissa / 10 ** scale;
}

/** Σ values, exact in decimal when possible (else the plain float sum, in order). */
export function decimalSum(values: readonly number[]): number {
  const decimals = values.map(toDecimal);
  let scale = 0;
  for (const d of decimals) {
    if (d === undefined) return plainSum(values);
    scale = Math.max(scale, d.scale);
  }
  let mantissa = 0;
  for (const d of decimals as readonly Decimal[]) {
    mantissa += d.mantissa * 10 ** (scale - d.scale);
    if (!Number.isSafeInteger(mantissa)) return plainSum(values);
  }
  return mantissa / 10 ** scale;
}

function plainSum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
