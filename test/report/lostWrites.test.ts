/**
 * Kinesis writes refused on every attempt of the producer's retries are lost (summary.json
 * `writeFailed`): the printed summary and report.md say how many, beside the refused attempts.
 */
import { describe, expect, it } from 'vitest';
import { streamTables } from '../../src/report/messagingTables.ts';
import { summaryText } from '../../src/report/text.ts';
import type { StreamSummary } from '../../src/results/index.ts';
import { run, yaml } from '../helpers/run.ts';

describe('lost Kinesis writes', () => {
  // 2,000 records/s into one shard (1,000 records/s): about half are lost after 3 attempts.
  const summary = run(yaml`
    lamsim: 1
    duration: 1m
    traffic: { target: s, payload: 100B, phases: [{ duration: 1m, arrivalRate: 2000 }] }
    functions:
      c: { runtime: nodejs22.x, events: [{ kinesis: { stream: s } }], model: { compute: 1ms } }
    resources:
      s: { type: kinesis-stream, shardCount: 1 }
  `).summary;
  const s = summary.resources.s as StreamSummary;
  const count = (n: number) => n.toLocaleString('en-US');

  it('are in summary.json, the printed summary and the stream table', () => {
    expect(s.writeFailed).toBeGreaterThan(0.4 * 120_000);
    expect(summaryText(summary)).toContain(
      `${count(s.records)} records, ${count(s.writeThrottled)} write attempts throttled, ${count(s.writeFailed)} writes lost (throttled on every attempt)`,
    );
    const [table] = streamTables(summary);
    const lost = table.columns.findIndex((c) => c.title === 'writes lost');
    expect(lost).toBeGreaterThan(0);
    expect(table.rows[0][lost]).toBe(count(s.writeFailed));
    expect(table.rows[0].length).toBe(table.columns.length);
  });
});
