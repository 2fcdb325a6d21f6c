import { describe, expect, it } from 'vitest';
import { civilDate, daysFromCivil } from '../../src/engine/calendar.ts';

describe('calendar (Hinnant days_from_civil / civil_from_days)', () => {
  it('knows fixed dates: the epoch, a leap day, the Gregorian 400-year rule', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2024, 1, 1)).toBe(19723);
    expect(civilDate(daysFromCivil(2024, 2, 29))).toEqual({ year: 2024, month: 2, day: 29, weekday: 4 });
    // 2000 is a leap year (divisible by 400), 1900 is not (divisible by 100).
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
    expect(civilDate(-1)).toEqual({ year: 1969, month: 12, day: 31, weekday: 3 });
  });

  it('round-trips every day from 1600 to 2400, weekdays advancing by one', () => {
    const first = daysFromCivil(1600, 1, 1);
    const last = daysFromCivil(2400, 12, 31);
    let previous = civilDate(first - 1).weekday;
    for (let d = first; d <= last; d++) {
      const c = civilDate(d);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(d);
      expect(c.weekday).toBe((previous + 1) % 7);
      previous = c.weekday;
    }
  });
});
