import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateCost } from '../../src/billing/index.ts';
import { decimalProduct, decimalSum } from '../../src/billing/pricing/decimal.ts';
import {
  formatMean,
  formatQuantity,
  formatSloValue,
  formatUsd,
  renderCostTable,
  usdCents,
} from '../../src/report/index.ts';

describe('formatUsd', () => {
  it('rounds to the cent, half away from zero, on the decimal value', () => {
    expect(formatUsd(2.733338)).toBe('$2.73');
    expect(formatUsd(0.077868)).toBe('$0.08');
    expect(formatUsd(5.8345)).toBe('$5.83');
    expect(formatUsd(1.005)).toBe('$1.01'); // stored as 1.00499999999999989...
    expect(formatUsd(0.125)).toBe('$0.13');
    expect(formatUsd(0.004999)).toBe('$0.00');
    expect(formatUsd(0)).toBe('$0.00');
  });
  it('groups thousands and signs negatives', () => {
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89');
    expect(formatUsd(235_000.2)).toBe('$235,000.20');
    expect(formatUsd(-0.4)).toBe('-$0.40');
    expect(formatUsd(-0.001)).toBe('$0.00');
  });
  it('usdCents is an integer', () => {
    expect(usdCents(19.962644)).toBe(1996);
    expect(usdCents(-1.005)).toBe(-101);
  });
});

describe('formatQuantity', () => {
  it('integers grouped, fractions trimmed', () => {
    expect(formatQuantity(3_000_000)).toBe('3,000,000');
    expect(formatQuantity(976.5625)).toBe('976.563');
    // At most 6 significant digits from 1 up: GB-s decimals beside a bill in cents are noise.
    expect(formatQuantity(116_849.334)).toBe('116,849');
    expect(formatQuantity(1_234_567.891)).toBe('1,234,568');
    expect(formatQuantity(12.34567)).toBe('12.3457');
    expect(formatQuantity(1234.5)).toBe('1,234.5');
    expect(formatQuantity(0.000123456)).toBe('0.0001235');
    expect(formatQuantity(2.00001)).toBe('2');
  });
});

describe('formatMean', () => {
  it('one decimal grouped by thousands, two significant digits below 1', () => {
    expect(formatMean(1543.0539)).toBe('1,543.1');
    expect(formatMean(32)).toBe('32');
    expect(formatMean(0.0342)).toBe('0.034');
    expect(formatMean(0)).toBe('0');
  });
});

describe('formatSloValue', () => {
  it('groups thousands of a duration and a count', () => {
    expect(formatSloValue('p99', 12_345)).toBe('12,350 ms');
    expect(formatSloValue('dbConnectionErrors', 1_234_567)).toBe('1,234,567');
  });
});

describe('renderCostTable', () => {
  it('lists each line and the total', () => {
    const text = renderCostTable(
      calculateCost({ requests: 3e6, durationMs: 120, memoryMb: 1536, freeTier: true }),
    );
    const rows = text.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^service\s+item\s+quantity\s+unit\s+USD$/);
    expect(rows).toContainEqual(
      expect.stringMatching(/^lambda\s+requests\s+2,000,000\s+requests\s+\$0\.40$/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/^lambda\s+duration x86_64 tier 1\s+140,000\s+GB-s\s+\$2\.33$/),
    );
    expect(rows[rows.length - 1]).toMatch(/^total\s+\$2\.73$/);
  });
});

describe('decimal arithmetic', () => {
  it('products and sums are the doubles nearest the exact decimal results', () => {
    expect(2_000_000 * 0.0000002).toBe(0.39999999999999997);
    expect(decimalProduct(2_000_000, 0.0000002)).toBe(0.4);
    expect(decimalProduct(140_000, 0.0000166667)).toBe(2.333338);
    expect(decimalProduct(976.5625, 0.008)).toBe(7.8125);
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(decimalSum([0.1, 0.2])).toBe(0.3);
    expect(decimalSum([18.000144, 0.4, 0.729165, 0.833335])).toBe(19.962644);
  });
  it('falls back to float arithmetic beyond safe integers', () => {
    expect(decimalProduct(1 / 3, 0.0000166667)).toBeCloseTo(0.0000166667 / 3, 18);
    expect(decimalSum([1e300, 1])).toBe(1e300);
  });
  // Normal doubles only: a subnormal such as 2e-323 prints as a decimal far (relatively) from its
  // binary value, and prices and quantities are never subnormal.
  it('property: within 1e-15 relative of the float result', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-300, max: 1, noNaN: true }),
        (a, b) => {
          // A product below the smallest normal double (2^-1022) is subnormal: see above.
          fc.pre(a * b === 0 || a * b >= 2 ** -1022);
          const exact = decimalProduct(a, b);
          expect(Math.abs(exact - a * b)).toBeLessThanOrEqual(Math.abs(a * b) * 1e-15);
        },
      ),
    );
  });
});
