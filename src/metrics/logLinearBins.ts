/**
 * The log-linear bin layout of lamsim's histograms: HdrHistogram's layout for 3 significant digits
 * and a lowest discernible value of 1 (values are integer microseconds), computed from the value's
 * binary exponent and its top 10 mantissa bits instead of logarithms.
 *
 * Layout: values 0..2047 have a bin each (bins 0..2047); a value v >= 2048 with binary exponent
 * e = floor(log2 v) >= 11 falls in bin 1024 (e - 9) + m, where m is the 10 bits after v's leading
 * one, so a bin holds the values [s 2^(e-10), (s + 1) 2^(e-10)) with s = 1024 + m: at most 1/1024 of
 * the value wide (3 significant digits). These are exactly HdrHistogram's counts-array indexes
 * (bucket e - 10, sub-bucket s), so bins, percentiles and CDFs are those of hdr-histogram-js built
 * with `numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1`.
 *
 * Cost: binOfUs is a clz32 and two shifts for values below 2^32 us (71 minutes), else one float
 * store and an integer load of its high word. No Math.log, no Math.pow.
 */

/** Bins per power of two above the linear range (2^10: 3 significant digits). */
const SUB_BINS = 1024;
/** Values below this have a bin each. */
const LINEAR_LIMIT = 2 * SUB_BINS;

const scratchFloat = new Float64Array(1);
const scratchWords = new Uint32Array(scratchFloat.buffer);
/** Index of the high 32-bit word of a float64 in scratchWords (1 on little-endian machines). */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** High word >>> 10 of 2048.0 is (1023 + 11) << 10; bin(2048) = 2048 = that - BIAS. */
const FLOAT_BIN_BIAS = (1023 + 11) * SUB_BINS - LINEAR_LIMIT;

/** The bin of `us`, an integer >= 0 (the caller guarantees it). O(1). */
export function binOfUs(us: number): number {
  if (us < 4294967296) {
    // 2^32: exact unsigned 32-bit arithmetic. bucket = floor(log2(us | 2047)) - 10.
    const bucket = 21 - Math.clz32(us | (LINEAR_LIMIT - 1));
    return (bucket << 10) + (us >>> bucket);
  }
  // Larger integers are exact in a double: its exponent and top 10 mantissa bits give the bin.
  scratchFloat[0] = us;
  return (scratchWords[HIGH_WORD] >>> 10) - FLOAT_BIN_BIAS;
}

/** The lowest value (us) of `bin` (HdrHistogram's valueFromIndex). */
export function lowUsOfBin(bin: number): number {
  if (bin < LINEAR_LIMIT) return bin;
  const bucket = (bin >> 10) - 1;
  return ((bin & (SUB_BINS - 1)) + SUB_BINS) * 2 ** bucket;
}

/** Number of bins needed to hold values up to `us` (>= 0). */
export function binsUpTo(us: number): number {
  return binOfUs(Math.max(0, Math.ceil(us))) + 1;
}
