/**
 * Timestamps as the log exports write them -> epoch milliseconds (UTC). Pure (no Date): the
 * calendar arithmetic is the engine's (Howard Hinnant's days-from-civil, exact for the proleptic
 * Gregorian calendar).
 *
 * Accepted: ISO 8601 date-times `2024-05-15T20:15:12.345Z` (Lambda's application lines),
 * `2024-05-15T20:15:12.345000+00:00` (`aws logs tail --format detailed`), `2024-05-15T20:15:12`
 * (`--format short`, whole seconds), `2024-05-15 20:15:12.345` (Logs Insights; no zone means UTC);
 * and epoch milliseconds as digits (`1715804112345`, filter-log-events' `timestamp`). Fractions
 * finer than a millisecond are kept as fractional milliseconds.
 */

import { daysFromCivil } from '../engine/index.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of an ISO-like date-time, or undefined when `text` is not one. */
export function parseIsoTimestampMs(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let offsetMin = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const days = daysFromCivil(year, month, day);
  const ms = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction;
  return Math.round((ms - offsetMin * 60_000) * 1000) / 1000;
}

/** Epoch ms from a number or a string (digits = epoch ms; else ISO), or undefined. */
export function parseTimestampMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{9,16}$/.test(text)) return Number(text);
  return parseIsoTimestampMs(text);
}

/** The leading timestamp token of a text line and the rest after it, or undefined. */
export function splitLeadingTimestamp(line: string): { timestampMs: number; rest: string } | undefined {
  // `2024-05-15 20:15:12.345` holds a space: try the two-token form first.
  const two = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)(?:\s+|$)/.exec(line);
  const one = two ?? /^(\S+)(?:\s+|$)/.exec(line);
  if (!one) return undefined;
  const timestampMs = parseIsoTimestampMs(one[1]);
  if (timestampMs === undefined) return undefined;
  return { timestampMs, rest: line.slice(one[0].length) };
}
