/**
 * Numbers written as `x.toLocaleString('en-US', { minimumFractionDigits, maximumFractionDigits })`
 * writes them (1,234.57), without Intl: the first toLocaleString of a thread loads ICU's number
 * formatting, 7-22 ms measured, which every run, tune point and report paid once for a few
 * labels. Pure.
 *
 * Contract: `decimalText(x, min, max)` is the string toLocaleString gives for those options
 * (0 <= min <= max <= 100; the defaults are toLocaleString's, 0 and 3): the shortest decimal that
 * reads back as `x` (`String(x)`'s digits, as V8's ICU formats a double), rounded to `max`
 * fraction digits half away from zero (so 1.005 gives 1.01, although the double is a little
 * below it), trailing zeros dropped down to `min`, the integer part grouped by thousands with
 * commas, a minus sign for any negative number or -0 (-0.001 gives -0), NaN, ∞ and -∞ as they
 * are. Tested against toLocaleString itself.
 */
export function decimalText(
  x: number,
  minFractionDigits = 0,
  maxFractionDigits = Math.max(3, minFractionDigits),
): string {
  if (Number.isNaN(x)) return 'NaN';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (!Number.isFinite(x)) return `${sign}∞`;
  const { digits, pointAt } = shortestDigits(Math.abs(x));
  // Keep the digits up to maxFractionDigits after the point, then round on the next one.
  const kept = pointAt + maxFractionDigits;
  let rounded = kept > 0 ? digits.slice(0, kept).padEnd(kept, '0') : '';
  if (kept >= 0 && kept < digits.length && digits.charCodeAt(kept) >= 53 /* '5' */) {
    rounded = incremented(rounded);
  }
  // `rounded` holds the value times 10^maxFractionDigits; one carry may have lengthened it.
  const whole = rounded.padStart(maxFractionDigits + 1, '0');
  const intPart = whole.slice(0, whole.length - maxFractionDigits);
  let fraction = whole.slice(whole.length - maxFractionDigits);
  let end = fraction.length;
  while (end > minFractionDigits && fraction.charCodeAt(end - 1) === 48 /* '0' */) end--;
  fraction = fraction.slice(0, end);
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === '' ? '' : `.${fraction}`}`;
}

/**
 * The significant digits of `x` (finite, >= 0) as String(x) writes them, and how many of them
 * come before the decimal point (negative or past the digits' end when String(x) has an exponent).
 */
function shortestDigits(x: number): { digits: string; pointAt: number } {
  const text = String(x);
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const intDigits = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const digits = dot < 0 ? mantissa : intDigits + mantissa.slice(dot + 1);
  // Leading zeros (0.00123) shift the point, they are not significant.
  const leading = digits.length - digits.replace(/^0+/, '').length;
  return { digits: digits.slice(leading), pointAt: intDigits.length + exponent - leading };
}

/** A string of decimal digits plus one (`'' + 1` is '1', '199' + 1 is '200', '99' + 1 is '100'). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return (
    digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i)
  );
}
