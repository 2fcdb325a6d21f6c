/**
 * EventBridge schedule expressions -> ScheduleSpec (EventBridge user guide, "Schedule expressions for
 * rules"):
 *
 *   rate(value unit)   value a positive integer; unit minute(s), hour(s), day(s); at least 1 minute.
 *                      (EventBridge wants the singular for 1 and the plural otherwise; both are accepted.)
 *   cron(minutes hours day-of-month month day-of-week year)
 *                      six fields; `*`, `,` lists, `-` ranges and `/` increments; months 1-12 or JAN-DEC,
 *                      days of week 1-7 (1 = Sunday) or SUN-SAT; exactly one of day-of-month and
 *                      day-of-week must be `?`. `L`, `W` and `#` are not supported by lamsim.
 *
 * Pure: returns the spec or a message saying what is wrong.
 */
import { err, ok, type Result } from '../../result.ts';
import type { ScheduleSpec } from '../types.ts';

const RATE_UNITS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: 2199 },
];

function value(text: string, field: Field): number | undefined {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}

/** One cron field -> sorted values, null for `?`, or a message. */
function parseField(text: string, field: Field): Result<number[] | null, string> {
  if (text === '?') return ok(null);
  if (/[LW#]/i.test(text.replace(/[A-Z]{3}/gi, (m) => (field.names?.includes(m.toUpperCase()) ? '' : m)))) {
    return err(`${field.name} '${text}': L, W and # are not supported by lamsim; list the values instead`);
  }
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0)
        return err(`${field.name} '${text}': the increment after / must be a positive integer`);
      step = Number(stepText);
    }
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*') {
      lo = field.min;
      hi = field.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = value(a, field);
      hi = value(b, field);
    } else {
      lo = value(range, field);
      hi = stepText === undefined ? lo : field.max;
    }
    if (lo === undefined || hi === undefined || lo > hi) {
      return err(
        `${field.name} '${text}': expected values from ${field.min} to ${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ''}`,
      );
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return ok([...values].sort((a, b) => a - b));
}

export function parseScheduleExpression(expression: string): Result<ScheduleSpec, string> {
  const text = expression.trim();
  const rate = /^rate\(\s*(\S+)\s+(\S+)\s*\)$/i.exec(text);
  if (rate) {
    const [, amount, unit] = rate;
    const perUnit = RATE_UNITS[unit.toLowerCase()];
    if (!/^\d+$/.test(amount) || Number(amount) === 0)
      return err(`rate(${amount} ${unit}): the value must be a positive integer`);
    if (perUnit === undefined)
      return err(`rate(${amount} ${unit}): the unit must be minute(s), hour(s) or day(s)`);
    return ok({ kind: 'rate', periodMs: Number(amount) * perUnit });
  }
  const cron = /^cron\((.*)\)$/i.exec(text);
  if (cron) {
    const parts = cron[1].trim().split(/\s+/);
    if (parts.length !== 6) {
      return err(
        `cron(${cron[1]}) has ${parts.length} fields; EventBridge takes 6: minutes hours day-of-month month day-of-week year`,
      );
    }
    const fields: (number[] | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const parsed = parseField(parts[i], FIELDS[i]);
      if (!parsed.ok) return err(`cron(${cron[1]}): ${parsed.error}`);
      if (parsed.value === null && i !== 2 && i !== 4) {
        return err(`cron(${cron[1]}): ${FIELDS[i].name} cannot be '?' (only day-of-month or day-of-week)`);
      }
      fields.push(parsed.value);
    }
    const [minutes, hours, daysOfMonth, months, daysOfWeek, years] = fields;
    // The loop refused '?' in these three; the check narrows their type.
    if (minutes === null || hours === null || months === null) {
      return err(`cron(${cron[1]}): only day-of-month or day-of-week can be '?'`);
    }
    if ((daysOfMonth === null) === (daysOfWeek === null)) {
      return err(`cron(${cron[1]}): exactly one of day-of-month and day-of-week must be '?'`);
    }
    return ok({
      kind: 'cron',
      minutes,
      hours,
      daysOfMonth,
      months,
      daysOfWeek,
      years: parts[5] === '*' ? null : years,
    });
  }
  return err(`'${expression}' is not a schedule expression: write rate(5 minutes) or cron(0 12 * * ? *)`);
}
