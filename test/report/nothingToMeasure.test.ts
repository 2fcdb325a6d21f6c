/**
 * Percentiles of nothing read 0 in summary.json; what a person reads says there was nothing:
 * a function whose every request was throttled has no latency ("none succeeded", not 0 ms), and
 * one without cold starts no INIT percentiles.
 */
import { describe, expect, it } from 'vitest';
import { functionsTable, latencyTable } from '../../src/report/tables.ts';
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

  it('says "none succeeded" in the Summary table, not 0.00 ms', () => {
    const [row] = functionsTable(summary).rows;
    expect(row.slice(8, 12)).toEqual(['none succeeded', '', '', '']);
  });

  it('a function whose every invocation timed out reads the same (every table, summary.json 0 by contract)', () => {
    // 1,769 ms of compute at 1,024 MB takes 3.06 s: every invocation hits the default 3 s timeout.
    const out = run(yaml`
      lamsim: 1
      duration: 1m
      traffic: { target: f, phases: [{ duration: 1m, arrivalRate: 2 }] }
      functions:
        f: { runtime: python3.12, architecture: arm64, memorySize: 1024, model: { compute: 1769ms } }
    `).summary;
    const f = out.functions.f;
    expect(f.invocations.succeeded).toBe(0);
    expect(f.invocations.timedOut).toBeGreaterThan(100);
    expect(f.latencyMs.p50).toBe(0); // scenario-format.md: numbers; succeeded 0 says they measure nothing
    expect(functionsTable(out).rows[0].slice(8, 12)).toEqual(['none succeeded', '', '', '']);
    expect(summaryText(out)).toContain('    latency     none succeeded\n');
  });
});
