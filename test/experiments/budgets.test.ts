/**
 * Budget logic: a figure equal to its budget holds and one a hair above breaks; relative budgets
 * need a base and compare with base x (1 + N%); scenario-wide per-function budgets take the worst
 * function; a figure the run does not produce (a function not invoked in the window) breaks its
 * budget, unless only the base of a relative budget lacks it; replications are averaged.
 */
import { describe, expect, it } from 'vitest';
import { type BudgetCheck, checkBudgets } from '../../src/experiments/index.ts';
import type { Budget, BudgetMetric } from '../../src/scenario/index.ts';
import { run } from '../helpers/run.ts';
import { BURST_YAML, databaseYaml, TWO_FUNCTIONS_YAML } from '../report/fixtures.ts';

const absolute = (metric: BudgetMetric, max: number, fn: string | null = null): Budget => ({
  metric,
  function: fn,
  limit: { kind: 'absolute', max },
  key: `budgets.${fn ? `functions.${fn}.` : ''}${metric}`,
});
/** api invoked asynchronously, with an on-failure destination that never fires (no errors). */
const UNINVOKED_DESTINATION_YAML = `lamsim: 1
duration: 1m
functions:
  api:
    runtime: nodejs22.x
    model: { compute: 10ms }
    destinations: { onFailure: cleanup }
  cleanup:
    runtime: nodejs22.x
traffic:
  target: api
  via: async
  phases:
    - { duration: 1m, arrivalRate: 5 }
`;
const relative = (metric: BudgetMetric, maxIncrease: number, fn: string | null = null): Budget => ({
  metric,
  function: fn,
  limit: { kind: 'relative', maxIncrease },
  key: `budgets.${fn ? `functions.${fn}.` : ''}${metric}`,
});
const one = (
  budget: Budget,
  ...args: Parameters<typeof checkBudgets> extends [unknown, ...infer R] ? R : never
): BudgetCheck => checkBudgets([budget], ...args)[0];

describe('absolute budgets on one run', () => {
  const burst = run(BURST_YAML).summary;
  const f = burst.functions.api;

  it("the figures are the summary's: throttle rate, p99, cold-start rate, monthly bill", () => {
    expect(f.throttleRate).toBeGreaterThan(0);
    expect(one(absolute('throttleRate', 1), [burst]).value).toBe(
      f.invocations.throttled / f.invocations.arrived,
    );
    expect(one(absolute('p99', 1e9), [burst]).value).toBe(f.latencyMs.p99);
    expect(one(absolute('coldStartRate', 1, 'api'), [burst]).value).toBe(f.coldStartRate);
    expect(one(absolute('monthlyCostUsd', 1e9), [burst]).value).toBe(burst.cost.monthly.totalUsd);
  });

  it('equal to the budget holds; above it breaks (the boundary belongs to the budget)', () => {
    for (const [metric, value] of [
      ['throttleRate', f.throttleRate],
      ['p99', f.latencyMs.p99],
      ['monthlyCostUsd', burst.cost.monthly.totalUsd],
    ] as const) {
      expect(one(absolute(metric, value), [burst]).status, metric).toBe('within');
      expect(one(absolute(metric, value * (1 - 1e-9)), [burst]).status, metric).toBe('broken');
    }
  });

  it('a figure the run does not produce breaks the budget: it cannot be checked', () => {
    const c = one(absolute('dbConnectionErrors', 0), [burst]);
    expect(c).toMatchObject({ status: 'broken', value: null });
  });

  it('database connection errors count refused connections', () => {
    const direct = run(databaseYaml('direct')).summary;
    const db = direct.resources.db as { connectionErrors: number };
    expect(db.connectionErrors).toBeGreaterThan(0);
    expect(one(absolute('dbConnectionErrors', 0), [direct])).toMatchObject({
      status: 'broken',
      value: db.connectionErrors,
    });
  });

  it('relative budgets need a base: lamsim check cannot judge them', () => {
    expect(one(relative('monthlyCostUsd', 0.1), [burst])).toMatchObject({
      status: 'needs-base',
      limit: null,
    });
  });
});

describe('scenario-wide budgets of per-function figures', () => {
  const two = run(TWO_FUNCTIONS_YAML).summary;
  it('take the worst function', () => {
    const p99 = Object.entries(two.functions).map(([name, f]) => [name, f.latencyMs.p99] as const);
    const worst = p99.reduce((a, b) => (b[1] > a[1] ? b : a));
    const c = one(absolute('p99', 1e9), [two]);
    expect(c.value).toBe(worst[1]);
    expect(c.function).toBe(worst[0]);
  });
});

describe('a function the run never invoked', () => {
  // worker's on-failure destination: reachable, but worker never fails, so cleanup never runs.
  const summary = run(UNINVOKED_DESTINATION_YAML).summary;
  const cleanup = summary.functions.cleanup;

  it('has no figure, so its budgets break, latency and rates alike', () => {
    expect(cleanup?.invocations.arrived ?? 0).toBe(0);
    expect(summary.functions.api.invocations.arrived).toBeGreaterThan(0);
    for (const metric of ['p99', 'errorRate', 'throttleRate', 'coldStartRate', 'timeoutRate'] as const) {
      expect(one(absolute(metric, 1e9, 'cleanup'), [summary]), metric).toMatchObject({
        status: 'broken',
        value: null,
      });
      expect(one(relative(metric, 10, 'cleanup'), [summary], [summary]).status, metric).toBe('broken');
    }
    expect(one(absolute('errorRate', 0, 'api'), [summary]).status).toBe('within');
  });

  it('a relative budget whose base never invoked the function is not measured, not broken', () => {
    const c = one(
      relative('errorRate', 0.1, 'api'),
      [summary],
      [run(UNINVOKED_DESTINATION_YAML.replace('target: api', 'target: cleanup')).summary],
    );
    expect(c).toMatchObject({ status: 'not-measured', baseValue: null, value: 0 });
  });
});

describe('budgets against a base (lamsim diff)', () => {
  const base = run(BURST_YAML).summary;
  const head = run(BURST_YAML.replace('reservedConcurrency: 10', 'reservedConcurrency: 100')).summary;

  it('relative: at most base x (1 + N%)', () => {
    const ratio = head.cost.monthly.totalUsd / base.cost.monthly.totalUsd;
    expect(ratio).toBeGreaterThan(1.2); // the throttled requests now run and are billed
    const tight = one(relative('monthlyCostUsd', 0.1), [head], [base]);
    expect(tight).toMatchObject({ status: 'broken', baseValue: base.cost.monthly.totalUsd });
    expect(tight.limit).toBeCloseTo(base.cost.monthly.totalUsd * 1.1, 9);
    expect(one(relative('monthlyCostUsd', ratio - 1 + 1e-9), [head], [base]).status).toBe('within');
  });

  it('a figure that falls meets any relative budget, even +0%', () => {
    expect(head.functions.api.throttleRate).toBeLessThan(base.functions.api.throttleRate);
    expect(one(relative('throttleRate', 0, 'api'), [head], [base]).status).toBe('within');
  });

  it('replications are averaged', () => {
    const c = one(absolute('monthlyCostUsd', 1e9), [base, head]);
    expect(c.value).toBeCloseTo((base.cost.monthly.totalUsd + head.cost.monthly.totalUsd) / 2, 9);
    expect(c.replications).toBe(2);
  });
});
