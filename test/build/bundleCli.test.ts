/**
 * The bundled command line (`bin.lamsim` = dist/bundle/main.js, src/build/bundleCli.ts) runs the
 * same code as the sources: bundled from tsc's dist/ into a folder of its own under dist/ (so
 * the packages left external resolve from the repository's node_modules, as they do for the
 * installed bundle), it writes the same bytes as `tsx src/cli/main.ts` for a run and for a run
 * on the worker pool (`--shards 2`, whose workers are bundled beside main.js), and a second
 * bundling of unchanged inputs rewrites nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, bundleUpToDate } from '../../src/build/bundleCli.ts';
import runSummary from '../../src/experiments/worker.ts';
import { formatIssue } from '../../src/index.ts';
import { loadScenario } from '../../src/io/loadScenario.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { BURST_YAML } from '../report/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const LOCK = join(ROOT, 'package-lock.json');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SOURCE_MAIN = join(ROOT, 'src/cli/main.ts');

let out: string;
let work: string;

beforeAll(async () => {
  out = join(DIST, `bundle-test-${process.pid}`);
  work = mkdtempSync(join(tmpdir(), 'lamsim-bundle-'));
  writeFileSync(join(work, 'burst.yaml'), BURST_YAML);
  expect(await bundleCli(DIST, out, LOCK)).toBe(true);
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const run = (command: string, args: readonly string[]) => {
  const r = spawnSync(command, [...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, LAMSIM_DEBUG: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const bundled = (...args: string[]) => run(process.execPath, [join(out, 'main.js'), ...args]);
const source = (...args: string[]) => run(TSX, [SOURCE_MAIN, ...args]);
const file = (path: string) => readFileSync(join(work, path), 'utf8');

describe('the bundled command line', () => {
  it('runs a scenario to the same summary.json and report.md as the sources', () => {
    const b = bundled('run', 'burst.yaml', '--no-charts', '--out', 'bundled');
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    const s = source('run', 'burst.yaml', '--no-charts', '--out', 'source');
    expect(s.status).toBe(0);
    expect(b.stdout.replace('bundled/', 'source/')).toBe(s.stdout);
    expect(file('bundled/summary.json')).toBe(file('source/summary.json'));
    expect(file('bundled/report.md')).toBe(file('source/report.md'));
  });

  it('runs shards on the worker pool with its bundled workers, to the same summary.json', () => {
    const b = bundled('run', 'burst.yaml', '--shards', '2', '--no-charts', '--out', 'bundled-shards');
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    const s = source('run', 'burst.yaml', '--shards', '2', '--no-charts', '--out', 'source-shards');
    expect(s.status).toBe(0);
    expect(file('bundled-shards/summary.json')).toBe(file('source-shards/summary.json'));
  });

  it("bundles the pool's worker on its own, without the scenario parser, and it simulates every shipped scenario as the sources do", async () => {
    for (const worker of ['worker.js', 'shardWorker.js']) {
      const text = readFileSync(join(out, worker), 'utf8');
      expect(text, worker).not.toMatch(/node_modules\/(zod|yaml)\//);
      expect(text, worker).not.toMatch(/from "\.\/chunk-/);
    }
    const bundledRun = (await import(pathToFileURL(join(out, 'worker.js')).href)).default as (
      s: Scenario,
    ) => unknown;
    const names = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const loaded = loadScenario(join(ROOT, 'scenarios', name));
      if (!loaded.ok) throw new Error(loaded.error.map(formatIssue).join('\n'));
      const { scenario } = loaded.value;
      expect(JSON.stringify(bundledRun(scenario)), name).toBe(JSON.stringify(runSummary(scenario)));
    }
  });

  it('reports bad input the same way: exit 2, the same message, no stack trace', () => {
    writeFileSync(join(work, 'bad.yaml'), 'lamsim: 1\nname: bad\nduration: -5s\n');
    const b = bundled('validate', 'bad.yaml');
    const s = source('validate', 'bad.yaml');
    expect(b.status).toBe(2);
    expect(b.stderr).toBe(s.stderr);
    expect(b.stderr).not.toMatch(/^\s+at /m);
  });

  it('is not rebuilt while it is newer than tsc’s build info and package-lock.json', async () => {
    const main = join(out, 'main.js');
    const builtAtMs = statSync(main).mtimeMs;
    expect(bundleUpToDate(DIST, out, LOCK)).toBe(true);
    expect(await bundleCli(DIST, out, LOCK)).toBe(false);
    expect(statSync(main).mtimeMs).toBe(builtAtMs);
    // An input newer than the bundle makes it stale.
    const newer = new Date(builtAtMs + 60_000);
    const stamp = join(work, 'newer.lock');
    writeFileSync(stamp, '{}');
    utimesSync(stamp, newer, newer);
    expect(bundleUpToDate(DIST, out, stamp)).toBe(false);
  });
});
