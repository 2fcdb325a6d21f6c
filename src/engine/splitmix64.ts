/**
 * SplitMix64 (Steele, Lea & Flood; reference C at https://prng.di.unimi.it/splitmix64.c) computed in
 * 32-bit halves, so it runs on plain JS numbers without BigInt and gives bit-identical results on every
 * platform. Used only to seed and derive generator states, never on a hot path.
 *
 * A 64-bit value is a pair (hi, lo) of unsigned 32-bit integers.
 */

/** A mutable 64-bit value as two unsigned 32-bit halves. */
export interface U64 {
  hi: number;
  lo: number;
}

const GOLDEN_HI = 0x9e3779b9;
const GOLDEN_LO = 0x7f4a7c15;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers (exact, via 16-bit limbs). */
function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** x = x * (chi, clo) mod 2^64. */
function mul64(x: U64, chi: number, clo: number): void {
  const hi = (mulHi32(x.lo, clo) + Math.imul(x.lo, chi) + Math.imul(x.hi, clo)) >>> 0;
  x.lo = Math.imul(x.lo, clo) >>> 0;
  x.hi = hi;
}

/** x = x ^ (x >>> k) for 0 < k < 32. */
function xorShiftRight(x: U64, k: number): void {
  x.lo = (x.lo ^ ((x.lo >>> k) | (x.hi << (32 - k)))) >>> 0;
  x.hi = (x.hi ^ (x.hi >>> k)) >>> 0;
}

/** x = x + 0x9e3779b97f4a7c15 mod 2^64 (the SplitMix64 increment). */
export function addGolden64(x: U64): void {
  const lo = (x.lo + GOLDEN_LO) >>> 0;
  const carry = lo < x.lo ? 1 : 0;
  x.hi = (x.hi + GOLDEN_HI + carry) >>> 0;
  x.lo = lo;
}

/** The SplitMix64 output function (a bijection of 64-bit values), applied in place. */
export function mix64(x: U64): void {
  xorShiftRight(x, 30);
  mul64(x, 0xbf58476d, 0x1ce4e5b9);
  xorShiftRight(x, 27);
  mul64(x, 0x94d049bb, 0x133111eb);
  xorShiftRight(x, 31);
}

/** The SplitMix64 generator: `next(out)` writes the next 64-bit output into `out`. */
export class SplitMix64 {
  private readonly state: U64;

  constructor(seedHi: number, seedLo: number) {
    this.state = { hi: seedHi >>> 0, lo: seedLo >>> 0 };
  }

  next(out: U64): void {
    addGolden64(this.state);
    out.hi = this.state.hi;
    out.lo = this.state.lo;
    mix64(out);
  }
}
