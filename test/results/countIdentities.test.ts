/**
 * Counts that add up (issue 18 item 4): for every invocation type, summary.json satisfies the
 * identities of countIdentities.ts (README "Counts that add up") and the printed summary shows
 * sums that are true, on random scenarios of each type and on every committed report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryText } from '../../src/report/index.ts';
import {
  countIdentities,
  type FunctionSummary,
  type NotifierSummary,
  notifierIdentities,
  type QueueSummary,
  type StreamSummary,
  type Summary,
} from '../../src/results/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

/** Every identity of every function, bucket and topic holds exactly. */
function expectIdentities(summary: Summary): void {
  for (const [name, f] of Object.entries(summary.functions)) {
    for (const c of countIdentities(f)) expect(c.left, `${name}: ${c.identity}`).toBe(c.right);
  }
  for (const [name, r] of Object.entries(summary.resources)) {
    if (r.type !== 's3-bucket' && r.type !== 'sns-topic') continue;
    for (const c of notifierIdentities(r)) expect(c.left, `${name}: ${c.identity}`).toBe(c.right);
  }
}

const count = (text: string) => Number(text.replaceAll(',', ''));

/** Every printed `N what = a x + b y + ...` line of the summary text adds up. Returns how many. */
function expectPrintedSums(text: string): number {
  let checked = 0;
  for (const line of text.split('\n')) {
    const m = /([\d,]+) [a-z ()]+? = (.*)$/.exec(line);
    if (!m) continue;
    const terms = m[2].split(';')[0].split(' + ');
    const total = terms.reduce((s, t) => {
      const n = /^([\d,]+) /.exec(t.trim());
      expect(n, `a count in "${t}" of "${line}"`).not.toBeNull();
      return s + count(n![1]);
    }, 0);
    expect(total, line).toBe(count(m[1]));
    checked++;
  }
  return checked;
}

const rate = fc.integer({ min: 1, max: 150 });
const computeMs = fc.integer({ min: 5, max: 2500 });
const errorRate = fc.constantFrom(0, 0.01, 0.2);
const reserved = fc.integer({ min: 1, max: 30 });
const seed = fc.integer({ min: 0, max: 10_000 });

/** A scenario in plain YAML (no dedent): top-level `head` lines, then one function `f`. */
function scenario(
  head: string[],
  s: { seed?: number; computeMs: number; errorRate: number; reserved: number },
  extra: string[] = [],
  tail: string[] = [],
): string {
  return [
    'lamsim: 1',
    `seed: ${s.seed ?? 1}`,
    ...head,
    'functions:',
    '  f:',
    '    runtime: nodejs22.x',
    '    memorySize: 1769',
    '    timeout: 2',
    `    reservedConcurrency: ${s.reserved}`,
    `    model: { compute: { dist: exponential, mean: ${s.computeMs}ms }, errorRate: ${s.errorRate} }`,
    ...extra.map((l) => `    ${l}`),
    ...tail,
    '',
  ].join('\n');
}

/** Runs the scenario and checks both the data and the printed text; returns the function's summary. */
function checked(text: string, printedSums = 2): FunctionSummary {
  const out = run(text);
  expectIdentities(out.summary);
  expect(expectPrintedSums(summaryText(out.summary))).toBeGreaterThanOrEqual(printedSums);
  return fn(out, 'f');
}

