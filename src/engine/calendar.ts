/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01, UTC), from Howard
 * Hinnant's "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days). Pure
 * integer arithmetic, no Date: exact for every year, so schedules and log timestamps agree.
 */

/** Days from 1970-01-01 to year-month-day (month 1..12, day 1..31). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The civil date of a day number (inverse of daysFromCivil): year, month 1..12, day 1..31 and
 * weekday 0..6 (Sunday = 0; 1970-01-01 was a Thursday).
 */
export function civilDate(days: number): { year: number; month: number; day: number; weekday: number } {
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
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7;
  return { year, month, day, weekday };
}
