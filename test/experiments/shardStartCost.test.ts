/**
 * A time shard costs what its own span costs (issue 14 item 6: a month split into shards): the
 * engine runs nothing before the shard's warm-up starts. An SQS event source mapping polls all the
 * time (a scaling tick a second, a long poll every 20 s per poller), so a mapping that started at
 * time 0 would run a day's worth of idle events per day before the shard: for the last day of a
 * 30-day month, about 2.5 M ticks and 0.6 M empty polls, against about 0.1 M for the shard's 25 h.
 *
 * Measured: the engine's processed-event count (Simulation.eventsProcessed after the run's last
 * runUntil) of the month's last shard with a 1-hour warm-up, against a whole run of the same 25
 * hours. A shard also runs its slice's drain, as a whole run does, so the two should be about
 * equal; the shard is allowed 10 % more. Results: the shard's slice summary keeps what the mapping
 * measured (the same batches as the messages it was sent).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { runShard } from '../../src/experiments/shards.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';

const queueScenario = (duration: string) => yaml`
  lamsim: 1
  duration: ${duration}
  traffic: { target: jobs, mode: uniform, phases: [{ duration: ${duration}, arrivalRate: 0.02 }] }
  functions:
    worker:
      runtime: nodejs22.x
      memorySize: 1024
      model: { init: 0ms, compute: 50ms }
      events: [{ sqs: { queue: jobs, batchSize: 10 } }]
  resources:
    jobs: { type: sqs-queue }
`;

/** The events the engine processed in `body`'s simulations (the largest count any of them reached). */
function engineEvents(body: () => void): number {
  let most = 0;
  const runUntil = Simulation.prototype.runUntil;
  vi.spyOn(Simulation.prototype, 'runUntil').mockImplementation(function (this: Simulation, until: number) {
    runUntil.call(this, until);
    most = Math.max(most, this.eventsProcessed);
  });
  body();
  vi.restoreAllMocks();
  return most;
}

describe('a time shard of a month with an SQS mapping', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs about the events of its own 25 hours, not the 29 days before it', () => {
    const monthText = queueScenario('30d');
    const month = scenarioFrom(monthText);
    let batches = -1;
    const shardEvents = engineEvents(() => {
      const partial = runShard(month, monthText, { index: 30, count: 30 }, { warmupMs: 3_600_000 });
      batches = partial.run.eventSources.sqs[0].batches;
    });
    const wholeEvents = engineEvents(() => runScenario(scenarioFrom(queueScenario('25h'))));
    // 0.02 messages/s for 24 h: 1,728 messages, each its own batch (one arrives every 50 s).
    expect(batches).toBe(1728);
    expect(wholeEvents).toBeGreaterThan(90_000); // 25 h of 1 s ticks
    expect(shardEvents).toBeLessThan(1.1 * wholeEvents);
  });
});
