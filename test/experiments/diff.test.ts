/**
 * `lamsim diff` as data: paired deltas under common random numbers. A scenario against itself moves
 * nothing; more memory moves latency down and the bill up as AWS's GB-second billing says (checked
 * line by line against the formula); more reserved concurrency removes throttles; a proxy in front
 * of the database removes connection errors and adds its own bill line. Intervals from the paired t.
 */
import { describe, expect, it } from 'vitest';
import {
  type MeasureDelta,
  pairedDifference,
  runDiff,
  studentTQuantile,
} from '../../src/experiments/index.ts';
import type { Summary } from '../../src/results/index.ts';
import { scenarioFrom, yaml } from '../helpers/run.ts';
import { BURST_YAML, databaseYaml } from '../report/fixtures.ts';

const byId = (measures: readonly MeasureDelta[], id: string) => {
  const m = measures.find((x) => x.id === id);
  if (!m) expect.fail(`no measure ${id}; have ${measures.map((x) => x.id).join(', ')}`);
  return m;
};

const api = (memoryMb: number) => yaml`
  lamsim: 1
  name: api-${memoryMb}
  seed: 4
  duration: 1m
  traffic: { target: api, phases: [{ duration: 1m, arrivalRate: 50 }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: ${memoryMb}
      model:
        compute: { p50: 20ms, p99: 60ms }
        io: { p50: 40ms, p99: 120ms }
`;

describe('statistics of paired differences', () => {
  it('t quantiles match the published table (two-sided 95%)', () => {
    // Student t table, 0.975 quantiles: df 1 12.706, df 2 4.303, df 4 2.776, df 30 2.042.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.5, 7)).toBeCloseTo(0, 6); // the cdf itself is good to ~1e-8 there
  });

  it('interval = mean ± t·se of the differences; significant when it excludes 0', () => {
    // differences 1, 2, 3: mean 2, sd 1, se 1/sqrt(3); t(0.975, 2) = 4.303 -> half-width 2.484
    const d = pairedDifference([10, 10, 10], [11, 12, 13]);
    expect(d.mean).toBe(2);
    expect(d.ci![0]).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 3);
    expect(d.ci![1]).toBeCloseTo(2 + 4.303 / Math.sqrt(3), 3);
    expect(d.significant).toBe(false);
    expect(pairedDifference([10, 10, 10], [12, 12.1, 11.9]).significant).toBe(true);
    expect(pairedDifference([5], [5]).significant).toBe(false);
    expect(pairedDifference([5], [6]).significant).toBeNull();
  });
});

describe('a scenario against itself', () => {
  const scenario = scenarioFrom(BURST_YAML);
  const diff = runDiff(scenario, scenario, { replications: 3 });

  it('uses three distinct seeds, the same on both sides', () => {
    expect(new Set(diff.seeds).size).toBe(3);
    expect(diff.base.map((r) => r.summary.seed)).toEqual(diff.seeds);
    expect(diff.head.map((r) => r.summary.seed)).toEqual(diff.seeds);
  });

  it('every delta is exactly zero, with a zero-width interval, not significant', () => {
    expect(diff.measures.length).toBeGreaterThan(8);
    for (const m of diff.measures) {
      expect(m.delta?.mean, m.id).toBe(0);
      expect(m.delta?.ci, m.id).toEqual([0, 0]);
      expect(m.delta?.significant, m.id).toBe(false);
      expect(m.direction, m.id).toBe('same');
    }
    expect(diff.verdict).toEqual({ worse: 0, better: 0, changed: 0, budgetsBroken: 0 });
  });

  it('the replications differ from each other (the interval has something to be about)', () => {
    const p99 = diff.base.map((r) => r.summary.functions.api.latencyMs.p99);
    expect(new Set(p99).size).toBeGreaterThan(1);
  });
});

