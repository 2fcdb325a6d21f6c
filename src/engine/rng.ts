import { InvalidParameterError } from './errors.ts';
import { addGolden64, mix64, SplitMix64, type U64 } from './splitmix64.ts';

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/**
 * A seeded random stream: xoshiro128** 1.1 (Blackman & Vigna; reference C at
 * https://prng.di.unimi.it/xoshiro128starstar.c), hand-written so results stay identical across
 * releases and platforms. The core has no other source of randomness.
 *
 * Origin. Every Rng has an origin: a 64-bit value it was created from. `fromSeed(seed)` uses the seed
 * itself; `fork(name)` derives a child origin from the parent origin and the name. The 128-bit state
 * is the first two outputs of SplitMix64 seeded with the origin (s0 = low half of the first output,
 * s1 = its high half, s2/s3 likewise from the second), exactly as the xoshiro authors recommend.
 *
 * Streams. `fork(name)` depends only on the origin and the name, never on draws made so far, so adding a
 * draw in one stream or forking in another order shifts nothing elsewhere (common random numbers).
 * Forks are paths, not strings: fork('a').fork('b'), fork('b').fork('a') and fork('a/b') are three
 * unrelated streams, and fork('a') called twice gives two copies of the same stream.
 *
 * Derivation (pinned by tests; changing it changes every result): child = parent origin; for each
 * UTF-16 code unit c of name: child.lo ^= c, child += 0x9e3779b97f4a7c15, child = mix64(child); then
 * child.lo ^= name.length, child.hi ^= 0x666f726b ("fork"), child += 0x9e3779b97f4a7c15,
 * child = mix64(child). Each step is a bijection, so distinct names collide only by 64-bit chance.
 */
export class Rng {
  // The state (int32 words) starts as numbers, not undefined, so V8 keeps the fields as small integers.
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private readonly originHi: number;
  private readonly originLo: number;

  private constructor(originHi: number, originLo: number) {
    this.originHi = originHi;
    this.originLo = originLo;
    const sm = new SplitMix64(originHi, originLo);
    const out: U64 = { hi: 0, lo: 0 };
    sm.next(out);
    this.s0 = out.lo | 0;
    this.s1 = out.hi | 0;
    sm.next(out);
    this.s2 = out.lo | 0;
    this.s3 = out.hi | 0;
    // Two consecutive SplitMix64 outputs are never both zero (its output function is a bijection of a
    // counter), so the all-zero state that xoshiro forbids cannot occur.
  }

  /** A root stream from a seed: any safe integer >= 0 (all 53 bits matter). Throws InvalidParameterError otherwise. */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new InvalidParameterError(`seed must be a safe integer >= 0, got ${seed}`);
    }
    const lo = seed >>> 0;
    const hi = (seed - lo) / TWO_POW_32;
    return new Rng(hi, lo);
  }

  /** The independent stream named `name` under this one (see the class comment). O(name.length). */
  fork(name: string): Rng {
    const h: U64 = { hi: this.originHi, lo: this.originLo };
    for (let i = 0; i < name.length; i++) {
      h.lo = (h.lo ^ name.charCodeAt(i)) >>> 0;
      addGolden64(h);
      mix64(h);
    }
    h.lo = (h.lo ^ name.length) >>> 0;
    h.hi = (h.hi ^ 0x666f726b) >>> 0;
    addGolden64(h);
    mix64(h);
    return new Rng(h.hi, h.lo);
  }

  /**
   * The stream's origin as text: two streams with the same origin give the same numbers (a memo
   * of draws keys on it: src/model/handler/drawMemo.ts).
   */
  originKey(): string {
    return `${this.originHi}:${this.originLo}`;
  }

  /** The next 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * Uniform in [0, 1) on the grid k / 2^53: the top 27 bits of one output and the top 26 bits of the
   * next, (a * 2^26 + b) / 2^53. Consumes exactly two 32-bit outputs; can return 0, never 1.
   */
  next(): number {
    // Two steps of nextUint32, written out: a uint32 returned from a call V8 does not inline is
    // boxed (most exceed the small-integer range), so next() keeps both outputs in locals.
    let s0 = this.s0;
    let s1 = this.s1;
    let r = Math.imul(s1, 5);
    const a = Math.imul((r << 7) | (r >>> 25), 9) >>> 5;
    let t = s1 << 9;
    let s2 = this.s2 ^ s0;
    let s3 = this.s3 ^ s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    r = Math.imul(s1, 5);
    const b = Math.imul((r << 7) | (r >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * Uniform integer in [0, n), unbiased, for an integer 1 <= n <= 2^53. For n <= 2^32: rejection on one
   * 32-bit output (reject below 2^32 mod n, then take the remainder; expected < 2 outputs per call).
   * Above: rejection on 53-bit values built as in `next`. The number of outputs consumed varies; code
   * that needs a fixed count per sample (common random numbers) should invert `next()` instead.
   * Throws InvalidParameterError for other n.
   */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_53)) {
      throw new InvalidParameterError(`int(n) needs an integer 1 <= n <= 2^53, got ${n}`);
    }
    if (n <= TWO_POW_32) {
      const threshold = (TWO_POW_32 - n) % n;
      for (;;) {
        const r = this.nextUint32();
        if (r >= threshold) return r % n;
      }
    }
    const threshold = (TWO_POW_53 - n) % n;
    for (;;) {
      const r = (this.nextUint32() >>> 5) * TWO_POW_26 + (this.nextUint32() >>> 6);
      if (r >= threshold) return r % n;
    }
  }
}
