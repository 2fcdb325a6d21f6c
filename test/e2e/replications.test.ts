/**
 * `lamsim run --replications R` spawned end to end: R = 1 writes the bundle `lamsim run` writes,
 * byte for byte; R = 3 writes the same summary.json twice, with the replications block, prints
 * each function's intervals and adds the Replications section to report.md; a bad R, or R with
 * shards, exits 2 with one line and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURST_YAML } from '../report/fixtures.ts';
import { bundleFiles, spawnLamsim } from './spawnCli.ts';

let dir: string;

const lamsim = (...args: string[]) => spawnLamsim(dir, args);
const files = (bundle: string) => bundleFiles(join(dir, bundle));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-replications-'));
  writeFileSync(join(dir, 'burst.yaml'), BURST_YAML);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lamsim run --replications R', () => {
  it('R = 1 is lamsim run, file for file', () => {
    const one = lamsim('run', 'burst.yaml', '--replications', '1', '--no-charts', '--out', 'one');
    const plain = lamsim('run', 'burst.yaml', '--no-charts', '--out', 'plain');
    expect(one.status).toBe(0);
    expect(one.stdout.replace('one/', 'plain/')).toBe(plain.stdout);
    expect(files('one')).toEqual(files('plain'));
  });

  it('R = 3: the same summary.json twice, the block at its end, intervals printed and in report.md', () => {
    const a = lamsim('run', 'burst.yaml', '--replications', '3', '--no-charts', '--out', 'a');
    const b = lamsim(
      'run',
      'burst.yaml',
      '--replications',
      '3',
      '--no-charts',
      '--out',
      'b',
      '--workers',
      '1',
    );
    expect(a.stderr).toBe('');
    expect([a.status, b.status]).toEqual([0, 0]);
    const summary = readFileSync(join(dir, 'a/summary.json'), 'utf8');
    expect(readFileSync(join(dir, 'b/summary.json'), 'utf8')).toBe(summary);
    const data = JSON.parse(summary);
    expect(Object.keys(data).at(-1)).toBe('replications');
    expect(data.replications.count).toBe(3);
    expect(data.seed).toBe(data.replications.seeds[0]);
    const p99 = data.replications.figures['functions.api.latencyMs.p99'];
    expect(p99.low).toBeLessThan(p99.mean);
    expect(p99.high).toBeCloseTo(p99.mean + p99.halfWidth, 9);
    expect(a.stdout).toMatch(
      /\n {2}replicated {2}3 replications \(seeds 1, \d+, \.\.\.\), mean ± half-width of the 95 % confidence interval/,
    );
    expect(a.stdout).toMatch(
      /\n {4}api: latency p50 [\d.]+ ± [\d.]+ ms, latency p99 [\d.]+ ± [\d.]+ ms, throttled/,
    );
    const md = readFileSync(join(dir, 'a/report.md'), 'utf8');
    expect(md).toContain('## Replications');
    expect(md).toMatch(/\| functions\.api\.latencyMs\.p99 \| [\d.,]+ ± [\d.,]+ ms \|/);
  });

  it('refuses R = 0, a non-number and R with shards: exit 2, one line, nothing written', () => {
    for (const [args, message] of [
      [
        ['--replications', '0'],
        "--replications: expected a whole number of replications from 1 to 10000, got '0'\n",
      ],
      [
        ['--replications', 'many'],
        "--replications: expected a whole number of replications from 1 to 10000, got 'many'\n",
      ],
      [
        ['--replications', '3', '--shards', '2'],
        '--replications and --shard/--shards: give one (replicate whole runs, or cut one run into shards)\n',
      ],
    ] as const) {
      const r = lamsim('run', 'burst.yaml', ...args, '--out', 'refused');
      expect(r.stderr).toBe(message);
      expect(r.status).toBe(2);
      expect(existsSync(join(dir, 'refused'))).toBe(false);
    }
  });
});
