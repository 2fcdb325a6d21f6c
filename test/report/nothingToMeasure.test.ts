/**
 * Percentiles of nothing read 0 in summary.json; what a person reads says there was nothing:
 * a function whose every request was throttled has no latency ("none succeeded", not 0 ms), and
 * one without cold starts no INIT percentiles.
 */
import { describe, expect, it } from 'vitest';
import { latencyTable } from '../../src/report/tables.ts';
import { summaryText } from '../../src/report/text.ts';
import { run, yaml } from '../helpers/run.ts';

describe('a function with nothing to measure', () => {
  const summary = run(yaml`
    lamsim: 1
    duration: 1m
    traffic: { target: blocked, via: api-gateway-http, phases: [{ duration: 1m, arrivalRate: 10 }] }
    functions:
      blocked:
        runtime: nodejs22.x
        reservedConcurrency: 0
        model: { compute: 20ms }
  `).summary;

  it('prints "none succeeded" and no INIT percentiles, not 0 ms', () => {
    const text = summaryText(summary);
    expect(text).toContain('    latency     none succeeded\n');
    expect(text).toContain('    cold starts 0 (0% of started)\n');
    expect(text).not.toMatch(/0\.00 ms/);
  });

  it('has one latency row saying so in report.md', () => {
    const rows = latencyTable(summary).rows.filter((r) => r[0] === 'blocked');
    expect(rows[0]).toEqual(['blocked', 'latency', 'none succeeded', '', '', '', '', '']);
    expect(rows.some((r) => r[1].startsWith('latency,'))).toBe(false);
  });
});
