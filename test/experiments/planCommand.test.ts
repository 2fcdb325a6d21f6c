/** `lamsim plan` spawned end to end: files written, stdout, exit codes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lamsim, lamsimInProcess, scratch } from './cli.ts';
import { oneFunction } from './helpers.ts';

const SCENARIO = oneFunction(
  { io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10' },
  20,
  '1m',
  'poisson',
);

describe('lamsim plan', () => {
  it('writes plan.json, plan.md, plan.html and charts, and prints the answer', () => {
    const dir = scratch({ 'api.yaml': SCENARIO });
    const r = lamsim(['plan', 'api.yaml', '--slo', 'throttleRate=1%', '--target-rate', '80'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Every SLO you set holds up to .*there throttled [\d.]+%, errors 0% of requests/,
    );
    expect(r.stdout).toMatch(/functions\.f\.reservedConcurrency: 10 → \d+/);
    const out = join(dir, 'reports', 'tune-test', 'plan');
    for (const f of ['plan.json', 'plan.md', 'plan.html', 'plan-throttlerate.png', 'plan-cost.png']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(json.bottleneck).toBe('reservedConcurrency');
    expect(json.target.peakRate).toBeCloseTo(80, 9);
  });

  it('exits 2 with a one-line message on bad input', async () => {
    const dir = scratch({ 'api.yaml': SCENARIO });
    const spawned = lamsim(['plan', 'api.yaml'], dir);
    expect(spawned.code).toBe(2);
    expect(spawned.stderr).toMatch(/^api\.yaml: no SLO to plan for: give --slo/);
    expect(spawned.stdout).toBe('');
    for (const [args, message] of [
      [['--slo', 'p99=fast'], /--slo 'p99=fast'/],
      [['--slo', 'throttleRate=1%', '--target-rate', '10', '--target-scale', '2'], /not both/],
      [['--slo', 'throttleRate=1%', '--confidence', '150%'], /--confidence: .*above 100%/],
      [['--slo', 'throttleRate=1%', '--replications', '0'], /--replications: expected an integer >= 1/],
    ] as const) {
      const r = await lamsimInProcess(['plan', join(dir, 'api.yaml'), ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it("limits each of the search's runs to 50 M invocations by default, not a single run's 1.8 B", async () => {
    // 1,000 req/s for 7 h: 25.2 M invocations today, 50.4 M at the default target (2x). With the
    // run's limit the search would try loads up to 64x (1.6 G invocations a run, tens of runs).
    const dir = scratch({ 'long.yaml': oneFunction({ compute: '1ms' }, 1000, '7h') });
    const r = await lamsimInProcess(['plan', join(dir, 'long.yaml'), '--slo', 'p99=1s']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/about 50\.4M invocations and calls per run, above the limit of 50\.0M/);
  });

  it('refuses traffic that replays a trace at its trace key, with the phases that would replace it', async () => {
    const traced = [
      'lamsim: 1',
      'duration: 1m',
      'traffic:',
      '  - { name: web, target: f, phases: [{ duration: 1m, arrivalRate: 1 }] }',
      '  - name: replay',
      '    target: f',
      '    trace: { file: t.csv, format: timestamps }',
      'functions: { f: { runtime: nodejs22.x } }',
      '',
    ].join('\n');
    const dir = scratch({
      'traced.yaml': traced,
      't.csv': `${Array.from({ length: 30 }, (_, i) => i * 2000).join('\n')}\n`,
    });
    const r = await lamsimInProcess([
      'plan',
      join(dir, 'traced.yaml'),
      '--slo',
      'p99=1s',
      '--out',
      join(dir, 'out'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'traced.yaml')}:7:5 traffic.1.trace: traffic replay replays a trace, whose arrival times plan cannot scale; ` +
        "plan needs phases: replace trace: with phases (the trace's mean over the window is 0.5/s: " +
        'phases: [{ duration: 1m, arrivalRate: 0.5 }], or fit its shape from logs with lamsim calibrate --traffic phases), and replay the trace itself with lamsim run',
    ]);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
