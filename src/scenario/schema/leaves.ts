/**
 * Leaf schemas of the written format: quantities, numbers, enums and names.
 *
 * Contract: a leaf accepts exactly what its hand-written parser in ../quantities.ts accepts (the
 * patterns come from there) and words its own errors (what is wrong, what is allowed), so the
 * generic error map in ../schemaIssues.ts rarely has to. Ranges that depend on a unit conversion
 * (memory 128..10240 MB, timeout <= 900 s, ...) are checked after normalization, in ../rules/.
 */
import * as z from 'zod';
import type { Result } from '../../result.ts';
import { suggestion } from '../didYouMean.ts';
import {
  DURATION_HELP,
  DURATION_PATTERN,
  describeValue,
  FRACTION_HELP,
  gotText,
  MAX_BARE_NUMBER,
  PERCENT_HELP,
  PERCENT_PATTERN,
  parseDuration,
  parseDurationOrSeconds,
  parseFraction,
  parsePercentage,
  parseSize,
  parseSizeOrMb,
  SECONDS_HELP,
  SIZE_HELP,
  SIZE_PATTERN,
} from '../quantities.ts';
import { choice, named } from './registry.ts';

type RawIssue = z.core.$ZodRawIssue;

/** Error text for a quantity: "expected ..." when absent, else the parser's own diagnosis. */
const quantityError =
  (parse: (input: unknown) => Result<number, string>, help: string) =>
  (iss: RawIssue): string => {
    if (iss.input === undefined) return `expected ${help}`;
    const parsed = parse(iss.input);
    return parsed.ok ? `expected ${help}` : parsed.error;
  };

const byType = (input: unknown): number | undefined =>
  typeof input === 'number' ? 0 : typeof input === 'string' ? 1 : undefined;

/** `250ms`, `2s`, `5m`, `1h`, `1d`, `1m30s`, `1.5s`: a unit is required. */
export const duration = named(
  z.string({ error: quantityError(parseDuration, DURATION_HELP) }).regex(DURATION_PATTERN),
  'Duration',
  `A duration: ${DURATION_HELP}.`,
);

/** A duration, or a bare number of seconds (SAM `Timeout`, Artillery `duration`). */
export const durationOrSeconds = named(
  choice(
    [
      z
        .number({ error: quantityError(parseDurationOrSeconds, SECONDS_HELP) })
        .min(0)
        .max(MAX_BARE_NUMBER),
      z.string({ error: quantityError(parseDurationOrSeconds, SECONDS_HELP) }).regex(DURATION_PATTERN),
    ],
    byType,
    SECONDS_HELP,
  ),
  'DurationOrSeconds',
  `A duration: ${SECONDS_HELP}.`,
);

/** `128MB`, `1GB`, `20KB`, `1.5GB`: a unit is required. */
export const size = named(
  z.string({ error: quantityError(parseSize, SIZE_HELP) }).regex(SIZE_PATTERN),
  'Size',
  `A size: ${SIZE_HELP}.`,
);

const MB_HELP = `a number of MB or ${SIZE_HELP}`;
/** A size, or a bare number of MB (SAM `MemorySize`, `EphemeralStorage.Size`). */
export const sizeOrMb = named(
  choice(
    [
      z
        .number({ error: quantityError(parseSizeOrMb, MB_HELP) })
        .min(0)
        .max(MAX_BARE_NUMBER),
      size,
    ],
    byType,
    MB_HELP,
  ),
  'SizeOrMb',
  `A size: ${MB_HELP}.`,
);

const percentText = (parse: (input: unknown) => Result<number, string>, help: string) =>
  z
    .string({ error: quantityError(parse, help) })
    .regex(PERCENT_PATTERN)
    .refine((s) => parse(s).ok);

/** `0.001` or `0.1%`, 0..1. */
export const fraction = named(
  choice(
    [
      z
        .number({ error: quantityError(parseFraction, FRACTION_HELP) })
        .min(0)
        .max(1),
      percentText(parseFraction, FRACTION_HELP),
    ],
    byType,
    FRACTION_HELP,
  ),
  'Fraction',
  `A fraction: ${FRACTION_HELP}.`,
);

