/**
 * tune and a queue consumer that cannot keep up: a configuration whose SQS backlog grows to the
 * end of the window is not ok (the default constraint backlogAtEnd <= 1%), however cheap per
 * message processed; a backlog that drains after a burst is not a violation.
 */
import { describe, expect, it } from 'vitest';
import { type TuneResult, tune } from '../../src/experiments/tune/index.ts';
import { tuneReason } from '../../src/report/tune/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { queueBacklogScenario } from '../helpers/queueBacklog.ts';
import { scenarioFrom } from './helpers.ts';

async function sweep(scenario: Scenario, memoryMb: number[]): Promise<TuneResult> {
  const r = await tune(scenario, { memoryMb, strategy: 'cost' });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const queue = (phases: string) => scenarioFrom(queueBacklogScenario(phases));

describe('tune with a queue consumer', () => {
  it('a configuration whose backlog grows to the end is not ok, and the reason says why', async () => {
    const r = await sweep(queue('[{ duration: 3m, arrivalRate: 300 }]'), [256, 1024]);
    const at = (memoryMb: number) => r.points.find((p) => p.memoryMb === memoryMb)!;
    const [small, large] = [at(256), at(1024)];
    expect(r.constraints).toMatchObject({ backlogAtEnd: 0.01 });
    expect(small.meetsConstraints).toBe(false);
    const v = small.violations.find((x) => x.metric === 'backlogAtEnd');
    // About half the 54,000 messages are still waiting at the end.
    expect(v?.value).toBeGreaterThan(0.3);
    expect(v?.value).toBeLessThan(0.7);
    expect(large.meetsConstraints).toBe(true);
    expect(r.recommendation.memoryMb).toBe(1024);
    expect(tuneReason(r)).toMatch(/Excluded: 256 MB x86_64 \(backlogAtEnd \d+(\.\d+)?% > 1%\)/);
  });

  it('a backlog that drains after a burst is not a violation', async () => {
    // 1 minute at 300/s, then 2 minutes at 50/s: at 1024 MB the burst's backlog is gone by the end
    // (and at the current 512 MB, run beside the grid, too).
    const r = await sweep(
      queue('[{ duration: 1m, arrivalRate: 300 }, { duration: 2m, arrivalRate: 50 }]'),
      [1024],
    );
    for (const p of r.points) expect(p.violations).toEqual([]);
  });
});
