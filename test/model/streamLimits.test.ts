/**
 * Kinesis and DynamoDB stream throughput against AWS's documented limits and simple analytic
 * results (Kinesis developer guide: a shard takes 1 MB/s and 1,000 records/s of writes and serves
 * 2 MB/s and 5 GetRecords/s of reads shared by standard consumers, enhanced fan-out consumers get
 * their own 2 MB/s; Lambda developer guide "with-kinesis": "Lambda polls each shard ... at a base
 * rate of once per second. When more records are available, Lambda keeps processing batches until
 * the function catches up"; DynamoDB streams are polled four times per second).
 */
import { describe, expect, it } from 'vitest';
import { histogramSummary } from '../../src/metrics/index.ts';
import type { StreamSummary } from '../../src/results/index.ts';
import { meanAndStandardError, run } from '../helpers/run.ts';

const MIB = 1024 * 1024;

/** One stream, `consumers` functions reading it, `extra` appended to each event. */
const streamRun = (o: {
  type?: 'kinesis' | 'dynamodb';
  rate: number;
  payload?: string;
  shards?: number;
  duration?: string;
  batchSize?: number;
  computeMs?: number;
  consumers?: number;
  extra?: string;
  seed?: number;
}) => {
  const type = o.type ?? 'kinesis';
  const functions = Array.from(
    { length: o.consumers ?? 1 },
    (_, i) => `
  consumer${i}:
    runtime: python3.12
    memorySize: 1769
    timeout: 60
    model: { init: 0ms, compute: ${o.computeMs ?? 10}ms }
    events: [{ ${type}: { stream: records, batchSize: ${o.batchSize ?? 100}${o.extra ?? ''} } }]`,
  ).join('');
  const out = run(
    `lamsim: 1
duration: ${o.duration ?? '2m'}
account: { scaling: unlimited }
traffic: { target: records, payload: ${o.payload ?? '1KB'}, phases: [{ duration: ${o.duration ?? '2m'}, arrivalRate: ${o.rate} }] }
functions:${functions}
resources:
  records: { type: ${type}-stream, shardCount: ${o.shards ?? 1} }
`,
    o.seed,
  );
  const stream = out.summary.resources.records as StreamSummary;
  const data = out.run.resources.streams[0];
  return { out, stream, data, sources: out.run.eventSources.streams };
};

describe('stream writes', () => {
  it('Kinesis refuses writes above 1 MiB/s per shard; the producer retries with the SDK backoff', () => {
    // 1,000 records/s of 2 KB offered to one shard: 2 MiB/s, twice the shard's byte limit.
    const seconds = 120;
    const { out, data } = streamRun({ rate: 1000, payload: '2KB', duration: `${seconds}s` });
    const sent = out.run.traffic[0].sent;
    const perSecond = MIB / 2048;
    // Accepted: at most 1 MiB/s (plus the bucket's first second), and the retries keep it full.
    expect(data.records).toBeLessThanOrEqual(perSecond * (seconds + 1));
    expect(data.records).toBeGreaterThan(0.97 * perSecond * seconds);
    expect(data.writeThrottled).toBeGreaterThan(0.5 * sent);
    // Every write is accepted, or lost after 3 attempts, or owes a retry (at most 1.5 s) at the end.
    const owed = sent - data.records - data.writeFailed;
    expect(owed).toBeGreaterThanOrEqual(0);
    expect(owed).toBeLessThan(1.5 * 1000);
    expect(data.writeFailed).toBeGreaterThan(0);
    // Refused attempts: 3 for a lost write, at most 2 for any other.
    expect(data.writeThrottled).toBeLessThanOrEqual(3 * data.writeFailed + 2 * (sent - data.writeFailed));
    expect(data.writeThrottled).toBeGreaterThanOrEqual(3 * data.writeFailed);
  });

  it('Kinesis refuses writes above 1,000 records/s per shard and counts every refused attempt', () => {
    const { out, data, stream } = streamRun({ rate: 3000, shards: 2, payload: '100B', duration: '1m' });
    expect(data.records).toBeLessThanOrEqual(2 * 1000 * 61);
    expect(data.records).toBeGreaterThan(0.97 * 2 * 1000 * 60);
    expect(stream.writeThrottled).toBe(data.writeThrottled);
    expect(data.writeThrottled).toBeGreaterThan(out.run.traffic[0].sent - data.records);
  });

  it('DynamoDB streams have no write limit here', () => {
    const { out, data } = streamRun({ type: 'dynamodb', rate: 3000, duration: '30s' });
    expect(data.records).toBe(out.run.traffic[0].sent);
    expect(data.writeThrottled).toBe(0);
  });
});

