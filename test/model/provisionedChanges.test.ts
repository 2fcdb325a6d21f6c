/**
 * Provisioned concurrency over time (Lambda developer guide "Configuring provisioned concurrency",
 * Application Auto Scaling for Lambda; awsdocs/aws-lambda-developer-guide doc_source/provisioned-concurrency.md at a83f69b; https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html):
 * - a scheduled action changes the level; new environments serve after allocation plus INIT;
 * - target tracking on LambdaProvisionedConcurrencyUtilization at 70%: scale out after 3 one-minute
 *   points above the target, scale in after 15 below 90% of it; the metric is busy / ready
 *   provisioned environments, so a saturated level grows by about 1/0.7 per step;
 * - provisioned concurrency is billed for the time it is configured, level by level.
 * Deterministic traffic (uniform arrivals of 1 s requests) keeps the busy count steady.
 */
import { describe, expect, it } from 'vitest';
import { fn, run, yaml } from '../helpers/run.ts';

const provisioned = (duration: string, phases: string, pc: string) => yaml`
  lamsim: 1
  duration: ${duration}
  traffic: { target: f, mode: uniform, phases: [${phases}] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      reservedConcurrency: 100
      provisionedConcurrency:
        ${pc}
      model: { init: 500ms, compute: 1s }
`;

describe('provisioned concurrency changes', () => {
  it('a scheduled action provisions environments after the allocation time, bills the window', () => {
    const out = run(
      provisioned(
        '8m',
        '{ duration: 8m, arrivalRate: 5 }',
        'allocationTime: 1m\n        schedule: [{ start: 2m, end: 5m, concurrency: 10 }]',
      ),
    );
    const f = fn(out);
    expect(f.provisioned?.intervals).toEqual([{ concurrency: 10, durationMs: 180_000 }]);
    expect(out.run.usage.lambda[0].provisionedIntervals).toEqual([{ concurrency: 10, durationMs: 180_000 }]);
    // Ready at 3 m 0.5 s; from then to 5 m requests run on provisioned environments.
    const usage = out.run.usage.lambda[0];
    expect(usage.provisionedBilledMs).toBeGreaterThan(0.9 * (5 * 119.5 * 1000 + 10 * 500));
    expect(f.environments.created).toBe(f.coldStarts + 10);
  });

  it('bills each span from enabling to disabling rounded up to 5 minutes, not each level', () => {
    // 5 from 1 m, 30 from 12 m, disabled at 84 m: one 83-minute span, billed as 85 minutes with
    // the 2 extra at 30 (each level rounded on its own would bill 15 + 75 minutes).
    const out = run(
      provisioned(
        '90m',
        '{ duration: 90m, arrivalRate: 1 }',
        'schedule: [{ start: 1m, end: 12m, concurrency: 5 }, { start: 12m, end: 84m, concurrency: 30 }]',
      ),
    );
    const intervals = out.run.usage.lambda[0].provisionedIntervals;
    expect(intervals).toEqual([
      { concurrency: 5, durationMs: 11 * 60_000, stillEnabled: true },
      { concurrency: 30, durationMs: 72 * 60_000 },
    ]);
    const pc = out.cost.window.lines.find((l) => l.item === 'provisioned concurrency x86_64');
    expect(pc?.quantity).toBeCloseTo(((5 * 11 + 30 * 74) * 60 * 1769) / 1024, 6);
  });

  it('target tracking scales out step by step to ceil(busy / 0.7), and back in when idle', () => {
    const f = fn(
      run(
        provisioned(
          '60m',
          '{ duration: 35m, arrivalRate: 20 }, { pause: 25m }',
          'autoScaling: { minimum: 2, maximum: 50 }',
        ),
      ),
    );
    const levels = f.provisioned!.intervals.map((i) => i.concurrency);
    // 20 busy: 2 -> 3 -> 5 -> 8 -> 12 -> 18 -> 26 -> 29 (each step ceil(level / 0.7), 3 points
    // apart), then 15 idle minutes back to the minimum.
    expect(levels).toEqual([2, 3, 5, 8, 12, 18, 26, 29, 2]);
    expect(f.provisioned!.intervals.slice(0, 7).every((i) => i.durationMs === 180_000)).toBe(true);
    expect(f.provisioned?.scaleOuts).toBe(7);
    expect(f.provisioned?.scaleIns).toBe(1);
  });

  it('auto scaling opens at the configured concurrency, brought inside [minimum, maximum]', () => {
    // RegisterScalableTarget "changes the resource's current capacity to a value that is inside of
    // this range"; a 5-minute window has too few points to scale in (15 needed). 1 busy of 4 (5/s
    // of 100 ms, below 70%): the level stays 4, billed 4 x 1769 MB x 300 s. It used to open at the
    // minimum (2) while reporting a peak of 4.
    const opens = (pc: string) => {
      const out = run(
        provisioned('5m', '{ duration: 5m, arrivalRate: 5 }', pc).replace('compute: 1s', 'compute: 100ms'),
      );
      const f = fn(out);
      const line = out.cost.window.lines.find((l) => l.item === 'provisioned concurrency x86_64');
      return { f, levels: f.provisioned!.intervals.map((i) => i.concurrency), gbS: line?.quantity };
    };
    const four = opens('concurrency: 4\n        autoScaling: { minimum: 2, maximum: 50 }');
    expect(four.levels).toEqual([4]);
    expect(four.f.provisioned?.peakLevel).toBe(4);
    expect(four.gbS).toBeCloseTo((4 * 1769 * 300) / 1024, 9);
    expect(four.f.environments.created).toBeGreaterThanOrEqual(4);
    // Below the minimum: raised to it; above the maximum: lowered to it; none given: the minimum.
    expect(opens('concurrency: 1\n        autoScaling: { minimum: 3, maximum: 50 }').levels).toEqual([3]);
    const capped = opens('concurrency: 9\n        autoScaling: { minimum: 1, maximum: 6 }');
    expect(capped.levels).toEqual([6]);
    expect(capped.f.provisioned?.peakLevel).toBe(6);
    expect(opens('autoScaling: { minimum: 2, maximum: 50 }').levels).toEqual([2]);
  });

  it('a short burst does not trigger scale-out (3 data points needed)', () => {
    const f = fn(
      run(
        provisioned(
          '10m',
          '{ duration: 2m, arrivalRate: 20 }, { pause: 8m }',
          'autoScaling: { minimum: 2, maximum: 50 }',
        ),
      ),
    );
    expect(f.provisioned?.scaleOuts).toBe(0);
  });

  it('recycling at the maximum lifetime keeps provisioned capacity: the replacement initialises first', () => {
    // AWS "periodically recycles" provisioned environments and keeps them initialised: with a
    // 10-minute lifetime, 5 environments are replaced at 10 and 20 minutes without a cold start.
    const out = run(yaml`
      lamsim: 1
      duration: 25m
      platform: { maxLifetime: 10m }
      traffic: { target: f, mode: uniform, phases: [{ duration: 25m, arrivalRate: 3 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1769
          reservedConcurrency: 10
          provisionedConcurrency: 5
          model: { init: 2s, compute: 1s }
    `);
    const f = fn(out);
    expect(f.coldStarts).toBe(0);
    expect(out.run.functions[0].provisionedInits).toBe(15);
    expect(f.environments.retired).toBe(10);
  });
});
