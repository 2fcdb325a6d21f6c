/**
 * Cron schedules that a monthly projection gets wrong: every `billing.month` basis makes a month of
 * copies of the simulated window, so a cron that fires on some days only (weekdays, days of the
 * month, months, years) is counted as if every day of the month were like the window's days. A
 * `cron(... ? * MON-FRI *)` in a one-hour window that starts on Monday 2024-01-01 fires in every
 * one of the 730 copies, weekends included.
 *
 * Contract: a schedule is listed when its calendar restriction spans more than the window (days of
 * the week: a window shorter than 7 days; days of the month, months or years: shorter than 365
 * days). The run says so next to the monthly figure (experiments/run.ts: `cost.monthly.basis.assumption`).
 * Pure.
 */
import type { EventSource } from '../../scenario/index.ts';

const DAY_MS = 86_400_000;

/** A cron schedule whose days the monthly projection repeats instead of following the calendar. */
export interface CalendarSchedule {
  readonly function: string;
  readonly expression: string;
  /** `some days of the week (MON-FRI)`, `some days of the month (1,15)`, ... */
  readonly restriction: string;
}

/** The fields of a cron expression: minutes hours day-of-month month day-of-week year. */
const cronFields = (expression: string): string[] =>
  expression
    .replace(/^cron\(|\)$/g, '')
    .trim()
    .split(/\s+/);

export function calendarSchedules(
  functions: readonly { readonly name: string; readonly events: readonly EventSource[] }[],
  windowMs: number,
): CalendarSchedule[] {
  const out: CalendarSchedule[] = [];
  for (const fn of functions) {
    for (const e of fn.events) {
      if (e.kind !== 'schedule' || e.schedule.kind !== 'cron') continue;
      const s = e.schedule;
      const [, , dom, month, dow, year] = cronFields(e.expression);
      const parts: string[] = [];
      if (windowMs < 7 * DAY_MS && s.daysOfWeek !== null && s.daysOfWeek.length < 7)
        parts.push(`some days of the week (${dow})`);
      if (windowMs < 365 * DAY_MS) {
        if (s.daysOfMonth !== null && s.daysOfMonth.length < 31)
          parts.push(`some days of the month (${dom})`);
        if (s.months.length < 12) parts.push(`some months (${month})`);
        if (s.years !== null) parts.push(`some years (${year})`);
      }
      if (parts.length > 0)
        out.push({ function: fn.name, expression: e.expression, restriction: parts.join(', ') });
    }
  }
  return out;
}

/** One sentence for the monthly figure, or undefined when no schedule needs one. */
export function calendarCaveat(schedules: readonly CalendarSchedule[]): string | undefined {
  if (schedules.length === 0) return undefined;
  const which = schedules.map((s) => `${s.function}'s ${s.expression} fires on ${s.restriction} only`);
  return `⚠ ${which.join('; ')}: the month repeats the window's days, not the calendar, so these firings are overcounted or missed`;
}
