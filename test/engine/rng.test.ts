import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/engine/errors.ts';
import { Rng } from '../../src/engine/rng.ts';
import { SplitMix64, type U64 } from '../../src/engine/splitmix64.ts';
import { CHI2_CRIT_0_001, chiSquare } from './stats.ts';

/*
 * Reference outputs produced by compiling the published reference C code (splitmix64.c and
 * xoshiro128starstar.c 1.1 from https://prng.di.unimi.it/; the site was unreachable from the build
 * machine, so the two functions were transcribed and checked against several copies of the published
 * file, and against the well-known first outputs 11520, 0, 5927040, 70819200 for the state
 * {1, 2, 3, 4}) with gcc 12 on x86-64, seeding
 * `x = seed` in splitmix64, filling s[0] = (uint32_t)r0, s[1] = r0 >> 32, s[2] = (uint32_t)r1,
 * s[3] = r1 >> 32 from its first two outputs r0, r1, then printing next() (and doubles built as
 * ((next() >> 5) * 2^26 + (next() >> 6)) / 2^53). The C file is not part of the repository.
 */
const REFERENCE = [
  {
    seed: 0,
    splitmix: [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn, 0xf88bb8a8724c81ecn],
    first: [
      3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774, 3260698944, 2754151956,
      2651137455, 2503817145, 3398908791, 908887127,
    ],
    after1012: [2509150917, 4081443314, 1172039779, 1194502727],
    doubles: [0.43618503734881331, 0.25379348016444558, 0.35039142966256176, 0.17967760892747731],
  },
  {
    seed: 42,
    splitmix: [0xbdd732262feb6e95n, 0x28efe333b266f103n, 0x47526757130f9f52n, 0x581ce1ff0e4ae394n],
    first: [
      1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222, 2940343271, 2244566231,
      3567603786, 2928476417, 3162131937, 1150495106,
    ],
    after1012: [3298408417, 320299399, 1331426208, 2620033942],
    doubles: [0.35065632544727576, 0.44432297166820944, 0.98715275700922489, 0.3626898874603669],
  },
  {
    seed: 2 ** 53 - 1,
    splitmix: [0x24b94facefb6559fn, 0x30c3f2f9b73ff198n, 0x8784e19b83f9875cn, 0x41703b1e34340ac6n],
    first: [
      1233166643, 1287031142, 661813442, 2960669951, 2601079046, 1036114921, 2300589652, 2591400186,
      1633112044, 4084925561, 2506244093, 3271209951,
    ],
    after1012: [1454319681, 56937444, 540042457, 2321288029],
    doubles: [0.6100193425221262, 0.57451671066979082, 0.19214021786595026, 0.48485521226309569],
  },
];

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

/** Pearson correlation of two equal-length series. */
function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('SplitMix64 in 32-bit halves', () => {
  it.each(REFERENCE)('matches the reference C outputs for seed $seed', ({ seed, splitmix }) => {
    const sm = new SplitMix64(Math.floor(seed / 2 ** 32), seed >>> 0);
    const out: U64 = { hi: 0, lo: 0 };
    for (const expected of splitmix) {
      sm.next(out);
      expect((BigInt(out.hi) << 32n) | BigInt(out.lo)).toBe(expected);
    }
  });
});

