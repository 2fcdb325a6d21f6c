/**
 * A run whose SQS consumer does not keep up: the backlog still grows when the window ends. The
 * printed summary and report.md say so, with the counts from summary.json; a backlog drained
 * after a burst gets no warning.
 */
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../src/report/markdown.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { summaryText } from '../../src/report/text.ts';
import type { QueueSummary, StreamSummary } from '../../src/results/index.ts';
import { queueBacklogScenario } from '../helpers/queueBacklog.ts';
import { run, yaml } from '../helpers/run.ts';

const queue = queueBacklogScenario;
const count = (n: number) => n.toLocaleString('en-US');

describe('a growing backlog', () => {
  it('is a warning in the printed summary and the report, with the counts', () => {
    const text = queue('[{ duration: 3m, arrivalRate: 300 }]');
    const out = run(text);
    const q = out.summary.resources.q as QueueSummary;
    // Growing: the end is the peak (nearly) and well above the mean.
    expect(q.visibleAtEnd).toBeGreaterThan(0.9 * q.backlog.peak);
    expect(q.visibleAtEnd).toBeGreaterThan(0.1 * q.sent);
    const expected = `⚠ SQS queue q is not keeping up: its backlog grew to the end of the window, ${count(q.visibleAtEnd)} messages waiting`;
    expect(summaryText(out.summary)).toContain(expected);
    expect(summaryText(out.summary)).toMatch(/\/s processed by worker of 300\/s arriving/);
    expect(reportMarkdown(buildRunReport(out, text))).toContain(expected);
  });

  it('is not warned about when it drained after a burst', () => {
    const out = run(queue('[{ duration: 1m, arrivalRate: 300 }, { duration: 2m, arrivalRate: 50 }]'));
    const q = out.summary.resources.q as QueueSummary;
    expect(q.backlog.peak).toBeGreaterThan(500);
    expect(summaryText(out.summary)).not.toContain('not keeping up');
  });

  it('of a stream consumer (records not yet read) is warned about too', () => {
    // One shard, one batch of 100 records at a time, ~2.2 s a batch: ~45 of 500 records/s read.
    const out = run(yaml`
      lamsim: 1
      name: stream
      duration: 3m
      traffic: { target: s, payload: 1KB, mode: uniform, phases: [{ duration: 3m, arrivalRate: 500 }] }
      functions:
        c:
          runtime: nodejs22.x
          memorySize: 512
          logSize: 0B
          model: { compute: 5ms, perRecord: { compute: 5ms, io: 5ms } }
          events: [{ kinesis: { stream: s, batchSize: 100 } }]
      resources:
        s: { type: kinesis-stream, shardCount: 1 }
    `);
    const s = out.summary.resources.s as StreamSummary;
    expect(summaryText(out.summary)).toContain(
      `⚠ stream s is not keeping up: its backlog grew to the end of the window, ${count(s.consumers.c.waitingAtEnd)} records waiting`,
    );
  });
});
