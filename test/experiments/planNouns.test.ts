/**
 * `plan` names what a function's counts count the way `run` does (src/report/countWords.ts):
 * batches for an SQS or stream consumer, events for an asynchronous function, requests for a
 * synchronous one. Its rates (throttleRate, errorRate) and its findings' counts are over those.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator, findBottlenecks, plan } from '../../src/experiments/plan/index.ts';
import { inProcessRunner } from '../../src/experiments/runners.ts';
import { answer, findingEvidence, planJson } from '../../src/report/plan/index.ts';
import { scenarioFrom, yaml } from './helpers.ts';

// 100 messages/s in batches of 10 (about 10 batch deliveries a second), each about 120 ms of
// handler, behind reserved concurrency 5: the pollers scale past 5 and batches are throttled.
const sqsConsumer = (io = '100ms') =>
  scenarioFrom(yaml`
  lamsim: 1
  name: sqs-nouns
  duration: 1m
  traffic:
    - target: jobs
      phases: [{ duration: 1m, arrivalRate: 100 }]
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 512
      timeout: 1
      reservedConcurrency: 5
      events: [{ sqs: { queue: jobs } }]
      model: { compute: { p50: 20ms, p99: 80ms }, io: ${io} }
  resources:
    jobs: { type: sqs-queue, visibilityTimeout: 3m }
`);

describe('plan nouns follow the invocation kind', () => {
  it('says batches for an SQS consumer in its warnings, its verdicts and plan.json', async () => {
    const r = await plan(sqsConsumer(), {
      slo: [{ metric: 'p99', max: 60_000 }],
      search: { maxScale: 2 },
      targetScale: 2,
    });
    if (!r.ok) throw new Error(r.error);
    const p = r.value;
    expect(p.invokedAs).toEqual({ worker: ['batches'] });
    expect(p.warnings.map((w) => w.objective.metric)).toContain('throttleRate');
    const text = answer(p);
    expect(text).toMatch(/Warning: [\d.]+% of batches are throttled at [\d,]+ messages\/s \(1x\) for worker/);
    expect(text).toContain('latency percentiles cover only the batches that succeeded');
    expect(text).toMatch(/\(there throttled [\d.]+%, errors 0% of batches\)/);
    expect(text).not.toMatch(/ of requests/);
    expect(JSON.parse(planJson(p)).invokedAs).toEqual({ worker: ['batches'] });
  });

  it("counts an SQS consumer's timed-out batches as batches", async () => {
    // A 1 s timeout under a handler of about 2 s: every batch times out.
    const e = await new Evaluator(
      inProcessRunner(),
      [{ metric: 'errorRate', max: 0.01 }],
      ['worker'],
    ).evaluate(sqsConsumer('2s'), 1);
    const timeout = findBottlenecks({ scenario: sqsConsumer('2s'), evaluation: e }).find(
      (f) => f.bottleneck === 'timeout',
    );
    expect(timeout?.facts.invokedAs).toBe('batches');
    expect(findingEvidence(present(timeout))).toMatch(
      /^worker: [\d,.]+ invocations hit the 1.00 s timeout \([\d.]+% of batches\); p99 duration/,
    );
  });

  it('writes events for an asynchronous function and invocations for one invoked two ways', () => {
    const finding = (invokedAs: string) => ({
      bottleneck: 'latency',
      severity: 'soft' as const,
      function: 'f',
      resource: null,
      affected: 0,
      facts: {
        metric: 'p99',
        valueMs: 900,
        objectiveMs: 500,
        p99DurationMs: 800,
        arrivedRequests: 1200,
        invokedAs,
      },
    });
    expect(findingEvidence(finding('events'))).toMatch(/for 1,200 events per run$/);
    expect(findingEvidence(finding('requests, events'))).toMatch(/for 1,200 invocations per run$/);
    expect(findingEvidence(finding('requests'))).toMatch(/for 1,200 requests per run$/);
  });
});

function present<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('expected a finding');
  return x;
}
