import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DURATION_PATTERN,
  exactDecimal,
  formatDuration,
  formatPercentExact,
  formatSize,
  PERCENT_PATTERN,
  parseDuration,
  parseDurationOrSeconds,
  parseFraction,
  parsePercentage,
  parseSize,
  parseSizeOrMb,
  SIZE_PATTERN,
} from '../../src/scenario/quantities.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (r: { ok: boolean; error?: string }): string => {
  expect(r.ok).toBe(false);
  return r.error ?? '';
};

describe('durations', () => {
  it.each([
    ['250ms', 250],
    ['2s', 2_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1m30s', 90_000],
    ['1.5s', 1_500],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['0ms', 0],
    ['.5s', 500],
    ['1.005s', 1_005],
    ['0.1s', 100],
    ['2s500ms', 2_500],
  ])('%s = %d ms', (text, ms) => {
    expect(value(parseDuration(text))).toBe(ms);
  });

  it('rejects a missing unit, saying which units exist', () => {
    expect(error(parseDuration(40))).toMatch(
      /missing unit in 40: write 40ms or 40s; expected a duration with a unit: ms, s, m, h or d/,
    );
    expect(error(parseDuration('40'))).toMatch(/missing unit in '40'/);
    expect(error(parseDuration('1m30'))).toMatch(/missing unit after 30/);
  });

  it('rejects unknown units with a suggestion', () => {
    expect(error(parseDuration('5min'))).toMatch(/unknown unit 'min' in '5min' \(did you mean 'm'\?\)/);
    expect(error(parseDuration('5 minutes'))).toMatch(/unknown unit 'minutes'.*did you mean 'm'/);
    expect(error(parseDuration('3S'))).toMatch(/unknown unit 'S'.*did you mean 's'/);
    expect(error(parseDuration('3w'))).toMatch(/unknown unit 'w'/);
  });

  it('rejects negative values, spaces, bad order, repeats and junk', () => {
    expect(error(parseDuration('-5s'))).toMatch(/negative duration '-5s'/);
    expect(error(parseDuration('5 s'))).toMatch(/space before its unit: write 5s/);
    expect(error(parseDuration('30s1m'))).toMatch(/units out of order.*1m30s/);
    expect(error(parseDuration('1s1s'))).toMatch(/units out of order/);
    expect(error(parseDuration(''))).toMatch(/empty duration/);
    expect(error(parseDuration('abc'))).toMatch(/is not a duration/);
    expect(error(parseDuration(true))).toMatch(/got boolean true/);
    expect(error(parseDuration('1234567890123456s'))).toMatch(/too many digits/);
  });

  it('bare numbers are seconds only where allowed', () => {
    expect(value(parseDurationOrSeconds(30))).toBe(30_000);
    expect(value(parseDurationOrSeconds(1.005))).toBe(1_005);
    expect(value(parseDurationOrSeconds('2m'))).toBe(120_000);
    expect(error(parseDurationOrSeconds(-1))).toMatch(
      /negative duration -1: durations are >= 0; expected a number of seconds/,
    );
  });

  it('formats canonically', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(93_784_005)).toBe('1d2h3m4s5ms');
    expect(formatDuration(1.5)).toBe('1.5ms');
    expect(formatDuration(900_000)).toBe('15m');
  });
});

describe('sizes', () => {
  it.each([
    ['128MB', 128 * 2 ** 20],
    ['1GB', 2 ** 30],
    ['20KB', 20 * 1024],
    ['1.5GB', 1.5 * 2 ** 30],
    ['512B', 512],
    ['1TB', 2 ** 40],
    ['1GiB', 2 ** 30],
    ['0.1KB', 102.4],
  ])('%s = %d bytes', (text, bytes) => {
    expect(value(parseSize(text))).toBe(bytes);
  });

  it('1 GB is 1024 MB', () => {
    expect(value(parseSize('1GB')) / value(parseSize('1MB'))).toBe(1024);
  });

  it('bare numbers are MB only where allowed', () => {
    expect(value(parseSizeOrMb(1024))).toBe(2 ** 30);
    expect(error(parseSize(1024))).toMatch(/missing unit in 1024: write 1024MB or 1024KB/);
  });

  it('rejects unknown units, negatives and spaces', () => {
    expect(error(parseSize('128mb'))).toMatch(/unknown unit 'mb'.*did you mean 'MB'/);
    expect(error(parseSize('1G'))).toMatch(/unknown unit 'G'.*did you mean 'GB'/);
    expect(error(parseSize('-1MB'))).toMatch(/negative size/);
    expect(error(parseSize('1 MB'))).toMatch(/space before its unit/);
    expect(error(parseSize('MB'))).toMatch(/is not a size/);
  });

  it('formats with the largest exact unit', () => {
    expect(formatSize(2 ** 30)).toBe('1GB');
    expect(formatSize(1536 * 2 ** 20)).toBe('1536MB');
    expect(formatSize(20 * 1024)).toBe('20KB');
    expect(formatSize(7)).toBe('7B');
  });
});