/** `95` (percent) or `95%`; the range is the caller's rule. */
export const percentage = named(
  choice(
    [
      z.number({ error: quantityError(parsePercentage, PERCENT_HELP) }).min(0),
      percentText(parsePercentage, PERCENT_HELP),
    ],
    byType,
    PERCENT_HELP,
  ),
  'Percentage',
  `A percentage: ${PERCENT_HELP}.`,
);

const rangeText = (kind: string, min: number, max?: number): string =>
  max === undefined ? `${kind} >= ${min}` : `${kind} from ${min} to ${max}`;

/** An integer in [min, max]. */
export function integer(min: number, max?: number) {
  const expected = rangeText('an integer', min, max);
  const error = (iss: RawIssue) =>
    iss.input === undefined
      ? `expected ${expected}`
      : `expected ${expected}, got ${describeValue(iss.input)}`;
  const base = z.number({ error }).int().min(min);
  return max === undefined ? base : base.max(max);
}

/** A number in [min, max] (a rate, a price). */
export function number(min: number, max?: number) {
  const expected = rangeText('a number', min, max);
  const error = (iss: RawIssue) =>
    iss.input === undefined
      ? `expected ${expected}`
      : `expected ${expected}, got ${describeValue(iss.input)}`;
  const base = z.number({ error }).min(min);
  return max === undefined ? base : base.max(max);
}

/** One of `values`, with a "did you mean" for near misses. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what = 'one of') {
  const list = values.join(', ');
  const error = (iss: RawIssue): string => {
    if (iss.input === undefined) return `expected ${what}: ${list}`;
    if (typeof iss.input !== 'string') return `expected ${what}: ${list}; got ${describeValue(iss.input)}`;
    return `'${iss.input}' is not allowed${suggestion(iss.input, values)}; expected ${what}: ${list}`;
  };
  return z.enum(values, { error });
}

export const boolean = z.boolean({
  error: (iss) =>
    iss.input === undefined
      ? 'expected true or false'
      : `expected true or false, got ${describeValue(iss.input)}`,
});

/** Names of functions and resources: as AWS function names, letters, digits, '-' and '_'. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_HELP = "letters, digits, '-' and '_', 1 to 64 characters";
export const name = z
  .string({ error: (iss) => `expected a name (${NAME_HELP}), got ${describeValue(iss.input)}` })
  .regex(NAME_PATTERN, { error: (iss) => `invalid name ${describeValue(iss.input)}: use ${NAME_HELP}` });

/** The name of another element (a traffic target, a proxy's database). */
export function reference(what: string) {
  return z.string({ error: (iss) => `expected the name of ${what}${gotText(iss.input)}` });
}

/** A scenario name (it names the report folder): like element names, plus dots after the first character. */
export const SCENARIO_NAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
export const scenarioName = z
  .string({
    error: (iss) =>
      `expected a name (${NAME_HELP}; dots allowed after the first character)${gotText(iss.input)}`,
  })
  .regex(SCENARIO_NAME_PATTERN, {
    error: (iss) =>
      `invalid name ${describeValue(iss.input)}: it names the report folder, so use ${NAME_HELP} (and dots after the first character)`,
  });

/** A non-empty free-form string. */
export const text = z.string({
  error: (iss) =>
    iss.input === undefined ? 'expected a string' : `expected a string, got ${describeValue(iss.input)}`,
});

/** A strict mapping: unknown keys are errors (reported with the allowed keys). */
export function mapping<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  const keys = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'invalid_type'
        ? iss.input === undefined
          ? `expected ${what} (keys: ${keys})`
          : `expected ${what} (keys: ${keys}), got ${describeValue(iss.input)}`
        : undefined,
  });
}

/** A list of `item`; `min` items at least. */
export function list<T extends z.ZodType>(item: T, what: string, min = 0) {
  const error = (iss: RawIssue): string | undefined => {
    if (iss.code === 'invalid_type') {
      return iss.input === undefined
        ? `expected a list of ${what}`
        : `expected a list of ${what}, got ${describeValue(iss.input)}`;
    }
    if (iss.code === 'too_small') return `the list is empty: expected at least ${min} of ${what}`;
    return undefined;
  };
  const base = z.array(item, { error });
  return min > 0 ? base.min(min) : base;
}