describe('stream reads', () => {
  it('a consumer with a backlog reads again as soon as a batch finishes: batch / handler time', () => {
    // 1,000 records/s into one shard; batches of 5 taking 10 ms drain at most 5 / 10 ms = 500/s.
    const seconds = 120;
    const { sources } = streamRun({ rate: 1000, batchSize: 5, computeMs: 10, duration: `${seconds}s` });
    const c = sources[0];
    const rate = c.processed / seconds;
    expect(rate).toBeGreaterThan(0.97 * 500);
    expect(rate).toBeLessThanOrEqual(500);
    // The iterator falls behind by (1,000 - 500) / 1,000 of the elapsed time: ~60 s at the end.
    const age = histogramSummary(c.iteratorAge);
    expect(age.max).toBeGreaterThan(0.9 * 0.5 * seconds * 1000);
    expect(age.max).toBeLessThan(1.05 * 0.5 * seconds * 1000);
  });

  it('batches of 100 and a 10 ms handler keep up with a full shard: iterator age under a poll', () => {
    const { sources, data } = streamRun({ rate: 950, batchSize: 100, computeMs: 10 });
    const c = sources[0];
    expect(c.processed).toBeGreaterThan(data.records - 1000);
    expect(histogramSummary(c.iteratorAge).p99).toBeLessThan(1000);
  });

  it.each([
    ['kinesis', 1000],
    ['dynamodb', 250],
  ] as const)(
    'an idle %s shard is polled every %i ms: the newest record waits for the next poll',
    (type, pollMs) => {
      // Poisson records at 1/s reach an idle lane; the poll at the end of each interval of T takes
      // the records of the interval. The newest one's age X is the time back to the last arrival,
      // Exp(lambda) given X < T: E[X] = 1 / lambda - T e^(-lambda T) / (1 - e^(-lambda T)).
      const lambda = 1;
      const t = pollMs / 1000;
      const theoryMs = 1000 * (1 / lambda - (t * Math.exp(-lambda * t)) / (1 - Math.exp(-lambda * t)));
      const means = Array.from({ length: 6 }, (_, i) => {
        const { sources } = streamRun({ type, rate: lambda, computeMs: 1, duration: '10m', seed: 40 + i });
        return histogramSummary(sources[0].iteratorAge).mean;
      });
      const m = meanAndStandardError(means);
      expect(m.se).toBeLessThan(0.1 * theoryMs);
      expect(Math.abs(m.mean - theoryMs)).toBeLessThan(4 * m.se);
    },
  );

  it('standard consumers share 2 MiB/s per shard; enhanced fan-out consumers get 2 MiB/s each', () => {
    // 250 records/s of 4 KB (just under 1 MiB/s of writes) read by three consumers.
    const seconds = 120;
    const shared = streamRun({ rate: 250, payload: '4KB', consumers: 3, duration: `${seconds}s` });
    const readBytes = shared.sources.reduce((n, c) => n + c.processed, 0) * 4096;
    // Together at most 2 MiB/s (plus the first second's budget and one batch of debt each).
    expect(readBytes).toBeLessThanOrEqual(2 * MIB * (seconds + 1) + 3 * 100 * 4096);
    expect(readBytes).toBeGreaterThan(0.95 * 2 * MIB * seconds);
    for (const c of shared.sources) expect(c.processed).toBeLessThan(0.8 * shared.data.records);
    // Shared fairly: consumers whose cold starts end at different instants (the default wait
    // before INIT is random) each read a third of what the shard serves, on every seed. A consumer
    // that lost one race for the budget used to fall back to its next poll and lose them all
    // (one read 12 % of the shard's reads for two minutes).
    for (const seed of [1, 2, 3, 4]) {
      const run = streamRun({ rate: 250, payload: '4KB', consumers: 3, duration: `${seconds}s`, seed });
      const total = run.sources.reduce((n, c) => n + c.processed, 0);
      for (const c of run.sources) {
        expect(c.processed / total).toBeGreaterThan(0.95 / 3);
        expect(c.processed / total).toBeLessThan(1.05 / 3);
      }
    }
    // At most 5 GetRecords calls per second for the shard, all consumers together.
    const calls = shared.sources.reduce((n, c) => n + c.getRecordsCalls, 0);
    expect(calls).toBeLessThanOrEqual(5 * (seconds + 1));
    const fanOut = streamRun({
      rate: 250,
      payload: '4KB',
      consumers: 3,
      duration: `${seconds}s`,
      extra: ', enhancedFanOut: true',
    });
    for (const c of fanOut.sources) {
      expect(c.processed).toBeGreaterThan(fanOut.data.records - 300);
      expect(c.getRecordsCalls).toBe(0);
      expect(histogramSummary(c.iteratorAge).p99).toBeLessThan(1000);
    }
  });
});