describe('Rng (xoshiro128**)', () => {
  it.each(REFERENCE)(
    'matches the reference C generator for seed $seed',
    ({ seed, first, after1012, doubles }) => {
      const rng = Rng.fromSeed(seed);
      expect(draws(rng, 12)).toEqual(first);
      draws(rng, 1000);
      expect(draws(rng, 4)).toEqual(after1012);
      expect(Array.from({ length: 4 }, () => rng.next())).toEqual(doubles);
    },
  );

  it('rejects seeds that are not safe integers >= 0', () => {
    for (const bad of [-1, 1.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => Rng.fromSeed(bad)).toThrow(InvalidParameterError);
    }
  });

  it('next() is in [0, 1) with mean 1/2 within 4 standard errors', () => {
    const rng = Rng.fromSeed(7);
    const n = 100_000;
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // Var(U) = 1/12; 4 sigma: a correct generator fails with probability ~6e-5.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it('int(n) is uniform on [0, n) (chi-square, alpha = 0.001) and validates n', () => {
    const rng = Rng.fromSeed(11);
    const n = 7;
    const draws = 70_000;
    const counts = new Array(n).fill(0);
    for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
    expect(counts.reduce((s, c) => s + c, 0)).toBe(draws); // every draw landed in [0, n)
    expect(chiSquare(counts, new Array(n).fill(draws / n))).toBeLessThan(CHI2_CRIT_0_001[6]);
    expect(rng.int(1)).toBe(0);
    for (const big of [2 ** 32, 2 ** 32 + 1, 2 ** 53]) {
      for (let i = 0; i < 100; i++) {
        const k = rng.int(big);
        expect(Number.isInteger(k) && k >= 0 && k < big).toBe(true);
      }
    }
    for (const bad of [0, -1, 2.5, 2 ** 53 + 2, Number.NaN])
      expect(() => rng.int(bad)).toThrow(InvalidParameterError);
  });

  it('int(n) for n above 2^32 reaches the high range (not just 32-bit values)', () => {
    const rng = Rng.fromSeed(3);
    let high = 0;
    for (let i = 0; i < 1000; i++) if (rng.int(2 ** 40) >= 2 ** 39) high++;
    // Binomial(1000, 1/2): 4 sigma = 63.
    expect(Math.abs(high - 500)).toBeLessThan(64);
  });
});

describe('Rng.fork', () => {
  it('depends only on the origin and the name, not on draws already made', () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed(42);
    draws(b, 123);
    b.next();
    expect(draws(a.fork('arrivals'), 20)).toEqual(draws(b.fork('arrivals'), 20));
  });

  it('does not depend on forking order or on draws in sibling streams', () => {
    const root1 = Rng.fromSeed(5);
    const x1 = root1.fork('x');
    const y1 = root1.fork('y');
    const root2 = Rng.fromSeed(5);
    const y2 = root2.fork('y');
    draws(y2, 10); // draws in one stream ...
    const x2 = root2.fork('x');
    expect(draws(x1, 50)).toEqual(draws(x2, 50)); // ... do not shift another
    expect(draws(y1, 10)).toHaveLength(10);
  });

  it('treats forks as paths: a/b, b/a and "a/b" are different streams, and differ from the parent', () => {
    const root = Rng.fromSeed(1);
    const ab = draws(root.fork('a').fork('b'), 8);
    const ba = draws(root.fork('b').fork('a'), 8);
    const slash = draws(root.fork('a/b'), 8);
    const parent = draws(Rng.fromSeed(1), 8);
    const empty = draws(root.fork(''), 8);
    const all = [ab, ba, slash, parent, empty].map((d) => d.join(','));
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives uncorrelated streams for different names and different seeds (4 sigma)', () => {
    const n = 20_000;
    const u = (rng: Rng) => Array.from({ length: n }, () => rng.next());
    const root = Rng.fromSeed(2024);
    const streams = [
      u(root.fork('a')),
      u(root.fork('b')),
      u(root.fork('c')),
      u(Rng.fromSeed(2025).fork('a')),
    ];
    // Under independence the sample correlation is ~ N(0, 1/n); 4 sigma bound per pair.
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        expect(Math.abs(correlation(streams[i], streams[j]))).toBeLessThan(4 / Math.sqrt(n));
      }
    }
    // Lag-1 correlation inside a stream as well.
    const s = streams[0];
    expect(Math.abs(correlation(s.slice(1), s.slice(0, -1)))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('is pinned: these values change only if the derivation changes (which changes every result)', () => {
    // Produced by this implementation when the derivation was written; a regression pin, not a reference.
    expect(draws(Rng.fromSeed(42).fork('arrivals'), 4)).toEqual(PINNED_ARRIVALS);
    expect(draws(Rng.fromSeed(0).fork('a').fork('b'), 2)).toEqual(PINNED_A_B);
  });
});

const PINNED_ARRIVALS = [2584917132, 680478353, 3953234954, 3013686460];
const PINNED_A_B = [3400818426, 2034473382];
