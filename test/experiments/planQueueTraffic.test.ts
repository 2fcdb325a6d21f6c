/**
 * Traffic into a queue, stream, bucket or topic is served by the functions reading it: `plan`
 * measures its SLOs there and `tune` tunes one of them by default. Before, both looked only at
 * the functions the traffic invokes directly, so traffic into an SQS queue had its objectives
 * "not measured" at every load and plan said every SLO held up to the search limit.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/experiments/plan/index.ts';
import { trafficFunctions } from '../../src/experiments/trafficFunctions.ts';
import { planTune } from '../../src/experiments/tune/tune.ts';
import { answer } from '../../src/report/plan/index.ts';
import { scenarioFrom, yaml } from './helpers.ts';

// 5 messages/s into a queue; its consumer handles each batch in a constant 300 ms (no INIT), so
// no batch takes less than 300 ms at any load. A scheduled function
// comes first in the file and reads nothing the traffic writes.
const queueTraffic = scenarioFrom(yaml`
  lamsim: 1
  name: queue-traffic
  seed: 3
  duration: 2m
  account: { concurrentExecutions: 1000, scaling: unlimited }
  traffic: { target: jobs, phases: [{ duration: 2m, arrivalRate: 5 }] }
  functions:
    nightly:
      runtime: nodejs22.x
      events: [{ schedule: rate(1 hour) }]
      model: { init: 0ms, compute: 5ms }
    worker:
      runtime: nodejs22.x
      timeout: 30
      events: [{ sqs: { queue: jobs, batchSize: 10 } }]
      model: { init: 0ms, io: 300ms }
  resources:
    jobs: { type: sqs-queue }
`);

describe('traffic into a resource', () => {
  it('reaches the functions reading it, not the others', () => {
    expect(trafficFunctions(queueTraffic)).toEqual(['worker']);
  });

  it('plan measures the SLOs on the queue consumer: a 300 ms handler breaks p99 <= 250 ms at once', async () => {
    const r = await plan(queueTraffic, { slo: [{ metric: 'p99', max: 250 }], search: { maxScale: 4 } });
    if (!r.ok) throw new Error(r.error);
    const baseline = r.value.baseline;
    expect(baseline.meets).toBe(false);
    // At least the handler's 300 ms (a cold start's placement adds to the few cold batches).
    expect(baseline.metrics[0]?.mean).toBeGreaterThanOrEqual(300);
    expect(baseline.metrics[0]?.function).toBe('worker');
    expect(answer(r.value)).not.toMatch(/holds up to/);
    // Traffic into a queue is messages a second, not requests.
    expect(r.value.arrivalUnit).toBe('messages');
    expect(answer(r.value)).toContain("at the scenario's own load (5 messages/s)");
    expect(answer(r.value)).not.toContain('req/s');
  });

  it('tune tunes the queue consumer by default, not the first function in the file', () => {
    const r = planTune(queueTraffic);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.function).toBe('worker');
  });
});
