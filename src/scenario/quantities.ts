/**
 * Hand-written parsing and formatting of written quantities (durations, sizes, fractions, percentages).
 *
 * Contract: every parser is pure, never throws, and returns either the value in the canonical unit
 * (durations in milliseconds, sizes in bytes, fractions in 0..1) or a message saying what is wrong
 * and what is allowed. Decimal text is converted exactly (digits * unit / 10^decimals), so `1.005s`
 * is 1005 ms, not 1004.9999999999999. The regular expressions exported here accept exactly the
 * strings the parsers accept (a property test checks it); the zod schema uses them so editors get
 * the same rules through the JSON Schema.
 */

import type { Result } from '../result.ts';
import { err, ok } from '../result.ts';
import { excerpt } from './excerpt.ts';

/** A decimal number of at most 15 digits on each side of the point (so every value is finite). */
const NUM = String.raw`(?:\d{1,15}(?:\.\d{1,15})?|\.\d{1,15})`;

/** Duration units, largest first; compound durations list each unit at most once, in this order. */
export const DURATION_UNITS = [
  { unit: 'd', ms: 86_400_000 },
  { unit: 'h', ms: 3_600_000 },
  { unit: 'm', ms: 60_000 },
  { unit: 's', ms: 1_000 },
  { unit: 'ms', ms: 1 },
] as const;

/** Size units: binary multiples, as AWS uses them (1 GB = 1024 MB). The IEC spellings are synonyms. */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

export const DURATION_PATTERN = new RegExp(
  `^(?=[\\d.])(?:${NUM}d)?(?:${NUM}h)?(?:${NUM}m)?(?:${NUM}s)?(?:${NUM}ms)?$`,
);
export const SIZE_PATTERN = new RegExp(`^${NUM}(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$`);
export const PERCENT_PATTERN = new RegExp(`^${NUM}%$`);

/** Bare numbers (seconds, MB) are limited like written digits, so every converted value is finite. */
export const MAX_BARE_NUMBER = 1e15;

export const DURATION_HELP = 'a duration with a unit: ms, s, m, h or d (e.g. 250ms, 2s, 5m, 1m30s, 1.5s)';
export const SECONDS_HELP = `a number of seconds or ${DURATION_HELP}`;
export const SIZE_HELP =
  'a size with a unit: B, KB, MB, GB or TB (e.g. 128MB, 1GB, 20KB, 1.5GB; 1 GB = 1024 MB)';
export const FRACTION_HELP = 'a fraction: a number from 0 to 1 (e.g. 0.001) or a percentage (e.g. 0.1%)';
export const PERCENT_HELP = 'a percentage: a number from 0 to 100 or a string such as 95%';

const SUGGESTED_UNITS: Readonly<Record<string, string>> = {
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  msec: 'ms',
  millis: 'ms',
  milliseconds: 'ms',
  S: 's',
  MS: 'ms',
  H: 'h',
  D: 'd',
};

/** `digits` (e.g. "1.005") times `unit`, computed as integer digits * unit / 10^decimals. */
export function exactDecimal(digits: string, unit: number): number {
  const dot = digits.indexOf('.');
  if (dot < 0) return Number(digits) * unit;
  const decimals = digits.length - dot - 1;
  const whole = `${digits.slice(0, dot)}${digits.slice(dot + 1)}`;
  const scaled = Number(whole);
  // Beyond 2^53 the integer trick loses digits anyway; fall back to plain arithmetic.
  if (!Number.isSafeInteger(scaled)) return Number(digits) * unit;
  return (scaled * unit) / 10 ** decimals;
}

/** Exact `n * unit` for a number written in YAML (uses its shortest decimal text). */
export function exactNumber(n: number, unit: number): number {
  const text = String(n);
  return /^\d+(?:\.\d+)?$/.test(text) ? exactDecimal(text, unit) : n * unit;
}

/** Numbers are limited to 15 digits before and after the point (the patterns say the same). */
function digitsProblem(digits: string, input: unknown): string | undefined {
  const [whole, frac = ''] = digits.split('.');
  return whole.length > 15 || frac.length > 15
    ? `${show(input)} has too many digits (at most 15 before and after the point)`
    : undefined;
}

const show = (input: unknown): string => (typeof input === 'string' ? `'${input}'` : String(input));

