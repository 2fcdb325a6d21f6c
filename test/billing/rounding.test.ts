import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billedDurationMs,
  httpApiMeteredRequests,
  isInitBilled,
  isSnapStartCharged,
  lambdaAsyncBilledRequests,
  provisionedBilledMs,
  responseStreamingBilledBytes,
  sqsBilledRequests,
} from '../../src/billing/index.ts';
import { ceilDivide } from '../../src/billing/metering/rounding.ts';

const KB = 1024;

describe('billedDurationMs', () => {
  it('bills a real excess over 100 ms as the next unit: 101 ms at 1 ms, 200 ms at 100 ms', () => {
    expect(billedDurationMs(100.000000001, 1)).toBe(101);
    expect(billedDurationMs(100.000000001, 100)).toBe(200);
  });
  it('absorbs float drift: 100.00000000001 bills 100 ms at both granularities', () => {
    expect(billedDurationMs(100.00000000001, 1)).toBe(100);
    expect(billedDurationMs(100.00000000001, 100)).toBe(100);
    expect(Math.ceil(100.00000000001)).toBe(101); // what naive rounding would bill
  });
  it('absorbs drift from summing phases', () => {
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += 0.1; // 99.9999999999986
    expect(billedDurationMs(sum, 1)).toBe(100);
    expect(billedDurationMs(0.1 + 0.2, 1)).toBe(1);
    expect(billedDurationMs(30 + 0.1 + 0.2 - 0.3, 1)).toBe(30);
  });
  it('rounds up with no minimum', () => {
    expect(billedDurationMs(0, 1)).toBe(0);
    expect(billedDurationMs(0.0001, 1)).toBe(1);
    expect(billedDurationMs(0.0001, 100)).toBe(100);
    expect(billedDurationMs(1, 1)).toBe(1);
    expect(billedDurationMs(1.5, 1)).toBe(2);
    expect(billedDurationMs(100, 100)).toBe(100);
    expect(billedDurationMs(101, 100)).toBe(200);
    expect(billedDurationMs(199.999, 100)).toBe(200);
  });
  it('is exact up to the 900 s timeout and beyond', () => {
    expect(billedDurationMs(900_000, 1)).toBe(900_000);
    expect(billedDurationMs(899_999.000001, 1)).toBe(900_000);
    expect(billedDurationMs(899_999.5, 100)).toBe(900_000);
    expect(billedDurationMs(900_000.000001, 100)).toBe(900_100);
    expect(billedDurationMs(10 * 3_600_000 + 0.5, 1)).toBe(10 * 3_600_000 + 1);
  });
  it('the INIT-billing blog: Duration 1513.37 ms + Init 303.63 ms bills 1817 ms', () => {
    expect(billedDurationMs(1513.37 + 303.63, 1)).toBe(1817);
  });
  it('throws on negative or non-finite durations (a caller bug)', () => {
    expect(() => billedDurationMs(-1, 1)).toThrow(RangeError);
    expect(() => billedDurationMs(Number.NaN, 1)).toThrow(RangeError);
    expect(() => billedDurationMs(Number.POSITIVE_INFINITY, 100)).toThrow(RangeError);
  });
  it('property: an integer multiple of the granularity, within one unit above the duration', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 900_000, noNaN: true }),
        fc.constantFrom(1 as const, 100 as const),
        (d, g) => {
          const billed = billedDurationMs(d, g);
          expect(Number.isInteger(billed)).toBe(true);
          expect(billed % g).toBe(0);
          expect(billed).toBeGreaterThanOrEqual(d - 1e-9);
          expect(billed).toBeLessThan(d + g);
        },
      ),
    );
  });
  it('property: never decreases as the duration grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 900_000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.constantFrom(1 as const, 100 as const),
        (d, extra, g) => {
          expect(billedDurationMs(d + extra, g)).toBeGreaterThanOrEqual(billedDurationMs(d, g));
        },
      ),
    );
  });
});