describe('memory 512 MB -> 1024 MB', () => {
  const diff = runDiff(scenarioFrom(api(512)), scenarioFrom(api(1024)), { replications: 3 });

  it('latency falls significantly (more memory, more CPU for the compute part)', () => {
    for (const id of ['function:api:latencyP50Ms', 'function:api:latencyP99Ms']) {
      const m = byId(diff.measures, id);
      expect(m.direction, id).toBe('better');
      expect(m.delta!.ci![1], id).toBeLessThan(0);
    }
  });

  it('the duration bill rises significantly: twice the GB per ms, the I/O wait not shorter', () => {
    const m = byId(diff.measures, 'cost:lambda:duration x86_64 tier 1');
    expect(m.direction).toBe('worse');
    expect(m.delta!.ci![0]).toBeGreaterThan(0);
    // Requests are billed per request, whatever the memory: unchanged.
    expect(byId(diff.measures, 'cost:lambda:requests').delta!.mean).toBe(0);
  });

  /**
   * AWS Lambda pricing (https://aws.amazon.com/lambda/pricing/): duration is billed in GB-seconds,
   * memory in GB x duration rounded up to the next 1 ms, at $0.0000166667 per GB-s (x86, us-east-1,
   * first 6 billion GB-s a month); INIT of on-demand functions is billed likewise (since 2025-08-01).
   * The window's GB-s lies between the unrounded sum and that sum plus 1 ms per billed piece.
   */
  it('the cost delta is the GB-second formula applied to the durations each run measured', () => {
    const bounds = (s: Summary, memoryMb: number) => {
      const f = s.functions.api;
      const billedMs = f.invocations.started * f.durationMs.mean + f.coldStarts * f.initDurationMs.mean;
      const pieces = f.invocations.started + f.coldStarts;
      const gb = memoryMb / 1024;
      return { lo: (billedMs / 1000) * gb, hi: ((billedMs + pieces) / 1000) * gb };
    };
    const price = 0.0000166667;
    for (let r = 0; r < diff.replications; r++) {
      const base = diff.base[r].summary;
      const head = diff.head[r].summary;
      const line = (s: Summary) => s.cost.window.lines.find((l) => l.item === 'duration x86_64 tier 1')!;
      const b = bounds(base, 512);
      const h = bounds(head, 1024);
      expect(line(base).quantity).toBeGreaterThanOrEqual(b.lo);
      expect(line(base).quantity).toBeLessThanOrEqual(b.hi);
      expect(line(head).quantity).toBeGreaterThanOrEqual(h.lo);
      expect(line(head).quantity).toBeLessThanOrEqual(h.hi);
      // The month repeats the window: 730 h / 1 min.
      const months = (730 * 3600_000) / base.window.durationMs;
      const monthlyDelta = (line(head).quantity - line(base).quantity) * price * months;
      const perRun =
        head.cost.monthly.lines.find((l) => l.item === 'duration x86_64 tier 1')!.usd -
        base.cost.monthly.lines.find((l) => l.item === 'duration x86_64 tier 1')!.usd;
      expect(perRun).toBeCloseTo(monthlyDelta, 6);
      expect(perRun).toBeGreaterThanOrEqual((h.lo - b.hi) * price * months);
      expect(perRun).toBeLessThanOrEqual((h.hi - b.lo) * price * months);
    }
    const m = byId(diff.measures, 'cost:lambda:duration x86_64 tier 1');
    const perRunDeltas = diff.head.map(
      (h, r) =>
        h.summary.cost.monthly.lines.find((l) => l.item === m.measure)!.usd -
        diff.base[r].summary.cost.monthly.lines.find((l) => l.item === m.measure)!.usd,
    );
    expect(m.delta!.mean).toBeCloseTo(perRunDeltas.reduce((a, x) => a + x, 0) / 3, 9);
  });
});

describe('reserved concurrency 10 -> 100 under a burst', () => {
  const base = scenarioFrom(BURST_YAML);
  const head = scenarioFrom(BURST_YAML.replace('reservedConcurrency: 10', 'reservedConcurrency: 100'));
  const diff = runDiff(base, head, { replications: 3 });

  it('the throttles go (significantly), and peak concurrency rises above the old limit', () => {
    const t = byId(diff.measures, 'function:api:throttleRate');
    expect(t.base).toBeGreaterThan(0.3);
    expect(t.head).toBe(0);
    expect(t.direction).toBe('better');
    expect(t.delta!.significant).toBe(true);
    const peak = byId(diff.measures, 'function:api:peakConcurrency');
    expect(peak.base).toBeLessThanOrEqual(10);
    expect(peak.head).toBeGreaterThan(10);
    expect(peak.direction).toBe('changed');
  });

  it('requests that ran instead of being throttled are billed: the request line rises', () => {
    const req = byId(diff.measures, 'cost:lambda:requests');
    expect(req.direction).toBe('worse');
    expect(req.delta!.ci![0]).toBeGreaterThan(0);
  });
});

describe('an RDS Proxy in front of the database', () => {
  const diff = runDiff(scenarioFrom(databaseYaml('direct')), scenarioFrom(databaseYaml('proxy')), {
    replications: 3,
  });

  it('connection errors go, the errors callers see go, the database holds fewer connections', () => {
    const errors = byId(diff.measures, 'resource:db:connectionErrors');
    expect(errors.base).toBeGreaterThan(0);
    expect(errors.head).toBe(0);
    expect(errors.direction).toBe('better');
    expect(errors.delta!.significant).toBe(true);
    expect(byId(diff.measures, 'function:api:errorRate').direction).toBe('better');
    const peak = byId(diff.measures, 'resource:db:peakConnections');
    expect(peak.base).toBe(20); // maxConnections: 20, every one taken
    expect(peak.head).toBe(10); // maxConnectionsPercent: 50
  });

  it('the proxy is new: its bill line and its borrow figures are added, not compared', () => {
    const line = byId(diff.measures, 'cost:rds-proxy:vCPU hours');
    expect(line.direction).toBe('added');
    expect(line.base).toBeNull();
    expect(line.head).toBeGreaterThan(0);
    expect(byId(diff.measures, 'resource:proxy:borrowWaits').direction).toBe('added');
  });

  it('requests now wait for a pooled connection: latency rises significantly', () => {
    const p99 = byId(diff.measures, 'function:api:latencyP99Ms');
    expect(p99.direction).toBe('worse');
    expect(p99.delta!.ci![0]).toBeGreaterThan(0);
  });
});
