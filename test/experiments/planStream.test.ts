/**
 * A stream consumer's backlog (Kinesis): its concurrency is shards x parallelization factor, one
 * batch per lane at a time, so the plan names those lanes, offers more of them (the factor, up to
 * 10, and more shards), and never reserved concurrency, which cannot raise it.
 */
import { describe, expect, it } from 'vitest';
import { scaleTraffic } from '../../src/experiments/edits.ts';
import { Evaluator, findBottlenecks, knobsFor, plan } from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { findingEvidence } from '../../src/report/plan/index.ts';
import type { SloObjective } from '../../src/scenario/types.ts';
import { twoLaneKinesis as kinesis } from './helpers.ts';

const queueAge: SloObjective[] = [{ metric: 'queueAge', max: 30_000 }];

describe('plan on a stream consumer', () => {
  it('names shards x parallelization factor with the capacity they give against the arrivals', async () => {
    const s = scaleTraffic(kinesis, 10);
    const e = await new Evaluator(inProcessRunner(), queueAge, ['Consumer']).evaluate(s, 1);
    const f = findBottlenecks({ scenario: s, evaluation: e });
    expect(f[0]).toMatchObject({
      bottleneck: 'streamConcurrency',
      resource: 'my-stream',
      function: 'Consumer',
    });
    const x = f[0].facts;
    expect(x).toMatchObject({ shards: 2, parallelizationFactor: 1, batchSize: 100 });
    // Full batches at saturation: at least the handler's 250 ms, so at most 800 records/s.
    expect(x.meanBatchDurationMs).toBeGreaterThanOrEqual(250);
    expect(x.capacityRecordsPerSecond).toBeCloseTo((2 * 100 * 1000) / Number(x.meanBatchDurationMs), 6);
    expect(x.capacityRecordsPerSecond).toBeLessThanOrEqual(800);
    expect(Math.abs(Number(x.arrivalRecordsPerSecond) - 1000)).toBeLessThan(30); // Poisson, 3 min
    // The backlog it explains is not named beside it.
    expect(f.map((y) => y.bottleneck)).not.toContain('queueBacklog');
    expect(findingEvidence(f[0])).toMatch(
      /^my-stream: Consumer reads it 2 batches at a time at most \(shards x parallelization factor: 2 x 1\); batches of up to 100 records take \d+ ms on average, so it reads about \d+ records\/s against [\d,]+ arriving; iterator age up to .+, [\d,]+ records still waiting at the end of the window$/,
    );
    // Its remedies: more lanes, then more shards, then faster batches; never reserved concurrency.
    expect(knobsFor(s, f[0]).map((k) => [k.id, k.domain])).toEqual([
      ['parallelizationFactor', { kind: 'integer', current: 1, from: 2, to: 10 }],
      ['shardCount', { kind: 'integer', current: 2, from: 3, to: 128 }],
      ['memory', expect.anything()],
    ]);
    const backlog = { ...f[0], bottleneck: 'queueBacklog', explains: undefined };
    expect(knobsFor(s, backlog).map((k) => k.id)).not.toContain('reservedConcurrency');
  });

  it('recommends a larger parallelization factor or more shards, each verified at the target', async () => {
    const p = await plan(kinesis, { targetScale: 10, slo: queueAge });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.target.bottleneck?.bottleneck).toBe('streamConcurrency');
    const changes = p.value.alternatives.map((a) => a.changes.map((c) => [c.setting, c.to]));
    // Factor 2: 4 lanes read about 1,500 records/s. Shards: 3 = ceil(1,000 records/s x ~0.27 s a
    // batch / 100 records) lanes, the fewest that read faster than records arrive.
    expect(changes).toEqual(
      expect.arrayContaining([
        [['functions.Consumer.events[0].kinesis.parallelizationFactor', 2]],
        [['resources.my-stream.shardCount', 3]],
      ]),
    );
    expect(p.value.alternatives.every((a) => a.meets)).toBe(true);
    expect(p.value.failedRemedies.map((r) => r.knob)).not.toContain('reservedConcurrency');
  });
});
