/**
 * The standard normal distribution: erfc, the CDF and its inverse, in plain double arithmetic and
 * without tables, so results are identical on every platform.
 *
 * Accuracy (checked against 400-digit references in test/engine/normal.test.ts):
 * - erfc(x): relative error ~1e-15 while the result is a normal double (x < ~26.5; it underflows
 *   to 0 past ~27.3); absolute error ~1e-16 for x < 0.
 * - normalCdf(x): relative error ~1e-15 in the lower tail (down to x = ~-37.5), absolute ~1e-16 above.
 * - normalQuantile(p): for p from 2.2e-308 (the smallest normal double) to 1 - 2^-53, absolute
 *   error ~1e-16 near p = 1/2 (|x| < 0.1) and relative error ~1e-15 elsewhere (below 1e-14 at every
 *   tested point); Acklam's 1.15e-9 relative for subnormal p.
 */

/**
 * Chebyshev coefficients of f(y) = ln(erfc(z) exp(z^2) / t) with t = 2 / (2 + z), y = 2t - 1, so that
 * erfc(z) = t exp(-z^2 + f(y)) for z >= 0. Fitted for lamsim with mpmath (50 digits, 120 Chebyshev
 * nodes on [-1, 1]); the first omitted coefficient is below 1e-18.
 */
const ERFC_CHEB: readonly number[] = [
  -1.3026537197817094, 0.6419697923564902, 0.019476473204185836, -0.009561514786808632,
  -0.0009465953444820369, 0.00036683949785276145, 4.252332480690777e-5, -2.0278578112534242e-5,
  -1.6242900046470256e-6, 1.3036558355805232e-6, 1.5626441722066142e-8, -8.523809591492654e-8,
  6.5290544390988515e-9, 5.059343495551469e-9, -9.91364156493033e-10, -2.273651222931836e-10,
  9.646791102015527e-11, 2.3940380830391146e-12, -6.886027526497553e-12, 8.944879273090725e-13,
  3.130921399342958e-13, -1.1270822361367252e-13, 3.810905255189232e-16, 7.106097613609237e-15,
  -1.5230282014571043e-15, -9.457494571291233e-17, 1.210237189224279e-16, -2.816663087747177e-17,
  5.003005559445902e-20, 2.3281042579529253e-18,
];

/** Maclaurin coefficients of erf(z) / z in powers of z^2: (-1)^n 2 / (sqrt(pi) n! (2n + 1)), n = 0..13. */
const ERF_SERIES: readonly number[] = [
  1.1283791670955126, -0.37612638903183754, 0.11283791670955126, -0.026866170645131252, 0.005223977625442188,
  -0.0008548327023450853, 0.00012055332981789664, -1.492565035840625e-5, 1.6462114365889248e-6,
  -1.6365844691234924e-7, 1.4807192815879218e-8, -1.2290555301717928e-9, 9.422759064650411e-11,
  -6.7113668551641105e-12,
];

/** Below this z, erfc is 1 - erf(z) from the series (truncation < 1e-17 relative): exact erfc(0) = 1. */
const SERIES_LIMIT = 0.5;

/** 2^27 + 1: Veltkamp's constant, splits a double into two halves of at most 26 significant bits. */
const SPLITTER = 134217729;

/**
 * erfc(z) for z >= 0, given z^2 as an exact split sqHi + sqLo (sqHi exactly representable and
 * sqLo small), so exp(-z^2) keeps full relative accuracy far into the tail. Below z = 0.5, 1 - erf(z)
 * from its Maclaurin series instead. O(30) flops and 1-2 exp calls.
 */
