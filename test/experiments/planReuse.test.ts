/**
 * The plan reuses what it learned (issue 14 item 5): a list knob (memory sizes, instance classes,
 * timeouts; weakest to strongest) that fails at its strongest value fails at every weaker one, so
 * that one evaluation settles it instead of one evaluation per value.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/experiments/plan/index.ts';
import { inProcessRunner, type Runner } from '../../src/experiments/runners.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

// 10 reserved environments for 100 req/s of requests that wait 200 ms whatever the memory: at
// least 20 concurrent executions are needed, so no memory size meets throttleRate <= 2 % there
// (memory only shortens the 50 ms of CPU), while reserved concurrency does.
const waiting = scenarioFrom(
  oneFunction(
    { compute: '50ms', io: '200ms', memory: 1024, extra: 'reservedConcurrency: 10', attempts: 1 },
    20,
    '1m',
    'poisson',
  ),
);

/** The in-process runner, recording the memory size of every run. */
function recordingRunner(): Runner & { readonly memoryMb: number[] } {
  const inner = inProcessRunner();
  const memoryMb: number[] = [];
  return {
    description: 'recording',
    memoryMb,
    run(scenarios) {
      for (const s of scenarios) memoryMb.push(s.functions[0].memoryMb);
      return inner.run(scenarios);
    },
    close: () => inner.close(),
  };
}

describe('a plan that reuses what it learned', () => {
  it('settles a memory knob that cannot help with one evaluation, at the largest size', async () => {
    const runner = recordingRunner();
    const r = await plan(waiting, { slo: [{ metric: 'throttleRate', max: 0.02 }], targetRate: 100 }, runner);
    if (!r.ok) throw new Error(r.error);
    const memory = r.value.failedRemedies.find((f) => f.knob === 'memory');
    expect(memory?.strongest.map((c) => c.to)).toEqual([10240]);
    expect(memory?.relievedBottleneck).toBe(false);
    // Every run is at the scenario's 1024 MB except the one memory evaluation at 10,240 MB.
    expect([...new Set(runner.memoryMb)].sort((a, b) => a - b)).toEqual([1024, 10240]);
    // Reserved concurrency still gets there, as before.
    expect(r.value.recommendations.map((c) => c.setting)).toEqual(['functions.f.reservedConcurrency']);
  });
});