describe('ceilDivide: ceil(n / step) by one float division', () => {
  const exact = (n: number, step: number): number => {
    const q = BigInt(n) / BigInt(step);
    return Number(BigInt(n) % BigInt(step) === 0n ? q : q + 1n);
  };
  const MAX = 2 ** 53;
  const steps = [1, 3, 1e6, 1e9, 1e11, 7 * 2 ** 40];
  it('is exact next to multiples of the step and next to 2^53, where a rounded quotient is likeliest to land on k', () => {
    for (const step of steps) {
      for (const k of [0, 1, 2, 1000, Math.floor(MAX / step) - 1, Math.floor(MAX / step)]) {
        for (const r of [-2, -1, 0, 1, 2]) {
          const n = k * step + r;
          if (n >= 0 && n <= MAX) expect(ceilDivide(n, step)).toBe(exact(n, step));
        }
      }
      for (const n of [MAX, MAX - 1, MAX - 2, MAX - step, MAX - step + 1]) {
        if (n >= 0) expect(ceilDivide(n, step)).toBe(exact(n, step));
      }
    }
  });
  it('property: equals the BigInt ceiling for any integer up to 2^53', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 53n }),
        fc.constantFrom(...steps),
        fc.integer({ min: -3, max: 3 }),
        (big, step, nudge) => {
          // Half the cases land within 3 of a multiple of the step.
          const raw = Number(big);
          const near = Math.round(raw / step) * step + nudge;
          for (const n of [raw, near]) {
            if (n >= 0 && n <= MAX) expect(ceilDivide(n, step)).toBe(exact(n, step));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('property: billedDurationMs equals the `%` rounding it replaced, to the bit', () => {
    const byRemainder = (d: number, g: number): number => {
      const ps = Math.round(d * 1e9);
      const step = g * 1e9;
      const rem = ps % step;
      return (rem === 0 ? ps : ps - rem + step) / 1e9;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 9_000_000, noNaN: true }),
          fc.integer({ min: 0, max: 9_000_000 }).map((ms) => ms + 1e-9),
          fc.integer({ min: 0, max: 9_000_000 }),
        ),
        fc.constantFrom(1 as const, 100 as const),
        (d, g) => {
          expect(billedDurationMs(d, g)).toBe(byRemainder(d, g));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('provisionedBilledMs: each interval rounded up to 5 minutes', () => {
  it('rounds up to the next 5 minutes', () => {
    expect(provisionedBilledMs(0)).toBe(0);
    expect(provisionedBilledMs(1)).toBe(300_000);
    expect(provisionedBilledMs(300_000)).toBe(300_000);
    expect(provisionedBilledMs(300_001)).toBe(600_000);
    expect(provisionedBilledMs(29 * 60_000 + 1000)).toBe(30 * 60_000);
    expect(provisionedBilledMs(8 * 3_600_000)).toBe(8 * 3_600_000);
  });
  it('absorbs drift below a microsecond but not a real excess', () => {
    expect(provisionedBilledMs(300_000.0000001)).toBe(300_000);
    expect(provisionedBilledMs(300_000.001)).toBe(600_000);
    expect(provisionedBilledMs(((730 * 3_600_000) / 7) * 7)).toBe(730 * 3_600_000);
  });
});

describe('isInitBilled', () => {
  const zipNode = { runtime: 'nodejs22.x', packageType: 'zip' } as const;
  const zipCustom = { runtime: 'provided.al2023', packageType: 'zip' } as const;
  const image = { runtime: 'nodejs22.x', packageType: 'image' } as const;
  it('since 2025-08-01 (initBilled: true): always', () => {
    for (const f of [zipNode, zipCustom, image]) expect(isInitBilled(f, true)).toBe(true);
  });
  it('before (initBilled: false): free for zip on managed runtimes, billed for provided.* and images', () => {
    expect(isInitBilled(zipNode, false)).toBe(false);
    expect(isInitBilled({ runtime: 'python3.12', packageType: 'zip' }, false)).toBe(false);
    expect(isInitBilled({ runtime: 'java21', packageType: 'zip' }, false)).toBe(false);
    expect(isInitBilled(zipCustom, false)).toBe(true);
    expect(isInitBilled({ runtime: 'provided.al2', packageType: 'zip' }, false)).toBe(true);
    expect(isInitBilled(image, false)).toBe(true);
  });
});

describe('isSnapStartCharged', () => {
  it('Python and .NET are charged, Java is not', () => {
    expect(isSnapStartCharged('python3.12')).toBe(true);
    expect(isSnapStartCharged('dotnet8')).toBe(true);
    expect(isSnapStartCharged('java21')).toBe(false);
    expect(isSnapStartCharged('nodejs22.x')).toBe(false);
  });
});

describe('payload metering', () => {
  it('Lambda async events: 1 request up to 256 KB, +1 per further 64 KB', () => {
    expect(lambdaAsyncBilledRequests(0)).toBe(1);
    expect(lambdaAsyncBilledRequests(256 * KB)).toBe(1);
    expect(lambdaAsyncBilledRequests(256 * KB + 1)).toBe(2);
    expect(lambdaAsyncBilledRequests(320 * KB)).toBe(2);
    expect(lambdaAsyncBilledRequests(320 * KB + 1)).toBe(3);
    expect(lambdaAsyncBilledRequests(1024 * KB)).toBe(13);
  });
  it('HTTP API: 512 KB increments, at least one', () => {
    expect(httpApiMeteredRequests(0)).toBe(1);
    expect(httpApiMeteredRequests(512 * KB)).toBe(1);
    expect(httpApiMeteredRequests(512 * KB + 1)).toBe(2);
    expect(httpApiMeteredRequests(1024 * KB)).toBe(2);
  });
  it('SQS: 64 KB chunks, at least one', () => {
    expect(sqsBilledRequests(1)).toBe(1);
    expect(sqsBilledRequests(64 * KB)).toBe(1);
    expect(sqsBilledRequests(64 * KB + 1)).toBe(2);
    expect(sqsBilledRequests(256 * KB)).toBe(4);
  });
  it('response streaming: bytes beyond the first 6 MB of a response', () => {
    expect(responseStreamingBilledBytes(6 * 1024 * KB)).toBe(0);
    expect(responseStreamingBilledBytes(7 * 1024 * KB)).toBe(1024 * KB);
    expect(responseStreamingBilledBytes(100)).toBe(0);
  });
});
