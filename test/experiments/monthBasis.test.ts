/**
 * `billing.month` end to end (issue 18 item 7): a scenario says how its window makes a month, the
 * run bills that month, and every monthly figure states the assumption (summary.json, the printed
 * summary, the report's cost note).
 */
import { describe, expect, it } from 'vitest';
import { baselineScenario } from '../../src/experiments/edits.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { simulate } from '../../src/model/world.ts';
import { summaryText } from '../../src/report/text.ts';
import { scenarioFrom } from './helpers.ts';

const burst = (month: string) =>
  scenarioFrom(`lamsim: 1
name: burst
seed: 3
duration: 10m
traffic: { target: f, phases: [{ duration: 10m, arrivalRate: 20 }] }
functions:
  f: { runtime: nodejs22.x, model: { init: 0ms, compute: 1ms, io: 20ms } }
resources:
  egress: { type: nat-gateway, azs: 2 }
billing: { month: ${month} }
`);

const requests = (lines: readonly { service: string; item: string; quantity: number }[]) =>
  lines
    .filter((l) => l.service === 'lambda' && l.item.startsWith('requests'))
    .reduce((s, l) => s + l.quantity, 0);

describe('billing.month in a run', () => {
  it('repeat is the default and the summary states it next to the monthly total', () => {
    const out = runScenario(burst('{ window: repeat }'));
    const window = requests(out.cost.window.lines);
    expect(requests(out.cost.monthly.lines)).toBeCloseTo(window * 4380, 6);
    expect(out.summary.cost.monthly.basis.assumption).toBe(
      'the 10 min window repeated 4,380 times to fill a 730-hour month',
    );
    const text = summaryText(out.summary);
    expect(text).toMatch(
      /per month at this rate \(730 h\)\n {14}month: the 10 min window repeated 4,380 times/,
    );
  });

  it('daily-profile: a 10-minute burst a day bills its traffic 30.42 times and the NAT gateway 730 h', () => {
    const out = runScenario(burst('{ window: daily-profile }'));
    const window = requests(out.cost.window.lines);
    expect(requests(out.cost.monthly.lines)).toBeCloseTo((window * 730) / 24, 6);
    const nat = out.cost.monthly.lines.find((l) => l.item === 'gateway hours')!;
    expect(nat.quantity).toBeCloseTo(1460, 9);
    expect(summaryText(out.summary)).toContain('per month (daily profile, 30.42 days)');
  });

  it('bursts with a baseline: the baseline is simulated for an hour and fills the rest of the month', () => {
    const s = burst('{ window: bursts, bursts: 20, baseline: 2 }');
    const out = runScenario(s);
    const base = simulate(baselineScenario(s, 2)).usage.lambda[0].requests;
    // A Poisson stream at 2/s for an hour: 7,200 arrivals, standard deviation 85.
    expect(Math.abs(base - 7200)).toBeLessThan(4 * Math.sqrt(7200));
    const window = requests(out.cost.window.lines);
    const restHours = 730 - 20 / 6;
    expect(requests(out.cost.monthly.lines)).toBeCloseTo(20 * window + restHours * base, 4);
    const nat = out.cost.monthly.lines.find((l) => l.item === 'gateway hours')!;
    expect(nat.quantity).toBeCloseTo(1460, 9);
    expect(out.summary.cost.monthly.basis).toMatchObject({
      window: 'bursts',
      baseline: { perSecond: 2, hours: restHours },
    });
    // Deterministic: the same scenario and seed give the same month.
    expect(runScenario(s).cost.monthly).toEqual(out.cost.monthly);
  });
});