describe('fractions and percentages', () => {
  it('accepts 0.1% and 0.001 alike', () => {
    expect(value(parseFraction('0.1%'))).toBe(0.001);
    expect(value(parseFraction(0.001))).toBe(0.001);
    expect(value(parseFraction('100%'))).toBe(1);
    expect(value(parseFraction(0))).toBe(0);
  });

  it('rejects values outside 0..1', () => {
    expect(error(parseFraction(1.5))).toMatch(/outside 0..1/);
    expect(error(parseFraction('150%'))).toMatch(/above 100%/);
    expect(error(parseFraction('-1%'))).toMatch(/negative value/);
    expect(error(parseFraction('0.5'))).toMatch(/quoted number/);
  });

  it('percentages: numbers are percent', () => {
    expect(value(parsePercentage(95))).toBe(0.95);
    expect(value(parsePercentage('95%'))).toBe(0.95);
    expect(formatPercentExact(0.001)).toBe('0.1%');
  });
});

describe('patterns accept exactly what the parsers accept', () => {
  const alphabet = fc.constantFrom(
    ...'0123456789.msdhKMGTBiB% -'.split(''),
    'ms',
    'KB',
    'MB',
    'GB',
    '1',
    '30',
  );
  const text = fc.array(alphabet, { maxLength: 8 }).map((parts) => parts.join(''));

  it('durations', () => {
    fc.assert(fc.property(text, (s) => DURATION_PATTERN.test(s) === parseDuration(s).ok));
  });
  it('sizes', () => {
    fc.assert(fc.property(text, (s) => SIZE_PATTERN.test(s) === parseSize(s).ok));
  });
  it('percentages', () => {
    fc.assert(fc.property(text, (s) => PERCENT_PATTERN.test(s) === parsePercentage(s).ok));
  });
  it('canonical texts match the patterns', () => {
    fc.assert(fc.property(fc.nat({ max: 10 ** 12 }), (ms) => DURATION_PATTERN.test(formatDuration(ms))));
  });
});

describe('round trips', () => {
  it('parse(format(ms)) = ms for whole milliseconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 13 }), (ms) => value(parseDuration(formatDuration(ms))) === ms),
    );
  });

  it('parse(format(ms)) = ms for tenths of milliseconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), (tenths) => {
        const ms = tenths / 10;
        return value(parseDuration(formatDuration(ms))) === ms;
      }),
    );
  });

  it('format(parse(text)) is canonical and parses to the same value', () => {
    const segment = (unit: string) =>
      fc.option(
        fc.nat({ max: 999 }).map((n) => `${n}${unit}`),
        { nil: '' },
      );
    const written = fc
      .tuple(segment('d'), segment('h'), segment('m'), segment('s'), segment('ms'))
      .map((parts) => parts.join(''))
      .filter((s) => s !== '');
    fc.assert(
      fc.property(written, (s) => {
        const ms = value(parseDuration(s));
        const canonical = formatDuration(ms);
        return (
          value(parseDuration(canonical)) === ms &&
          formatDuration(value(parseDuration(canonical))) === canonical
        );
      }),
    );
  });

  it('parse(format(bytes)) = bytes for whole bytes', () => {
    fc.assert(fc.property(fc.nat({ max: 10 ** 15 - 1 }), (b) => value(parseSize(formatSize(b))) === b));
  });

  it('decimal text converts exactly', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 6 }), fc.nat({ max: 999 }), (whole, millis) => {
        const text = `${whole}.${String(millis).padStart(3, '0')}`;
        return exactDecimal(text, 1000) === whole * 1000 + millis;
      }),
    );
  });
});
