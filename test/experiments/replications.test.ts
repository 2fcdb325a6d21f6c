/**
 * `run --replications R` (issue 15, step 3): replication r's seed is replicationSeed(seed, r) (the
 * seeds plan and diff use), replication 1 is the plain run, the result is deterministic, and the
 * Student t intervals cover what theory says in about the stated share of cases: over many
 * independent groups of replications, the number of intervals covering the true value is checked
 * against the binomial distribution of an exact interval (a tail probability below 0.001 fails),
 * at 95 % and at 50 % (an interval too wide would cover too often at 50 %). The true values: the
 * mean number of Poisson arrivals, λT, and the throttle share of reserved concurrency as a loss
 * system, Erlang B(c, λE[S]) (test/validation/erlangB.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  figureInterval,
  poolRunner,
  replicationScenario,
  replicationSeed,
  replicationsSummary,
  runReplications,
  withReplications,
} from '../../src/experiments/index.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { summaryFigures, summaryJson } from '../../src/results/index.ts';
import { erlangB } from '../helpers/queueing.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';

// λ = 50/s for 30 s, c = 5 environments, E[S] = 100 ms: 5 Erlangs offered, no INIT, no retries.
const RATE = 50;
const WINDOW_S = 30;
const LOSS = scenarioFrom(yaml`
  lamsim: 1
  name: loss
  seed: 7
  duration: ${WINDOW_S}s
  account: { concurrentExecutions: 1000, scaling: unlimited }
  platform: { idleTimeout: 1h }
  traffic: { target: f, retry: { maxAttempts: 1 }, phases: [{ duration: ${WINDOW_S}s, arrivalRate: ${RATE} }] }
  functions:
    f:
      runtime: nodejs22.x
      memorySize: 1769
      timeout: 60
      reservedConcurrency: 5
      model: { init: 0ms, preInit: 0ms, compute: { dist: exponential, mean: 100ms }, io: 0ms }
`);

/** P(X <= k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return sum;
}

describe('replication seeds and the plain run', () => {
  it('replication r runs with replicationSeed(seed, r); replication 0 is the scenario itself', () => {
    expect(replicationScenario(LOSS, 0)).toBe(LOSS);
    expect(replicationScenario(LOSS, 3).seed).toBe(replicationSeed(7, 3));
    expect(replicationScenario(LOSS, 3).seed).not.toBe(7);
  });

  it('R = 1 is the plain run, byte for byte; R = 4 is replication 1 plus the block, the same bytes twice', async () => {
    const plain = summaryJson(runScenario(LOSS).summary);
    expect(summaryJson((await runReplications(LOSS, 1)).summary)).toBe(plain);
    const a = await runReplications(LOSS, 4);
    const b = await runReplications(LOSS, 4);
    expect(summaryJson(a.summary)).toBe(summaryJson(b.summary));
    const { replications, ...first } = a.summary;
    expect(summaryJson(first)).toBe(plain);
    expect(replications?.count).toBe(4);
    expect(replications?.seeds).toEqual([0, 1, 2, 3].map((r) => replicationSeed(7, r)));
    // Each figure's mean is the mean of the four runs' values.
    const runs = [0, 1, 2, 3].map((r) => summaryFigures(runScenario(replicationScenario(LOSS, r)).summary));
    const path = 'functions.f.invocations.arrived';
    const values = runs.map((f) => f.get(path) as number);
    expect(replications?.figures[path].mean).toBe(values.reduce((x, y) => x + y, 0) / 4);
    expect(new Set(values).size).toBeGreaterThan(1);
    expect(Object.keys(replications?.figures ?? {})).toEqual([...runs[0].keys()]);
  });

  it('a worker pool gives the same bytes as in-process', async () => {
    const pool = poolRunner({
      workerFile: new URL('../../src/experiments/worker.ts', import.meta.url).pathname,
      threads: 2,
      execArgv: ['--import', 'tsx'],
    });
    try {
      const pooled = await runReplications(LOSS, 5, { runner: pool });
      const local = await runReplications(LOSS, 5, { workers: 1 });
      expect(summaryJson(pooled.summary)).toBe(summaryJson(local.summary));
    } finally {
      await pool.close();
    }
  });

  it('withReplications refuses summaries that do not start with the run it decorates', () => {
    const first = runScenario(LOSS);
    const other = runScenario(replicationScenario(LOSS, 1)).summary;
    expect(() => withReplications(first, [other, first.summary])).toThrow(/first replication/);
  });
});

describe('the interval', () => {
  it('is mean ± t(0.975, n - 1) · s / √n: 1..5 gives 3 ± 2.776 · √0.5', () => {
    const f = figureInterval([1, 2, 3, 4, 5], 0.95);
    expect(f.mean).toBe(3);
    expect(f.halfWidth).toBeCloseTo(2.7764451 * Math.sqrt(0.5), 6);
    expect(f.low).toBeCloseTo(3 - f.halfWidth, 12);
    expect(f.high).toBeCloseTo(3 + f.halfWidth, 12);
    expect(figureInterval([2, 2, 2], 0.95)).toEqual({
      mean: 2,
      low: 2,
      high: 2,
      halfWidth: 0,
    });
  });

  it('a bill line some replications lack counts 0 there; other missing figures are listed as omitted', () => {
    const a = runScenario(LOSS).summary;
    const b = runScenario(replicationScenario(LOSS, 1)).summary;
    const [line] = a.cost.window.lines;
    const bWithout = {
      ...b,
      cost: {
        ...b.cost,
        window: { ...b.cost.window, lines: b.cost.window.lines.slice(1) },
      },
      functions: {},
    };
    const block = replicationsSummary([a, bWithout]);
    const path = `cost.window.lines[${line.service}/${line.item}].usd`;
    expect(block.figures[path].mean).toBe(line.usd / 2);
    expect(block.omitted).toContain('functions.f.latencyMs.p99');
    expect(block.figures['functions.f.latencyMs.p99']).toBeUndefined();
  });
});

describe('coverage: the intervals cover the true value in about the stated share of cases', () => {
  const GROUPS = 200;
  const R = 4;
  const groups = Array.from({ length: GROUPS }, (_, g) =>
    Array.from(
      { length: R },
      (_, r) => runScenario(replicationScenario({ ...LOSS, seed: 1000 + g }, r)).summary,
    ),
  );
  const truths = {
    'functions.f.invocations.arrived': RATE * WINDOW_S,
    'functions.f.throttleRate': erlangB(5, RATE * 0.1),
  };
  for (const confidence of [0.95, 0.5]) {
    it.each(Object.entries(truths))(`${confidence * 100} %: %s`, (path, truth) => {
      const covered = groups.filter((summaries) => {
        const f = replicationsSummary(summaries, confidence).figures[path];
        return f.low <= truth && truth <= f.high;
      }).length;
      const below = binomialCdf(covered, GROUPS, confidence);
      const above = 1 - binomialCdf(covered - 1, GROUPS, confidence);
      expect({ covered, below: below > 0.001, above: above > 0.001 }).toEqual({
        covered,
        below: true,
        above: true,
      });
    });
  }
});
