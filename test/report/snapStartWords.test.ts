/**
 * A SnapStart function's cold starts restore a snapshot instead of running INIT; AWS's REPORT line
 * then gives a Restore Duration, not an Init Duration (Lambda developer guide,
 * "snapstart-monitoring"). The printed summary and report.md's latency table say restore for them,
 * and INIT for a function without SnapStart.
 */
import { describe, expect, it } from 'vitest';
import { latencyTable } from '../../src/report/tables.ts';
import { summaryText } from '../../src/report/text.ts';
import { run, yaml } from '../helpers/run.ts';

const sparse = (snapStart: boolean) => yaml`
  lamsim: 1
  name: snapstart
  duration: 1h
  platform: { idleTimeout: 5m, maxLifetime: off }
  traffic: { target: f, mode: uniform, phases: [{ duration: 1h, arrivalRate: 0.00277778 }] }
  functions:
    f:
      runtime: java21
      memorySize: 1024
      snapStart: ${snapStart}
      model: { init: 6s, preInit: 20ms, restore: 400ms, compute: 50ms, computeAt: 1024MB }
`;

const measures = (text: string) => latencyTable(run(text).summary).rows.map((r) => r[1]);

describe('SnapStart restores in the reports', () => {
  it('the printed summary says restores, with the restore times', () => {
    const out = run(sparse(true));
    const f = out.summary.functions.f;
    // One request every 6 minutes, environments idle out after 5: every start restores.
    expect(f.snapStartRestores).toBe(f.coldStarts);
    const line = summaryText(out.summary)
      .split('\n')
      .find((l) => l.includes('cold starts'));
    expect(line).toMatch(
      /^ {4}cold starts \d+ \([\d.]+% of started; SnapStart restores\), restore p50 400 ms, p99 400 ms; before restore p50 20(\.0)? ms/,
    );
    expect(line).not.toContain('INIT');
  });

  it("report.md's latency table names the restore and AWS's Restore Duration; INIT without SnapStart", () => {
    expect(measures(sparse(true))).toEqual(
      expect.arrayContaining(['before restore (not in Restore Duration)', 'restore duration']),
    );
    expect(measures(sparse(true)).join()).not.toContain('INIT');
    expect(measures(sparse(false))).toEqual(
      expect.arrayContaining(['before INIT (not in Init Duration)', 'INIT duration']),
    );
    const plain = summaryText(run(sparse(false)).summary);
    expect(plain).toMatch(/cold starts \d+ \([\d.]+% of started\), INIT p50 6\.00 s/);
  });
});
