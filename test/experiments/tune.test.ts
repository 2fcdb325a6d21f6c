/** The tuning sweep end to end: planning, constraints, recommendations, runners. */
import { describe, expect, it } from 'vitest';
import { inProcessRunner, poolRunner } from '../../src/experiments/runners.ts';
import {
  planTune,
  rankByStrategy,
  type TuneOptions,
  type TuneResult,
  tune,
  tuneScenarios,
} from '../../src/experiments/tune/index.ts';
import { tuneReason } from '../../src/report/tune/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

async function sweep(scenario: Scenario, options: TuneOptions): Promise<TuneResult> {
  const r = await tune(scenario, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

// Half CPU (60 ms at 1 vCPU), half waiting (60 ms): a real trade-off between cost and speed.
const mixed = scenarioFrom(oneFunction({ compute: '60ms', io: '60ms', memory: 512 }, 20, '1m', 'poisson'));
const grid = [128, 256, 512, 1024, 1769, 3008];

describe('tune recommendations', () => {
  it('follow the strategies on the measured points', async () => {
    for (const strategy of ['cost', 'speed', 'balanced'] as const) {
      const r = await sweep(mixed, { memoryMb: grid, strategy, weight: 0.5 });
      const ranked = rankByStrategy(
        r.points.map((p) => ({ p, cost: p.costUsdPerInvocation, duration: p.durationMs.mean })),
        strategy,
        0.5,
      );
      expect(r.recommendation.memoryMb).toBe(ranked[0].p.memoryMb);
      expect(r.powerTuning.power).toBe(r.recommendation.memoryMb);
      expect(tuneReason(r)).toMatch(/^\d+ MB x86_64 is the/);
    }
    const fastest = await sweep(mixed, { memoryMb: grid, strategy: 'speed' });
    // Nothing is faster above one vCPU for single-threaded code; ties go to the cheaper size.
    expect(fastest.recommendation.memoryMb).toBe(1769);
    const cheapest = await sweep(mixed, { memoryMb: grid, strategy: 'cost' });
    expect(cheapest.recommendation.memoryMb).toBeLessThan(1769);
  });

  it('respect constraints and say which points they excluded', async () => {
    const free = await sweep(mixed, { memoryMb: grid, strategy: 'cost' });
    const cheapestP99 = free.points.find((p) => p.memoryMb === free.recommendation.memoryMb)!.latencyMs.p99;
    const bound = cheapestP99 - 1;
    const r = await sweep(mixed, {
      memoryMb: grid,
      strategy: 'cost',
      constraints: [{ metric: 'p99', max: bound }],
    });
    const chosen = r.points.find((p) => p.memoryMb === r.recommendation.memoryMb)!;
    expect(chosen.latencyMs.p99).toBeLessThanOrEqual(bound);
    expect(chosen.meetsConstraints).toBe(true);
    for (const p of r.points) expect(p.meetsConstraints).toBe(p.latencyMs.p99 <= bound);
    expect(tuneReason(r)).toMatch(/Excluded: .*p99 .* > /);
    expect(r.constraints).toEqual({ timeoutRate: 0, throttleRate: 0.01, errorRate: 0.01, p99Ms: bound });
  });

  it("take the scenario's slo block as constraints, flags replacing it metric by metric", async () => {
    const withSlo = {
      ...mixed,
      slo: [
        { metric: 'p99' as const, max: 250 },
        { metric: 'throttleRate' as const, max: 0.01 },
      ],
    };
    const plan = planTune(withSlo, { memoryMb: [512], constraints: [{ metric: 'p99', max: 400 }] });
    expect(plan.ok && plan.value.constraints).toEqual([
      { metric: 'timeoutRate', max: 0 },
      { metric: 'throttleRate', max: 0.01 },
      { metric: 'errorRate', max: 0.01 },
      { metric: 'p99', max: 400 },
    ]);
  });

  it('exclude points with timeouts by default, and explain when nothing qualifies', async () => {
    const slow = scenarioFrom(oneFunction({ compute: '400ms', timeout: 1, memory: 1024 }));
    const r = await sweep(slow, { memoryMb: [128, 256, 1024], strategy: 'cost' });
    expect(r.points[0].timedOut).toBeGreaterThan(0); // 400 ms * 1769/128 = 5.5 s > 1 s
    expect(r.points[0].meetsConstraints).toBe(false);
    expect(r.recommendation.memoryMb).toBe(1024);
    const impossible = await sweep(slow, { memoryMb: [128, 256], constraints: [{ metric: 'p50', max: 1 }] });
    expect(impossible.recommendation.meetsConstraints).toBe(false);
    expect(tuneReason(impossible)).toMatch(/^No configuration meets every constraint/);
  });

  it('compare with the current configuration, run separately when off the grid', async () => {
    const plan = planTune(mixed, { memoryMb: [128, 1024] });
    expect(plan.ok && plan.value.currentJob?.memoryMb).toBe(512);
    expect(plan.ok && tuneScenarios(plan.value)).toHaveLength(3);
    const r = await sweep(mixed, { memoryMb: [128, 1024], strategy: 'speed' });
    expect(r.current.memoryMb).toBe(512);
    // The current configuration is always a row, in its place by memory.
    expect(r.points.map((p) => `${p.memoryMb}${p.current ? '*' : ''}`)).toEqual(['128', '512*', '1024']);
    expect(r.points[1]).toBe(r.current);
    expect(r.recommendation.vsCurrent.memoryMb).toBe(512);
    expect(tuneReason(r)).toMatch(/Against the current 512 MB x86_64/);
    const onGrid = await sweep(mixed, { memoryMb: [512, 1024], strategy: 'cost' });
    expect(onGrid.points.find((p) => p.memoryMb === 512)!.current).toBe(true);
  });

  it('sweep architectures side by side; the Power Tuning block holds the recommended one', async () => {
    const r = await sweep(mixed, {
      memoryMb: [512, 1024],
      architectures: ['x86_64', 'arm64'],
      strategy: 'cost',
    });
    expect(r.points.map((p) => `${p.memoryMb}/${p.architecture}`)).toEqual([
      '512/x86_64',
      '1024/x86_64',
      '512/arm64',
      '1024/arm64',
    ]);
    // Same durations (the model does not change CPU speed with architecture), arm64 is cheaper.
    expect(r.points[2].durationMs).toEqual(r.points[0].durationMs);
    expect(r.points[2].costUsdPerInvocation).toBeLessThan(r.points[0].costUsdPerInvocation);
    expect(r.recommendation.architecture).toBe('arm64');
    expect(r.powerTuning.stats.map((s) => s.value)).toEqual([512, 1024]);
    expect(r.powerTuning.cost).toBe(r.points[2].costUsdPerRequestServed);
  });

  it('reject unknown functions and functions without traffic', () => {
    expect(planTune(mixed, { function: 'nope' })).toEqual({
      ok: false,
      error: "no function 'nope' in the scenario (functions: f)",
    });
  });

  it("price the function's own Lambda charges per invocation, as Power Tuning does", async () => {
    // 240 requests of exactly 100 ms (io, not scaled by memory; no INIT) at 1024 MB behind an HTTP
    // API: AWS's prices give 240 x $0.20/M + 240 x 0.1 s x 1 GB x $0.0000166667 per GB-s.
    const api = scenarioFrom(
      oneFunction({ io: '100ms', memory: 1024 }, 2, '2m', 'uniform').replace(
        'target: f,',
        'target: f, via: api-gateway-http,',
      ),
    );
    const r = await sweep(api, { memoryMb: [1024] });
    const p = r.points[0];
    expect(p.invocations).toBe(240);
    const lambdaUsd = 240 * 0.2e-6 + 240 * 0.1 * 0.0000166667;
    expect(p.lambdaCostUsd).toBeCloseTo(lambdaUsd, 12);
    expect(p.costUsdPerInvocation).toBeCloseTo(lambdaUsd / 240, 15);
    expect(p.costUsdPerRequestServed).toBeCloseTo(lambdaUsd / 240, 15);
    // The window's bill also has the API's requests ($1.00 per million) and the logs: not compared.
    expect(p.windowCostUsd).toBeGreaterThan(lambdaUsd + 240 * 1e-6 - 1e-12);
    expect(p.monthlyCostUsd).toBeGreaterThan(p.windowCostUsd);
  });

  it('price a queue consumer per message processed, not per batch (batch sizes change with memory)', async () => {
    // 20 messages/s into a queue read in batches of up to 10 for a minute.
    const queue = scenarioFrom(`lamsim: 1
name: tune-queue
seed: 5
duration: 1m
traffic: { target: jobs, phases: [{ duration: 1m, arrivalRate: 20 }] }
functions:
  worker:
    runtime: nodejs22.x
    memorySize: 512
    events: [{ sqs: { queue: jobs, batchSize: 10, maximumBatchingWindow: 1s } }]
    model: { init: 0ms, compute: 20ms, perRecord: { io: 5ms } }
resources:
  jobs: { type: sqs-queue }
`);
    const r = await sweep(queue, { memoryMb: [256, 1024] });
    expect(r.function).toBe('worker');
    for (const p of r.points) {
      expect(p.servedUnit).toBe('records');
      expect(p.served).toBeGreaterThan(p.succeeded); // messages, more than the batches that carried them
      expect(p.costUsdPerRequestServed).toBeCloseTo(p.lambdaCostUsd / p.served, 18);
    }
    expect(tuneReason(r)).toMatch(/per record processed/);
  });

  it('swap the measured default INIT for the new size and architecture', async () => {
    // No `init` written: the default comes from measurements at 128..1024 MB by architecture.
    const text = oneFunction({ compute: '10ms', memory: 128 }, 0.05, '10m', 'uniform').replace(
      '      init: 0ms\n',
      '',
    );
    const s = scenarioFrom(text);
    const plan = planTune(s, { memoryMb: [128, 1024], architectures: ['x86_64', 'arm64'] });
    if (!plan.ok) throw new Error(plan.error);
    const inits = plan.value.jobs.map((j) => JSON.stringify(j.scenario.functions[0].model.initMs));
    expect(new Set(inits).size).toBe(4);
    expect(inits[0]).toBe(JSON.stringify(s.functions[0].model.initMs));
    // A written INIT is kept as written.
    const written = scenarioFrom(oneFunction({ compute: '10ms', init: '300ms' }));
    const p2 = planTune(written, { memoryMb: [128, 1024] });
    expect(p2.ok && p2.value.jobs.map((j) => j.scenario.functions[0].model.initMs)).toEqual([
      { kind: 'constant', value: 300 },
      { kind: 'constant', value: 300 },
    ]);
  });
});

describe('runners', () => {
  it('a worker pool and the in-process runner give identical results', async () => {
    const options = { memoryMb: [128, 1024, 3008] };
    const local = await tune(mixed, options, inProcessRunner());
    const pool = poolRunner({
      workerFile: new URL('../../src/experiments/worker.ts', import.meta.url).pathname,
      threads: 2,
      execArgv: ['--import', 'tsx'],
    });
    try {
      const parallel = await tune(mixed, options, pool);
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(local));
    } finally {
      await pool.close();
    }
  });

  it('the in-process runner reports progress up to the batch size', async () => {
    const seen: number[] = [];
    await tune(mixed, { memoryMb: [128, 256] }, inProcessRunner(), (done, total) => {
      expect(total).toBe(3);
      seen.push(done);
    });
    expect(seen.at(-1)).toBe(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });
});
