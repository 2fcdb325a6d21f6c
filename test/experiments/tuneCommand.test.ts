/** `lamsim tune` spawned end to end: files written, stdout, exit codes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVisualizationUrl } from '../../src/experiments/tune/index.ts';
import { lamsim, lamsimInProcess, scratch } from './cli.ts';
import { oneFunction } from './helpers.ts';

const SCENARIO = oneFunction(
  { compute: '{ p50: 40ms, p99: 120ms }', io: '20ms', memory: 1024 },
  10,
  '1m',
  'poisson',
);

describe('lamsim tune', () => {
  it('writes tune.json, tune.md, tune.html and charts, and prints the recommendation', () => {
    const dir = scratch({ 'api.yaml': SCENARIO });
    const r = lamsim(
      ['tune', 'api.yaml', '--memory', '128..512:128,1769', '--max-p99', '400ms', '--strategy', 'speed'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recommended 1769 MB x86_64/);
    const out = join(dir, 'reports', 'tune-test', 'tune');
    for (const f of ['tune.json', 'tune.md', 'tune.html', 'tune-cost-duration.png', 'tune-p99.png']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    expect(json.points.map((p: { memoryMb: number }) => p.memoryMb)).toEqual([
      128, 256, 384, 512, 1024, 1769,
    ]);
    expect(json.constraints).toEqual({ timeoutRate: 0, throttleRate: 0.01, errorRate: 0.01, p99Ms: 400 });
    expect(json.strategy).toBe('speed');
  });

  it('fits the model to a Power Tuning result and sweeps its sizes', () => {
    const link = buildVisualizationUrl(
      [128, 512, 1024, 2048].map((power) => ({
        power,
        duration: (800 * 1769) / Math.min(power, 1769) + 50,
        cost: 0,
      })),
    );
    const dir = scratch({
      'api.yaml': SCENARIO,
      'pt.json': JSON.stringify({ power: 1024, cost: 0, duration: 0, stateMachine: { visualization: link } }),
    });
    const r = lamsim(['tune', 'api.yaml', '--from-power-tuning', 'pt.json', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'tune.json'), 'utf8'));
    expect(json.points.map((p: { memoryMb: number }) => p.memoryMb)).toEqual([128, 512, 1024, 2048]);
    expect(json.fromPowerTuning.model.threads).toBe(1);
    expect(json.fromPowerTuning.computeMs).toBeCloseTo(800, 0);
    expect(json.fromPowerTuning.ioMs).toBeCloseTo(50, 0);
    expect(readFileSync(join(dir, 'out', 'tune.md'), 'utf8')).toContain('## Fitted from Power Tuning');
  });

  it('exits 2 with a one-line message on bad arguments', async () => {
    const dir = scratch({ 'api.yaml': SCENARIO });
    const spawned = lamsim(['tune', 'api.yaml', '--memory', '64'], dir);
    expect(spawned).toEqual({
      code: 2,
      stdout: '',
      stderr: "--memory: '64': memory must be from 128 to 10240 MB\n",
    });
    for (const [args, message] of [
      [['--memory', '64'], /--memory: '64': memory must be from 128 to 10240 MB/],
      [['--weight', '2'], /--weight: expected a number from 0 to 1/],
      [['--function', 'nope'], /tune: no function 'nope' in the scenario/],
      [['--max-p99', '300'], /--max-p99: missing unit/],
      [['--constraint', 'p98=1s'], /unknown metric 'p98'/],
      [['--from-power-tuning', 'missing.json'], /--from-power-tuning missing.json: cannot read/],
    ] as const) {
      const r = await lamsimInProcess(['tune', join(dir, 'api.yaml'), ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stdout).toBe('');
    }
  });
});
