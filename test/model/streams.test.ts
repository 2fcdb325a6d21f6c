/**
 * Kinesis and DynamoDB stream event source mappings (Lambda developer guide "Using Lambda with
 * Kinesis", "... with DynamoDB", API_CreateEventSourceMapping; Kinesis developer guide "Quotas";
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html):
 * - one batch at a time per shard and parallelization slot (ParallelizationFactor 1..10);
 * - an idle shard is polled once per second (Kinesis) or four times per second (DynamoDB streams);
 *   a shard with records waiting is read again as soon as its batch finishes (./streamLimits.test.ts);
 * - a failing batch blocks its shard until it succeeds, MaximumRetryAttempts is used up or its
 *   records pass MaximumRecordAgeInSeconds; BisectBatchOnFunctionError splits it;
 * - IteratorAge is the age of the last record of a batch when it is read;
 * - Kinesis accepts 1,000 records per second per shard.
 * Conservation: records = processed + discarded + trimmed + still waiting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../src/results/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

const streamRun = (opts: {
  type?: 'kinesis' | 'dynamodb';
  rate: number;
  shards?: number;
  duration?: string;
  event?: string;
  model?: string;
  seed?: number;
}) => {
  const type = opts.type ?? 'kinesis';
  const out = run(
    yaml`
      lamsim: 1
      duration: ${opts.duration ?? '5m'}
      traffic: { target: records, phases: [{ duration: ${opts.duration ?? '5m'}, arrivalRate: ${opts.rate} }] }
      functions:
        consumer:
          runtime: python3.12
          memorySize: 1769
          timeout: 60
          model: ${opts.model ?? '{ init: 0ms, compute: 10ms }'}
          events: [{ ${type}: { stream: records${opts.event ?? ''} } }]
      resources:
        records: { type: ${type}-stream, shardCount: ${opts.shards ?? 2} }
        failures: { type: sqs-queue }
    `,
    opts.seed,
  );
  const stream = out.summary.resources.records as StreamSummary;
  return { out, stream, consumer: stream.consumers.consumer };
};

describe('stream event source mappings', () => {
  it('run one batch per shard and parallelization slot; Kinesis polls each once per second', () => {
    // 2 shards x factor 3 = 6 slots; 100 ms per record x 100 records keeps each slot busy.
    const { out, consumer } = streamRun({
      rate: 2000,
      event: ', parallelizationFactor: 3',
      model: '{ init: 0ms, compute: 1ms, perRecord: { compute: 100ms } }',
      duration: '2m',
    });
    expect(fn(out).concurrency.peak).toBe(6);
    // Each slot starts at most one batch per second.
    expect(consumer.batches).toBeLessThanOrEqual(6 * 120 + 6);
    expect(consumer.iteratorAgeMs.max).toBeGreaterThan(30_000); // 2,000/s in, at most 600/s out
  });

  it('an idle lane reads at every poll: a record waits at most one poll period (every seed)', () => {
    // 20 records/s, 30 ms per batch: the consumer is under 5 % busy, so each record is read at
    // the first poll after it arrives (1 s for Kinesis, 250 ms for DynamoDB streams), plus a batch.
    // A poll woken on its grid point used to postpone itself by a period when floating point put
    // the quotient a hair above a whole number: lanes stopped for minutes (iterator age 66 s).
    for (const [type, pollMs] of [
      ['kinesis', 1000],
      ['dynamodb', 250],
    ] as const) {
      for (let seed = 1; seed <= 10; seed++) {
        const { consumer } = streamRun({
          type,
          rate: 20,
          shards: 4,
          seed,
          model: '{ init: 0ms, compute: 30ms }',
          event: ', batchSize: 10',
        });
        expect(consumer.iteratorAgeMs.max, `${type} seed ${seed}`).toBeLessThanOrEqual(pollMs + 100);
        expect(consumer.waitingAtEnd, `${type} seed ${seed}`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('a failing batch blocks its shard until its retries are used up, then goes to the destination', () => {
    const { out, stream, consumer } = streamRun({
      rate: 20,
      event: ', maximumRetryAttempts: 2, destinations: { onFailure: failures }',
      model: '{ init: 0ms, compute: 10ms, errorRate: 1 }',
    });
    // Every batch is tried 3 times, one second apart, then skipped: 1 + 2 retries. At the end of
    // the window each of the 2 shards may be part-way through its 3 tries.
    expect(consumer.processed).toBe(0);
    const failures = out.summary.resources.failures as { sent: number };
    const skipped = failures.sent;
    expect(skipped).toBeGreaterThan(100);
    expect(consumer.batches - 3 * skipped).toBeGreaterThanOrEqual(0);
    expect(consumer.batches - 3 * skipped).toBeLessThanOrEqual(2 * 2);
    expect(consumer.retries - 2 * skipped).toBeGreaterThanOrEqual(0);
    expect(consumer.retries - 2 * skipped).toBeLessThanOrEqual(2 * 2);
    expect(consumer.failedBatches).toBe(consumer.batches);
    expect(consumer.records).toBe(stream.records);
    expect(consumer.discarded + consumer.waitingAtEnd).toBe(consumer.records);
  });

  it('with retries until expiry, records past maximumRecordAge are skipped', () => {
    const { consumer } = streamRun({
      rate: 20,
      event: ', maximumRecordAge: 60s',
      model: '{ init: 0ms, compute: 10ms, errorRate: 1 }',
    });
    expect(consumer.processed).toBe(0);
    expect(consumer.discarded).toBeGreaterThan(0);
    // The shard is stuck on one batch per minute: the iterator falls behind by up to
    // maximumRecordAge (older records are skipped; a retry comes at most a poll later).
    expect(consumer.iteratorAgeMs.max).toBeGreaterThan(45_000);
    expect(consumer.iteratorAgeMs.max).toBeLessThanOrEqual(61_000);
  });

  it('bisecting a failing batch keeps the records that do not fail', () => {
    // 0.5% of records fail; with no retries a failing batch of 100 is discarded whole, while
    // bisection isolates the failing records.
    const discarded = (bisect: boolean) =>
      streamRun({
        rate: 200,
        event: `, maximumRetryAttempts: 0, bisectBatchOnFunctionError: ${bisect}`,
        model: '{ init: 0ms, compute: 10ms, errorRate: 0.5% }',
        seed: 7,
      }).consumer;
    const whole = discarded(false);
    const split = discarded(true);
    expect(split.bisections).toBeGreaterThan(0);
    expect(split.discarded).toBeLessThan(whole.discarded / 5);
  });

  it('Kinesis refuses writes beyond 1,000 records per second per shard', () => {
    const { stream } = streamRun({ rate: 3000, shards: 2, duration: '1m' });
    // 3,000/s offered to 2 shards of 1,000/s: about a third refused.
    expect(stream.writeThrottled / (stream.records + stream.writeThrottled)).toBeGreaterThan(0.3);
    expect(stream.records).toBeLessThanOrEqual(2 * 1000 * 60 + 2000);
  });

  it('accounts for every record on random scenarios', () => {
    const scenario = fc.record({
      type: fc.constantFrom('kinesis' as const, 'dynamodb' as const),
      rate: fc.integer({ min: 1, max: 500 }),
      shards: fc.integer({ min: 1, max: 4 }),
      factor: fc.integer({ min: 1, max: 4 }),
      batch: fc.integer({ min: 1, max: 200 }),
      retries: fc.integer({ min: -1, max: 3 }),
      errorRate: fc.double({ min: 0, max: 0.05, noNaN: true }),
      bisect: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(scenario, (s) => {
        const { out, stream, consumer } = streamRun({
          type: s.type,
          rate: s.rate,
          shards: s.shards,
          duration: '2m',
          event: `, batchSize: ${s.batch}, parallelizationFactor: ${s.factor}, maximumRetryAttempts: ${s.retries}, bisectBatchOnFunctionError: ${s.bisect}`,
          model: `{ init: 0ms, compute: 20ms, perRecord: { compute: 1ms }, errorRate: ${s.errorRate} }`,
          seed: s.seed,
        });
        expect(consumer.records).toBe(stream.records);
        expect(consumer.records).toBe(
          consumer.processed + consumer.discarded + consumer.trimmed + consumer.waitingAtEnd,
        );
        expect(fn(out).concurrency.peak).toBeLessThanOrEqual(s.shards * s.factor);
        expect(fn(out).invocations.dropped).toBe(consumer.discarded);
      }),
      { numRuns: 25 },
    );
  });
});

describe('Kinesis enhanced fan-out is billed (Kinesis pricing, provisioned mode: per consumer-shard-hour and per GB retrieved)', () => {
  const scenario = (consumers: string) => yaml`
    lamsim: 1
    duration: 10m
    traffic: { target: s, payload: 10KB, mode: uniform, phases: [{ duration: 10m, arrivalRate: 100 }] }
    functions:
      c:
        runtime: nodejs22.x
        memorySize: 1769
        events: [${consumers}]
        model: { init: 0ms, compute: 1ms }
    resources:
      s: { type: kinesis-stream, shardCount: 4 }
  `;
  const line = (out: ReturnType<typeof run>, item: string) =>
    out.cost.window.lines.find((l) => l.service === 'kinesis' && l.item === item);

  it('two fan-out consumers: 2 x 4 shards x 1/6 h, and every record read pushed to each', () => {
    const efo = '{ kinesis: { stream: s, enhancedFanOut: true } }';
    const out = run(scenario(`${efo}, ${efo}`));
    expect(line(out, 'enhanced fan-out consumer-shard hours')?.quantity).toBeCloseTo((2 * 4) / 6, 12);
    // Each consumer is pushed the records it processed or gave up on, 10 KiB each, plus at most
    // those of a batch still running at the end; each of the 60,000 records reaches both.
    const sources = out.run.eventSources.streams;
    const done = sources.reduce((n, s) => n + s.processed + s.discarded, 0);
    const waiting = sources.reduce((n, s) => n + s.waitingAtEnd, 0);
    expect(done + waiting).toBe(2 * 60_000);
    const gb = line(out, 'enhanced fan-out data retrievals')?.quantity ?? 0;
    expect(gb).toBeGreaterThanOrEqual((done * 10 * 1024) / 1024 ** 3 - 1e-12);
    expect(gb).toBeLessThanOrEqual(((done + waiting) * 10 * 1024) / 1024 ** 3 + 1e-12);
  });

  it('a polling consumer pays nothing for its reads', () => {
    const out = run(scenario('{ kinesis: { stream: s } }'));
    expect(line(out, 'enhanced fan-out consumer-shard hours')).toBeUndefined();
    expect(line(out, 'enhanced fan-out data retrievals')).toBeUndefined();
  });
});
