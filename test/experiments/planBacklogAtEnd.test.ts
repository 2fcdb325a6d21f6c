/**
 * A consumer that cannot keep up, bounded by `backlogAtEnd` alone (no queue-age objective): the
 * plan names the same limit as for queue age (a stream's lanes, an SQS consumer's concurrency) and
 * searches the same verified changes, instead of none.
 */
import { describe, expect, it } from 'vitest';
import { scaleTraffic } from '../../src/experiments/edits.ts';
import { Evaluator, findBottlenecks, plan } from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { findingEvidence } from '../../src/report/plan/index.ts';
import type { SloObjective } from '../../src/scenario/types.ts';
import { scenarioFrom, twoLaneKinesis, yaml } from './helpers.ts';

// twoLaneKinesis (helpers.ts): 2 lanes of batches of 100 records taking about 250 ms read at most
// about 800 records/s, so at 10x (1,000 records/s) the backlog grows for the whole window: about
// 200 records/s x 180 s = 36,000 of the 180,000 written (20 %) still waiting at its end.
const kinesis = twoLaneKinesis;

// 20 messages/s of 1 s each, one message a batch, behind reserved concurrency 10 (and a mapping
// capped there): 10 concurrent batches read 10 messages/s, so half of what arrives is still
// waiting at the end (about 10/s x 120 s = 1,200 of 2,400).
const sqsYaml = yaml`
  lamsim: 1
  name: slow-sqs
  duration: 2m
  traffic:
    - target: jobs
      phases: [{ duration: 2m, arrivalRate: 20 }]
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 1024
      timeout: 30
      reservedConcurrency: 10
      events: [{ sqs: { queue: jobs, batchSize: 1, maximumConcurrency: 10 } }]
      model: { io: 1s }
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 3m }
`;
const sqs = scenarioFrom(sqsYaml);

// The same consumer with room in its reserved concurrency (40) but its mapping capped at 5: the
// cap, not the function, holds the backlog back (5 of the 20 messages a second read).
const capped = scenarioFrom(
  sqsYaml
    .replace('reservedConcurrency: 10', 'reservedConcurrency: 40')
    .replace('maximumConcurrency: 10', 'maximumConcurrency: 5'),
);

const backlogAtEnd: SloObjective[] = [{ metric: 'backlogAtEnd', max: 0.01 }];

describe('plan on a backlogAtEnd objective', () => {
  it("names a stream consumer's lanes and verifies more of them", async () => {
    const s = scaleTraffic(kinesis, 10);
    const e = await new Evaluator(inProcessRunner(), backlogAtEnd, ['Consumer']).evaluate(s, 1);
    expect(e.meets).toBe(false);
    const f = findBottlenecks({ scenario: s, evaluation: e });
    expect(f[0]).toMatchObject({
      bottleneck: 'streamConcurrency',
      resource: 'my-stream',
      function: 'Consumer',
    });
    // About a fifth of the records still wait at the end (theory: 1 - 800 / 1,000 at most).
    expect(Number(f[0].facts.waitingAtEnd) / (1000 * 180)).toBeGreaterThan(0.15);
    expect(findingEvidence(f[0])).toMatch(/records still waiting at the end of the window$/);

    const p = await plan(kinesis, { targetScale: 10, slo: backlogAtEnd, search: { maxScale: 16 } });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.target.bottleneck?.bottleneck).toBe('streamConcurrency');
    const changes = p.value.alternatives.map((a) => a.changes.map((c) => [c.setting, c.to]));
    expect(changes).toEqual(
      expect.arrayContaining([[['functions.Consumer.events[0].kinesis.parallelizationFactor', 2]]]),
    );
    expect(p.value.alternatives.every((a) => a.meets)).toBe(true);
  });

  it("names an SQS queue's growing backlog and verifies more consumer concurrency", async () => {
    const e = await new Evaluator(inProcessRunner(), backlogAtEnd, ['worker']).evaluate(sqs, 1);
    expect(e.meets).toBe(false);
    const f = findBottlenecks({ scenario: sqs, evaluation: e });
    expect(f[0]).toMatchObject({ bottleneck: 'queueBacklog', resource: 'jobs', function: 'worker' });
    // Theory: 20 arrive and 10 are read a second, so about half of the 2,400 sent still wait.
    const share = Number(f[0].facts.waitingAtEnd) / 2400;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.55);
    expect(findingEvidence(f[0])).toMatch(/[\d,]+ messages still waiting at the end of the window/);

    const p = await plan(sqs, { targetScale: 1, slo: backlogAtEnd, search: { maxScale: 1 } });
    if (!p.ok) throw new Error(p.error);
    const first = p.value.recommendations.map((c) => [c.setting, c.to]);
    // Reserved concurrency (and the cap that sat at it) of at least 20 keeps up with 20 messages/s.
    expect(first[0][0]).toBe('functions.worker.reservedConcurrency');
    expect(Number(first[0][1])).toBeGreaterThanOrEqual(20);
    expect(first[1]).toEqual(['functions.worker.events[0].sqs.maximumConcurrency', first[0][1]]);
    expect(p.value.target.verified?.meets).toBe(true);
  });

  it('raises a mapping cap that holds the backlog back, up to the reserved concurrency, before anything billed', async () => {
    const p = await plan(capped, { targetScale: 1, slo: backlogAtEnd, search: { maxScale: 1 } });
    if (!p.ok) throw new Error(p.error);
    expect(p.value.target.bottleneck).toMatchObject({ bottleneck: 'queueBacklog', resource: 'jobs' });
    const [change] = p.value.recommendations;
    expect(change.setting).toBe('functions.worker.events[0].sqs.maximumConcurrency');
    expect(change.from).toBe(5);
    // 20 messages of 1 s a second need 20 batches at once: with 19 the backlog grows by 1 a second,
    // 120 of the 2,400 sent (5 %) waiting at the end. AWS: never above the reserved 40.
    expect(Number(change.to)).toBeGreaterThanOrEqual(20);
    expect(Number(change.to)).toBeLessThanOrEqual(40);
    expect(p.value.recommendations).toHaveLength(1);
    expect(p.value.target.verified?.meets).toBe(true);
  });
});