/** Parses `250ms`, `2s`, `5m`, `1h`, `1d`, `1m30s`, `1.5s` to milliseconds. */
export function parseDuration(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return err(`${show(input)} is not a duration; expected ${DURATION_HELP}`);
    if (input < 0) return err(`negative duration ${input}: expected ${DURATION_HELP}`);
    return err(`missing unit in ${input}: write ${input}ms or ${input}s; expected ${DURATION_HELP}`);
  }
  if (typeof input !== 'string') return err(`expected ${DURATION_HELP}, got ${describeValue(input)}`);
  const text = input;
  if (text === '') return err(`empty duration: expected ${DURATION_HELP}`);
  if (text.startsWith('-'))
    return err(`negative duration ${show(input)}: durations are >= 0; expected ${DURATION_HELP}`);
  if (/^\d+(?:\.\d+)?$|^\.\d+$/.test(text)) {
    return err(`missing unit in ${show(input)}: write ${text}ms or ${text}s; expected ${DURATION_HELP}`);
  }
  const segment = /(\d+(?:\.\d+)?|\.\d+)\s*([^\d\s.]*)/y;
  let pos = 0;
  let total = 0;
  let lastRank = -1;
  while (pos < text.length) {
    segment.lastIndex = pos;
    const m = segment.exec(text);
    if (!m || m[0] === '') return err(`${show(input)} is not a duration: expected ${DURATION_HELP}`);
    const [whole, digits, unit] = m;
    if (unit === '') return err(`missing unit after ${digits} in ${show(input)}: expected ${DURATION_HELP}`);
    const rank = DURATION_UNITS.findIndex((u) => u.unit === unit);
    if (rank < 0) {
      const hint = SUGGESTED_UNITS[unit] ?? SUGGESTED_UNITS[unit.toLowerCase()];
      const dym = hint ? ` (did you mean '${hint}'?)` : '';
      return err(`unknown unit '${unit}' in ${show(input)}${dym}; expected ${DURATION_HELP}`);
    }
    if (/\s/.test(whole)) return err(`${show(input)} has a space before its unit: write ${digits}${unit}`);
    const tooLong = digitsProblem(digits, input);
    if (tooLong) return err(tooLong);
    if (rank <= lastRank) {
      return err(
        `units out of order in ${show(input)}: write each unit once, largest first (e.g. 1h30m, 1m30s)`,
      );
    }
    lastRank = rank;
    total += exactDecimal(digits, DURATION_UNITS[rank].ms);
    pos += whole.length;
  }
  return ok(total);
}

/** A duration that may also be a bare number of seconds (`timeout`, `duration`, `phases[].duration`). */
export function parseDurationOrSeconds(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (input < 0) return err(`negative duration ${input}: durations are >= 0; expected ${SECONDS_HELP}`);
    if (!Number.isFinite(input) || input > MAX_BARE_NUMBER) {
      return err(
        `${show(input)} is too large: expected at most ${MAX_BARE_NUMBER} seconds, or ${DURATION_HELP}`,
      );
    }
    return ok(exactNumber(input, 1000));
  }
  const parsed = parseDuration(input);
  return parsed.ok
    ? parsed
    : err(parsed.error.replace(`expected ${DURATION_HELP}`, `expected ${SECONDS_HELP}`));
}

/** Parses `128MB`, `1GB`, `20KB`, `1.5GB`, `512B` to bytes (binary multiples). */
export function parseSize(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (input < 0) return err(`negative size ${input}: expected ${SIZE_HELP}`);
    return err(`missing unit in ${input}: write ${input}MB or ${input}KB; expected ${SIZE_HELP}`);
  }
  if (typeof input !== 'string') return err(`expected ${SIZE_HELP}, got ${describeValue(input)}`);
  const text = input;
  if (text.startsWith('-')) return err(`negative size ${show(input)}: sizes are >= 0; expected ${SIZE_HELP}`);
  const m = /^(\d+(?:\.\d+)?|\.\d+)(\s*)(.*)$/.exec(text);
  if (!m) return err(`${show(input)} is not a size: expected ${SIZE_HELP}`);
  const [, digits, space, unit] = m;
  if (unit === '')
    return err(`missing unit in ${show(input)}: write ${digits}MB or ${digits}KB; expected ${SIZE_HELP}`);
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) {
    const upper = unit.toUpperCase();
    const guess =
      SIZE_UNITS[upper] !== undefined ? upper : SIZE_UNITS[`${upper}B`] !== undefined ? `${upper}B` : '';
    const dym = guess ? ` (did you mean '${guess}'?)` : '';
    return err(`unknown unit '${unit}' in ${show(input)}${dym}; expected ${SIZE_HELP}`);
  }
  if (space !== '') return err(`${show(input)} has a space before its unit: write ${digits}${unit}`);
  const tooLong = digitsProblem(digits, input);
  if (tooLong) return err(tooLong);
  return ok(exactDecimal(digits, factor));
}