describe('counts that add up, on random scenarios', () => {
  it('synchronous requests: arrived = started + throttled + refused, started = ok + failed + timed out', () => {
    const gen = fc.record({
      rate,
      computeMs,
      errorRate,
      reserved,
      seed,
      via: fc.constantFrom('direct', 'api-gateway-rest', 'function-url'),
    });
    fc.assert(
      fc.property(gen, (s) => {
        const f = checked(
          scenario(
            [
              'duration: 40s',
              `traffic: { target: f, via: ${s.via}, phases: [{ duration: 40s, arrivalRate: ${s.rate} }] }`,
            ],
            s,
          ),
        );
        expect(f.invokedAs).toEqual(['requests']);
      }),
      { numRuns: 12 },
    );
  });

  it('synchronous Invoke calls stopped by recursive loop detection are refused, not failed', () => {
    const f = checked(yaml`
      lamsim: 1
      duration: 20s
      traffic: { target: f, mode: uniform, phases: [{ duration: 20s, arrivalRate: 1 }] }
      functions:
        f:
          runtime: nodejs22.x
          memorySize: 1769
          model: { init: 0ms, compute: 10ms, calls: [{ function: f, invocation: sync }] }
    `);
    expect(f.invocations.refused).toBe(20);
    expect(f.invocations.failed).toBe(20 * 16);
  });

  it('asynchronous events: arrived = processed + dropped + queued + running at the end', () => {
    const gen = fc.record({
      rate,
      computeMs,
      errorRate,
      reserved,
      seed,
      retries: fc.integer({ min: 0, max: 2 }),
      maxAgeS: fc.integer({ min: 60, max: 600 }),
    });
    fc.assert(
      fc.property(gen, (s) => {
        const f = checked(
          scenario(
            [
              'duration: 40s',
              `traffic: { target: f, via: async, phases: [{ duration: 40s, arrivalRate: ${s.rate} }] }`,
            ],
            s,
            [`maximumRetryAttempts: ${s.retries}`, `maximumEventAge: ${s.maxAgeS}s`],
          ),
        );
        expect(f.invokedAs).toEqual(['events']);
      }),
      { numRuns: 12 },
    );
  });

  it('SQS batches: every delivery arrives once; a batch whose failures are all reported succeeds', () => {
    const gen = fc.record({
      rate,
      computeMs,
      errorRate,
      reserved,
      seed,
      batchSize: fc.integer({ min: 1, max: 10 }),
      partial: fc.boolean(),
    });
    fc.assert(
      fc.property(gen, (s) => {
        const response = s.partial ? ', functionResponseType: ReportBatchItemFailures' : '';
        const f = checked(
          scenario(
            [
              'duration: 40s',
              `traffic: { target: jobs, phases: [{ duration: 40s, arrivalRate: ${s.rate} }] }`,
            ],
            s,
            [`events: [{ sqs: { queue: jobs, batchSize: ${s.batchSize}${response} } }]`],
            ['resources:', '  jobs: { type: sqs-queue, visibilityTimeout: 12s }'],
          ),
        );
        expect(f.invokedAs).toEqual(['batches']);
        // Handler errors are reported per message: no invocation fails (timeouts still do).
        if (s.partial) expect(f.invocations.failed).toBe(0);
      }),
      { numRuns: 12 },
    );
  });

  it('stream batches: retries and bisected halves are deliveries too', () => {
    const gen = fc.record({
      rate: fc.integer({ min: 50, max: 800 }),
      computeMs: fc.integer({ min: 5, max: 300 }),
      errorRate: fc.constantFrom(0.001, 0.01, 0.1),
      reserved,
      seed,
      bisect: fc.boolean(),
      retries: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(gen, (s) => {
        const f = checked(
          scenario(
            [
              'duration: 40s',
              `traffic: { target: records, phases: [{ duration: 40s, arrivalRate: ${s.rate} }] }`,
            ],
            s,
            [
              `events: [{ kinesis: { stream: records, batchSize: 50, maximumRetryAttempts: ${s.retries}, ` +
                `bisectBatchOnFunctionError: ${s.bisect} } }]`,
            ],
            ['resources:', '  records: { type: kinesis-stream, shardCount: 1 }'],
          ),
        );
        expect(f.invokedAs).toEqual(['batches']);
      }),
      { numRuns: 10 },
    );
  });

  it('a function invoked by requests and events keeps started = ok + failed + timed out + running', () => {
    const f = checked(
      scenario(
        [
          'duration: 30s',
          'traffic:',
          '  - { name: web, target: f, phases: [{ duration: 30s, arrivalRate: 20 }] }',
          '  - { name: jobs, target: f, via: async, phases: [{ duration: 30s, arrivalRate: 20 }] }',
        ],
        { computeMs: 50, errorRate: 0.1, reserved: 3 },
      ),
      1,
    );
    expect(f.invokedAs).toEqual(['requests', 'events']);
  });

  it('buckets and topics: every notification is delivered or in transit at the end', () => {
    // 1,000 objects/s into a bucket and messages into a topic for the whole window: those written
    // in the last 250 ms (S3) or 50 ms (SNS) have not reached their subscribers when it ends.
    const out = run(yaml`
      lamsim: 1
      duration: 10s
      traffic:
        - { target: bucket, mode: uniform, phases: [{ duration: 10s, arrivalRate: 1000 }] }
        - { target: topic, mode: uniform, phases: [{ duration: 10s, arrivalRate: 1000 }] }
      functions:
        c: { runtime: nodejs22.x, events: [{ s3: bucket }], model: { compute: 1ms } }
        d: { runtime: nodejs22.x, events: [{ sns: topic }, { s3: bucket }], model: { compute: 1ms } }
      resources:
        bucket: { type: s3-bucket }
        topic: { type: sns-topic }
    `);
    expectIdentities(out.summary);
    const bucket = out.summary.resources.bucket as NotifierSummary;
    const topic = out.summary.resources.topic as NotifierSummary;
    expect(bucket.published).toBe(10_000);
    expect(bucket.subscribers).toBe(2);
    // About 250 and 50 objects/messages written in the delivery delay before the end.
    expect(bucket.inTransitAtEnd / 2).toBeGreaterThan(200);
    expect(bucket.inTransitAtEnd / 2).toBeLessThanOrEqual(250);
    expect(topic.inTransitAtEnd).toBeGreaterThan(30);
    expect(topic.inTransitAtEnd).toBeLessThanOrEqual(50);
    const text = summaryText(out.summary);
    expect(text).toContain(
      `20,000 notifications = ${bucket.deliveries.toLocaleString('en-US')} delivered + ${bucket.inTransitAtEnd} in transit at the end`,
    );
    expect(expectPrintedSums(text)).toBeGreaterThanOrEqual(6);
  });
});

describe('counts that add up, on every committed report', () => {
  const reports = new URL('../../reports/', import.meta.url);
  const bundles = readdirSync(reports).filter((d) => {
    try {
      return 'functions' in JSON.parse(readFileSync(new URL(`${d}/summary.json`, reports), 'utf8'));
    } catch {
      return false;
    }
  });

  it.each(bundles)('%s', (name) => {
    const summary = JSON.parse(readFileSync(new URL(`${name}/summary.json`, reports), 'utf8')) as Summary;
    expectIdentities(summary);
    expect(expectPrintedSums(summaryText(summary))).toBeGreaterThanOrEqual(2);
  });
});

describe('scenarios/kinesis-logs.yaml does what its header says', () => {
  it('failed batches are bisected, every half succeeds, nothing reaches the on-failure queue', () => {
    const header = readFileSync(new URL('../../scenarios/kinesis-logs.yaml', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#\s?/, ''))
      .join(' ');
    const summary = JSON.parse(
      readFileSync(new URL('../../reports/kinesis-logs/summary.json', import.meta.url), 'utf8'),
    ) as Summary;
    const consumer = (summary.resources['app-logs'] as StreamSummary).consumers['log-indexer'];
    const f = summary.functions['log-indexer'];
    expect(f.invocations.failed).toBe(consumer.failedBatches);
    expect(consumer.bisections).toBe(consumer.failedBatches);
    expect(consumer.discarded).toBe(0);
    expect((summary.resources['unparsed-logs'] as QueueSummary).sent).toBe(0);
    expect(header).toContain(
      `(${consumer.failedBatches} failed deliveries, ${consumer.bisections} bisections, nothing discarded)`,
    );
  });
});