function erfcTail(z: number, sqHi: number, sqLo: number): number {
  if (z < SERIES_LIMIT) {
    const z2 = z * z;
    let sum = 0;
    for (let n = ERF_SERIES.length - 1; n >= 0; n--) sum = sum * z2 + ERF_SERIES[n];
    return 1 - z * sum;
  }
  if (z > 27.3) return 0; // erfc(27.3) < 5e-326 underflows
  const t = 2 / (2 + z);
  const y2 = 4 * t - 2; // 2y, for Clenshaw
  let d = 0;
  let dd = 0;
  for (let j = ERFC_CHEB.length - 1; j > 0; j--) {
    const tmp = d;
    d = y2 * d - dd + ERFC_CHEB[j];
    dd = tmp;
  }
  const f = 0.5 * (ERFC_CHEB[0] + y2 * d) - dd;
  if (sqHi < 4) return t * Math.exp(f - sqHi - sqLo);
  return t * Math.exp(-sqHi) * Math.exp(f - sqLo);
}

/** The high half of x: at most 26 significant bits, so its square is exact (Veltkamp split). */
function highHalf(x: number): number {
  const c = SPLITTER * x;
  return c - (c - x);
}

/** erfc(|x|) with z^2 split exactly. */
function erfcAbs(x: number): number {
  const z = Math.abs(x);
  const zh = highHalf(z);
  return erfcTail(z, zh * zh, (z - zh) * (z + zh));
}

/** The complementary error function, 1 - erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? erfcAbs(x) : 2 - erfcAbs(x);
}

/**
 * The standard normal CDF, P(Z <= x). The tail is computed from x itself (exp(-x^2 / 2) with x split
 * exactly), not from the rounded x / sqrt(2), which would cost a relative error of ~x^2 ulps.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) * Math.SQRT1_2;
  const xh = highHalf(x);
  const tail = 0.5 * erfcTail(z, 0.5 * xh * xh, 0.5 * (x - xh) * (x + xh));
  return x < 0 ? tail : 1 - tail;
}

// Acklam's rational approximation of the inverse normal CDF (relative error < 1.15e-9), refined below.
const A1 = -3.969683028665376e1;
const A2 = 2.209460984245205e2;
const A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2;
const A5 = -3.066479806614716e1;
const A6 = 2.506628277459239;
const B1 = -5.447609879822406e1;
const B2 = 1.615858368580409e2;
const B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1;
const B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3;
const C2 = -3.223964580411365e-1;
const C3 = -2.400758277161838;
const C4 = -2.549732539343734;
const C5 = 4.374664141464968;
const C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3;
const D2 = 3.224671290700398e-1;
const D3 = 2.445134137142996;
const D4 = 3.754408661907416;
const P_LOW = 0.02425;
const SQRT_2PI = 2.5066282746310002;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Acklam's approximation for 0 < q <= 0.5 (the lower half; the result is <= 0). */
function acklamLower(q: number): number {
  if (q < P_LOW) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (
      (((((C1 * r + C2) * r + C3) * r + C4) * r + C5) * r + C6) /
      ((((D1 * r + D2) * r + D3) * r + D4) * r + 1)
    );
  }
  const r = q - 0.5;
  const s = r * r;
  return (
    ((((((A1 * s + A2) * s + A3) * s + A4) * s + A5) * s + A6) * r) /
    (((((B1 * s + B2) * s + B3) * s + B4) * s + B5) * s + 1)
  );
}

/**
 * The inverse standard normal CDF: the x with P(Z <= x) = p. Returns -Infinity at 0, Infinity at 1 and
 * NaN outside [0, 1]. Method: Acklam's approximation on the lower half (p > 0.5 is mapped through the
 * symmetry x(p) = -x(1 - p), exact since 1 - p is exact there), then one Halley step on
 * normalCdf(x) - q, which takes the 1e-9 relative error to ~1e-15.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const upper = p > 0.5;
  const q = upper ? 1 - p : p;
  let x = acklamLower(q);
  // Halley step on the relative residual r = cdf(x) / q - 1, so the residual never goes subnormal:
  // u = (cdf(x) - q) / pdf(x) = r q sqrt(2 pi) exp(x^2 / 2), finite for every normal (non-subnormal) q.
  if (q >= MIN_NORMAL) {
    const r = normalCdf(x) / q - 1;
    const u = r * q * SQRT_2PI * Math.exp(0.5 * x * x);
    x = x - u / (1 + 0.5 * x * u);
  }
  return upper ? -x : x;
}