/** A size that may also be a bare number of MB (`memorySize`, `ephemeralStorageSize`). Returns bytes. */
export function parseSizeOrMb(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (input < 0)
      return err(`negative size ${input}: sizes are >= 0; expected a number of MB or ${SIZE_HELP}`);
    if (!Number.isFinite(input) || input > MAX_BARE_NUMBER) {
      return err(`${show(input)} is too large: expected at most ${MAX_BARE_NUMBER} MB, or ${SIZE_HELP}`);
    }
    return ok(exactNumber(input, SIZE_UNITS.MB));
  }
  return parseSize(input);
}

/** `0.001` or `0.1%` -> 0.001. Allowed range 0..1 (0%..100%). */
export function parseFraction(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0 || input > 1) {
      return err(`${show(input)} is outside 0..1: expected ${FRACTION_HELP}`);
    }
    return ok(input);
  }
  const pct = parsePercentText(input, FRACTION_HELP);
  if (!pct.ok) return pct;
  if (pct.value > 1) return err(`${show(input)} is above 100%: expected ${FRACTION_HELP}`);
  return pct;
}

/** A percentage: a number of percent (`95`) or `95%` -> 0.95. Range checks are the caller's. */
export function parsePercentage(input: unknown): Result<number, string> {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0)
      return err(`${show(input)} is not a percentage: expected ${PERCENT_HELP}`);
    return ok(exactNumber(input, 1) / 100);
  }
  return parsePercentText(input, PERCENT_HELP);
}

function parsePercentText(input: unknown, help: string): Result<number, string> {
  if (typeof input !== 'string') return err(`expected ${help}, got ${describeValue(input)}`);
  const text = input;
  if (text.startsWith('-')) return err(`negative value ${show(input)}: expected ${help}`);
  const m = /^(\d+(?:\.\d+)?|\.\d+)%$/.exec(text);
  if (!m) {
    if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(text))
      return err(`${show(input)} is a quoted number: write it unquoted or add '%'; expected ${help}`);
    return err(`${show(input)} is not a percentage: expected ${help}`);
  }
  const tooLong = digitsProblem(m[1], input);
  if (tooLong) return err(tooLong);
  return ok(exactDecimal(m[1], 1) / 100);
}

/** `, got <value>` for a present value, '' for an absent one. */
export const gotText = (input: unknown): string =>
  input === undefined ? '' : `, got ${describeValue(input)}`;

export function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `'${excerpt(input)}'`;
  if (typeof input === 'number') return String(input);
  return `${typeof input} ${String(input)}`;
}

/** Canonical text of a duration: `1h30m`, `1m30s`, `250ms`, `0ms`; fractional milliseconds as `1.5ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0ms';
  let rest = Math.floor(ms);
  const frac = ms - rest;
  let out = '';
  for (const { unit, ms: size } of DURATION_UNITS) {
    if (size === 1) break;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  if (rest > 0 || frac > 0) out += `${frac > 0 ? Number((rest + frac).toPrecision(15)) : rest}ms`;
  return out;
}

/** Canonical text of a size: the largest unit that divides it exactly (`1GB`, `1536MB`, `20KB`, `7B`). */
export function formatSize(bytes: number): string {
  for (const unit of ['TB', 'GB', 'MB', 'KB'] as const) {
    const f = SIZE_UNITS[unit];
    if (bytes >= f && Number.isInteger(bytes / f)) return `${bytes / f}${unit}`;
  }
  return `${bytes}B`;
}

/** A fraction as a percentage text (`0.001` -> `0.1%`). */
export function formatPercentExact(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))}%`;
}
