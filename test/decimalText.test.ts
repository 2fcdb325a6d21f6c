import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText } from '../src/decimalText.ts';

/** What decimalText must equal: ICU's en-US formatting through toLocaleString. */
const icu = (x: number, min: number, max: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });

describe('decimalText writes numbers as toLocaleString("en-US") does', () => {
  it('on the cases that tell the roundings apart', () => {
    // 1.005 is stored a little below 1.005: ICU rounds the shortest decimal (1.01), toFixed the
    // exact double (1.00). 999.995 carries into a new thousands group.
    const cases: [number, number, number, string][] = [
      [1.005, 0, 2, '1.01'],
      [999.995, 0, 2, '1,000'],
      [1234.5678, 0, 2, '1,234.57'],
      [0.005, 0, 2, '0.01'],
      [0.0049, 0, 2, '0'],
      [-0.001, 0, 2, '-0'],
      [-0, 0, 0, '-0'],
      [30.416666666666668, 0, 2, '30.42'],
      [12, 1, 1, '12.0'],
      [1e21, 0, 0, '1,000,000,000,000,000,000,000'],
      [1.5e-7, 0, 8, '0.00000015'],
      [Number.NaN, 0, 2, 'NaN'],
      [Number.POSITIVE_INFINITY, 0, 2, '∞'],
      [Number.NEGATIVE_INFINITY, 0, 2, '-∞'],
    ];
    for (const [x, min, max, text] of cases) {
      expect(decimalText(x, min, max), `${x} ${min}..${max}`).toBe(text);
      expect(icu(x, min, max), `ICU on ${x}`).toBe(text);
    }
  });

  it('with the default fraction digits (0 to 3), as toLocaleString("en-US") without options', () => {
    for (const x of [0, 7, 1234567, 2.0004, 2.0005, Math.PI, -9876.54321]) {
      expect(decimalText(x)).toBe(x.toLocaleString('en-US'));
    }
  });

  const digits = fc
    .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

  it('for any double and fraction digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), digits, (x, [min, max]) => {
        expect(decimalText(x, min, max)).toBe(icu(x, min, max));
      }),
      { numRuns: 20_000 },
    );
  });

  it('for numbers of the sizes reports write (counts, dollars, hours) and ties at the rounding digit', () => {
    const sized = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      // k / 10^d + 5 / 10^(d+1): a tie in decimal (stored above or below it) at d fraction digits.
      fc
        .tuple(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 6 }))
        .map(([k, d]) => k / 10 ** d + 5 / 10 ** (d + 1)),
    );
    fc.assert(
      fc.property(sized, digits, (x, [min, max]) => {
        expect(decimalText(x, min, max)).toBe(icu(x, min, max));
      }),
      { numRuns: 20_000 },
    );
  });
});
