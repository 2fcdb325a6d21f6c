/**
 * Timestamps as the log exports write them -> epoch milliseconds (UTC). Pure (no Date): the
 * calendar arithmetic is Howard Hinnant's days-from-civil, exact for the proleptic Gregorian
 * calendar.
 *
 * Accepted: ISO 8601 date-times `2024-05-15T20:15:12.345Z` (Lambda's application lines),
 * `2024-05-15T20:15:12.345000+00:00` (`aws logs tail --format detailed`), `2024-05-15T20:15:12`
 * (`--format short`, whole seconds), `2024-05-15 20:15:12.345` (Logs Insights; no zone means UTC);
 * and epoch milliseconds as digits (`1715804112345`, filter-log-events' `timestamp`). Fractions
 * finer than a millisecond are kept as fractional milliseconds.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Days from 1970-01-01 to year-month-day (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Howard Hinnant's civil-from-days (inverse of daysFromCivil). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

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
