/**
 * The standard normal distribution: erfc, the CDF and its inverse, in plain double arithmetic and
 * without tables, so results are identical on every platform.
 *
 * Accuracy (checked against 400-digit references in test/engine/normal.test.ts):
 * - erfc(x): relative error ~1e-15 while the result is a normal double (x < ~26.5; it underflows
 *   to 0 past ~27.3); absolute error ~1e-16 for x < 0.
 * - normalCdf(x): relative error ~1e-15 in the lower tail (down to x = ~-37.5), absolute ~1e-16 above.
 * - normalQuantile(p): relative error below 1e-15 for every p in (0, 1), subnormal p included
 *   (absolute error ~1e-17 near p = 1/2, where x is tiny).
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

// Rational approximations of the inverse normal CDF in the regions of Wichura's AS241 (degree 7/7),
// with coefficients fitted for lamsim with mpmath: 60 digits, 600 Chebyshev points per region,
// 12 rounds of Loeb-style reweighted linear least squares on the relative error. Relative fit error:
// central 8.8e-17, tails 1.6e-17 and 3.5e-17. All coefficients are positive, so Horner does not cancel.

// Each region's P(t) / Q(t) (degree 7 over 7, constant term last in the Horner form) is written out
// with its coefficients as literals: compiled code then holds them as constants instead of loading
// them from arrays (with bounds checks) at every call, three draws per request. Same operations in
// the same order, so the same doubles as before.

/** Central region |p - 1/2| <= 0.425: x = r P(v) / Q(v), r = p - 1/2, v = 0.180625 - r^2. */
function centralRatio(t: number): number {
  const num =
    ((((((2469.1369960695324 * t + 33016.36433985978) * t + 66638.92074210114) * t + 45613.80823144756) * t +
      13669.452425346362) *
      t +
      1966.2080557611087) *
      t +
      132.97668449199097) *
      t +
    3.3871328727963665;
  const den =
    ((((((5151.0860544674 * t + 28405.287094010586) * t + 38973.46435304697) * t + 21083.286701298955) * t +
      5371.678693891493) *
      t +
      685.4514062275821) *
      t +
      42.26462183602358) *
      t +
    1.0;
  return num / den;
}

/** Near tail, s = sqrt(-ln q) in [1.6, 5]: |x| = P(s - 1.6) / Q(s - 1.6), q the smaller tail mass. */
function nearTailRatio(t: number): number {
  const num =
    ((((((0.0007813336382479802 * t + 0.02292966450290461) * t + 0.243729499735569) * t +
      1.2784361397012953) *
      t +
      3.663399754343319) *
      t +
      5.78349724946806) *
      t +
      4.6349061761669255) *
      t +
    1.4234371107496837;
  const den =
    ((((((1.0505976469528012e-9 * t + 0.0005523937538297622) * t + 0.015336568307610505) * t +
      0.1492744239536894) *
      t +
      0.693789682284594) *
      t +
      1.682369807075185) *
      t +
      2.0564009921769086) *
      t +
    1.0;
  return num / den;
}

/** Far tail, s in [5, 27.3] (q down to the smallest subnormal): |x| = P(s - 5) / Q(s - 5). */
function farTailRatio(t: number): number {
  const num =
    ((((((2.0024105006416862e-7 * t + 2.7044545219781975e-5) * t + 0.0012405154880250067) * t +
      0.02650247170111233) *
      t +
      0.29635368494809006) *
      t +
      1.7841230626006122) *
      t +
      5.462857432659301) *
      t +
    6.657904643501103;
  const den =
    ((((((2.019394990192762e-15 * t + 1.4159087968902723e-7) * t + 1.8415770617852993e-5) * t +
      0.0007855873097243021) *
      t +
      0.014860644602257224) *
      t +
      0.13685498093478887) *
      t +
      0.5996929016912981) *
      t +
    1.0;
  return num / den;
}

/**
 * The inverse standard normal CDF: the x with P(Z <= x) = p. Returns -Infinity at 0, Infinity at 1 and
 * NaN outside [0, 1]. Three rational approximations (see above), no iteration: one division in the
 * center, plus a log and a square root in the tails (p < 0.075 or p > 0.925). Exactly antisymmetric:
 * the upper tail is computed from 1 - p, which is exact there.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  const r = p - 0.5;
  if (Math.abs(r) <= 0.425) return r * centralRatio(0.180625 - r * r);
  const q = r < 0 ? p : 1 - p;
  if (q === 0) return r < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const s = Math.sqrt(-Math.log(q));
  const x = s <= 5 ? nearTailRatio(s - 1.6) : farTailRatio(s - 5);
  return r < 0 ? -x : x;
}
