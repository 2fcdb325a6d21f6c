/**
 * A plan does not depend on how its runs are scheduled (issue 14 item 5): the breaking-point
 * search, the target's recommendation and every knob's search run at once, on whatever runner, and
 * give the plan of one evaluation after the other, byte for byte, with the same number of runs.
 */
import { describe, expect, it } from 'vitest';
import { peakRate } from '../../src/experiments/edits.ts';
import { plan } from '../../src/experiments/plan/index.ts';
import { inProcessRunner, poolRunner, type Runner } from '../../src/experiments/runners.ts';
import { planJson } from '../../src/report/plan/index.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

// Throttled at the target (10 reserved environments for 100 req/s of requests that take 100 ms
// or more, half of it CPU): the plan searches the breaking point and, at the target, two remedies
// (reserved concurrency, and memory, which shortens the CPU part).
const throttled = scenarioFrom(
  oneFunction(
    {
      compute: '50ms',
      io: '{ dist: exponential, mean: 50ms }',
      memory: 1024,
      extra: 'reservedConcurrency: 10',
      attempts: 1,
    },
    20,
    '1m',
    'poisson',
  ),
);
const options = { slo: [{ metric: 'throttleRate' as const, max: 0.02 }], targetRate: 100 };

/** One batch at a time, in the order asked: the serial schedule. */
function serialRunner(): Runner & { readonly batches: number } {
  const inner = inProcessRunner();
  let queue: Promise<unknown> = Promise.resolve();
  let batches = 0;
  return {
    description: 'serial',
    get batches() {
      return batches;
    },
    run(scenarios) {
      const result = queue.then(() => {
        batches++;
        return inner.run(scenarios);
      });
      queue = result;
      return result;
    },
    close: () => inner.close(),
  };
}

/** Finishes batches out of the order asked: each waits 0, 10 or 20 ms before it runs. */
function scramblingRunner(): Runner {
  const inner = inProcessRunner();
  let calls = 0;
  return {
    description: 'scrambling',
    async run(scenarios) {
      const delayMs = 10 * (2 - (calls++ % 3));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return inner.run(scenarios);
    },
    close: () => inner.close(),
  };
}

/**
 * In-process, with runs asked ahead (as a pool with idle threads has): `eager` starts each one at
 * once (so none is ever dropped), otherwise none starts until claimed (every unclaimed one dropped).
 */
function aheadRunner(eager: boolean): Runner & { readonly asked: number; readonly claimed: number } {
  const inner = inProcessRunner();
  const one = (scenario: Scenario) => inner.run([scenario]).then((s) => s[0]);
  let asked = 0;
  let claimed = 0;
  return {
    description: eager ? 'ahead, eager' : 'ahead, lazy',
    get asked() {
      return asked;
    },
    get claimed() {
      return claimed;
    },
    run: (scenarios) => inner.run(scenarios),
    ahead(scenario) {
      asked++;
      let start: (() => void) | null = null;
      const started = eager ? Promise.resolve() : new Promise<void>((resolve) => (start = resolve));
      const result = started.then(() => one(scenario));
      return {
        result,
        claim: () => {
          claimed++;
          start?.();
        },
        drop: () => !eager,
      };
    },
    close: () => inner.close(),
  };
}

async function planWith(runner: Runner) {
  try {
    const r = await plan(throttled, options, runner);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  } finally {
    await runner.close();
  }
}

describe('a plan run concurrently', () => {
  it('equals the serial plan byte for byte, whatever order runs finish in', async () => {
    const serial = serialRunner();
    const reference = await planWith(serial);
    // The case exercises the concurrency: remedies were searched at the target.
    expect(reference.alternatives.length + reference.failedRemedies.length).toBe(2);
    expect(serial.batches).toBeGreaterThan(5);

    const scrambled = await planWith(scramblingRunner());
    expect(planJson(scrambled)).toBe(planJson(reference));
    expect(scrambled.runs).toBe(reference.runs);
  });

  it('equals the serial plan when runs are asked ahead, whether they start at once or never', async () => {
    const serial = serialRunner();
    const reference = await planWith(serial);
    for (const eager of [true, false]) {
      const runner = aheadRunner(eager);
      const looked = await planWith(runner);
      expect(planJson(looked)).toBe(planJson(reference));
      expect(looked.runs).toBe(reference.runs);
      // Both walks looked ahead. Eager: some of it was then asked for. Lazy: a search drops what
      // it does not need before it asks its next run, so nothing not started is ever claimed.
      expect(runner.asked).toBeGreaterThan(4);
      if (eager) expect(runner.claimed).toBeGreaterThan(0);
      else expect(runner.claimed).toBe(0);
    }
  });

  it('equals the serial plan when the variants at the target replay shared arrivals', async () => {
    const reference = await planWith(serialRunner());
    // In-process, a batch asked to share arrivals replays this thread's (worker.ts, summaryOf).
    const inner = inProcessRunner();
    const shared: Scenario[] = [];
    const sharing: Runner = {
      description: 'sharing',
      run(scenarios, onProgress, batchOptions) {
        const flags = batchOptions?.sharedArrivals;
        shared.push(...scenarios.filter((_, i) => (Array.isArray(flags) ? flags[i] : flags === true)));
        return inner.run(scenarios, onProgress, batchOptions);
      },
      close: () => inner.close(),
    };
    const replayed = await planWith(sharing);
    expect(planJson(replayed)).toBe(planJson(reference));
    expect(replayed.runs).toBe(reference.runs);
    // Replication 0 of the target and of each remedy's scouts, all at the target load.
    expect(shared.length).toBeGreaterThan(3);
    for (const s of shared) {
      expect(s.seed).toBe(throttled.seed);
      expect(peakRate(s)).toBeCloseTo(options.targetRate, 9);
    }
  });

  it('equals the serial plan on a pool of two worker threads', async () => {
    const reference = await planWith(serialRunner());
    const pooled = await planWith(
      poolRunner({
        workerFile: new URL('../../src/experiments/worker.ts', import.meta.url).pathname,
        threads: 2,
        execArgv: ['--import', 'tsx'],
      }),
    );
    expect(planJson(pooled)).toBe(planJson(reference));
  });
});
