/**
 * An SQS consumer throttled by its reserved concurrency: Lambda's pollers scale past it (event
 * source mappings do not see reserved concurrency), so batches are throttled and retried with
 * backoff while messages wait. AWS's advice ("services-sqs-scaling"): MaximumConcurrency no higher
 * than the reserved concurrency, "Otherwise, Lambda may throttle your messages". The plan names
 * the throttled batches as retried (no message lost) and tries that cap; with it no batch is
 * throttled.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator, findBottlenecks, knobsFor, recommendAt } from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { findingEvidence } from '../../src/report/plan/index.ts';
import type { SloObjective } from '../../src/scenario/types.ts';
import { scenarioFrom, yaml } from './helpers.ts';

// 100 messages/s in batches of 10, a batch about 120 ms of handler: 5 concurrent batches read
// about 5 x 10 / 0.12 s = 400 messages/s, so reserved concurrency 5 keeps up when nothing is
// throttled; the pollers scale past 5 while messages wait, and their throttled batches back off.
const consumer = (mapping: string) =>
  scenarioFrom(yaml`
  lamsim: 1
  name: sqs-throttled
  duration: 3m
  traffic:
    - target: jobs
      phases: [{ duration: 3m, arrivalRate: 100 }]
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 30
      reservedConcurrency: 5
      events: [{ sqs: { queue: jobs${mapping} } }]
      model: { compute: { p50: 20ms, p99: 80ms }, io: 100ms }
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 3m }
`);
const queueAge: SloObjective[] = [{ metric: 'queueAge', max: 30_000 }];
const queueOf = (e: { summaries: readonly { resources: Record<string, unknown> }[] }) =>
  e.summaries[0].resources.jobs as {
    consumers: Record<string, { throttledBatches: number; peakConcurrency: number }>;
  };

describe('plan on an SQS consumer throttled by its reserved concurrency', () => {
  it('says the throttled batches are retried, and tries maximumConcurrency at the reserved concurrency', async () => {
    const s = consumer('');
    const evaluator = new Evaluator(inProcessRunner(), queueAge, ['worker']);
    const e = await evaluator.evaluate(s, 1);
    const f = findBottlenecks({ scenario: s, evaluation: e });
    expect(f[0]).toMatchObject({ bottleneck: 'reservedConcurrency', function: 'worker' });
    expect(f[0].facts.sqsQueues).toBe('jobs');
    expect(findingEvidence(f[0])).toMatch(
      /^[\d,.]+ invokes of batches from jobs throttled by its reserved concurrency 5 \([\d.]+% of [\d,.]+ batch invokes\); the poller retries throttled batches, so no message is lost: they wait in the queue; peak concurrency 5 \(the highest of the runs\)$/,
    );
    expect(findingEvidence(f[0])).not.toContain('refused in the end');
    const knob = knobsFor(s, f[0]).find((k) => k.id === 'sqsMaximumConcurrency');
    expect(knob?.domain).toEqual({ kind: 'list', values: [5] });

    // The cap at the reserved concurrency: the pollers never run more batches than the function
    // may, so none is throttled (AWS's rule), and the queue keeps up (about 400 messages/s read).
    const capped = await evaluator.evaluate(consumer(', maximumConcurrency: 5'), 1);
    expect(queueOf(capped).consumers.worker.throttledBatches).toBe(0);
    expect(queueOf(capped).consumers.worker.peakConcurrency).toBeLessThanOrEqual(5);
    expect(queueOf(e).consumers.worker.throttledBatches).toBeGreaterThan(0);
    expect(capped.meets).toBe(true);

    // The plan recommends it: it meets the SLO at no extra cost, the cheapest alternative.
    const r = await recommendAt(s, 1, evaluator);
    expect(r.alternatives[0].changes.map((c) => [c.setting, c.from, c.to])).toEqual([
      ['functions.worker.events[0].sqs.maximumConcurrency', null, 5],
    ]);
  });

  it('raises a cap that sat at the reserved concurrency with it; none for a mapping already capped', () => {
    const s = consumer(', maximumConcurrency: 5');
    const finding = {
      bottleneck: 'reservedConcurrency',
      severity: 'hard' as const,
      function: 'worker',
      resource: null,
      affected: 1,
      facts: {},
    };
    const knobs = knobsFor(s, finding);
    expect(knobs.map((k) => k.id)).not.toContain('sqsMaximumConcurrency');
    const reserved = knobs.find((k) => k.id === 'reservedConcurrency');
    expect(reserved?.apply(s, 40).changes.map((c) => [c.setting, c.to])).toEqual([
      ['functions.worker.reservedConcurrency', 40],
      ['functions.worker.events[0].sqs.maximumConcurrency', 40],
    ]);
    // A cap set under the reserved concurrency was set on purpose: it stays.
    const lower = consumer(', maximumConcurrency: 3');
    const raised = knobsFor(lower, finding).find((k) => k.id === 'reservedConcurrency');
    expect(raised?.apply(lower, 40).changes.map((c) => c.setting)).toEqual([
      'functions.worker.reservedConcurrency',
    ]);
  });
});
