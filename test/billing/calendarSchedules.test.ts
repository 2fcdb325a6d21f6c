/**
 * A monthly bill makes a month of copies of the window, so a cron that fires on some days only is
 * counted as if every day were like the window's (the window starts on Monday 2024-01-01). The
 * monthly figure says so (`cost.monthly.basis.assumption`) for the schedules whose calendar is longer
 * than the window, and only for them.
 */
import { describe, expect, it } from 'vitest';
import { calendarSchedules } from '../../src/billing/index.ts';
import { run, scenarioFrom } from '../helpers/run.ts';

const scenario = (duration: string, ...schedules: string[]) => `
lamsim: 1
duration: ${duration}
functions:
  job:
    runtime: python3.12
    model: { compute: 10ms }
    events:
${schedules.map((s) => `      - schedule: ${s}`).join('\n')}
`;

describe('cron schedules whose calendar the monthly projection does not follow', () => {
  it('a weekday-only cron in a one-hour Monday window: the monthly figure says it repeats the window', () => {
    const out = run(scenario('1h', 'cron(0/2 * ? * MON-FRI *)'));
    // 30 firings in the Monday hour; the month repeats them 730 times, weekends included.
    expect(out.summary.functions.job.invocations.arrived).toBe(30);
    expect(out.cost.monthly.basis.assumption).toBe(
      "the 60 min window repeated 730 times to fill a 730-hour month; ⚠ job's cron(0/2 * ? * MON-FRI *) fires on some days of the week (MON-FRI) only: the month repeats the window's days, not the calendar, so these firings are overcounted or missed",
    );
  });

  it('lists each kind of calendar restriction, and none for rates, daily crons or a window of a week', () => {
    const s = scenarioFrom(
      scenario(
        '1d',
        'rate(5 minutes)',
        'cron(0 9 * * ? *)',
        'cron(0 9 ? * SAT *)',
        'cron(0 0 1,15 * ? *)',
        'cron(0 0 ? JAN-MAR MON *)',
      ),
    );
    expect(calendarSchedules(s.functions, s.durationMs).map((c) => c.restriction)).toEqual([
      'some days of the week (SAT)',
      'some days of the month (1,15)',
      'some days of the week (MON), some months (JAN-MAR)',
    ]);
    const week = scenarioFrom(scenario('7d', 'cron(0 9 ? * MON-FRI *)'));
    expect(calendarSchedules(week.functions, week.durationMs)).toEqual([]);
    expect(run(scenario('1h', 'rate(1 minute)')).cost.monthly.basis.assumption).not.toContain('⚠');
  });
});
