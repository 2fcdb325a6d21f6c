/**
 * `lamsim run` and `lamsim compare` spawned end to end: the bundle lands where it should, a second
 * run writes the same bytes, and a run that fails leaves the previous bundle untouched.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMSIM_VERSION } from '../../src/version.ts';
import { BURST_YAML, databaseYaml } from '../report/fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');

let dir: string;

function lamsim(...args: string[]) {
  const r = spawnSync(TSX, [MAIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LAMSIM_DEBUG: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of a directory with its bytes and modification time. */
function snapshot(bundle: string): Record<string, { bytes: string; mtimeMs: number }> {
  return Object.fromEntries(
    readdirSync(bundle).map((name) => [
      name,
      {
        bytes: readFileSync(join(bundle, name)).toString('base64'),
        mtimeMs: statSync(join(bundle, name)).mtimeMs,
      },
    ]),
  );
}

const bytesOf = (snap: ReturnType<typeof snapshot>) =>
  Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, v.bytes]));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-cli-'));
  writeFileSync(join(dir, 'burst.yaml'), BURST_YAML);
  writeFileSync(join(dir, 'db-direct.yaml'), databaseYaml('direct'));
  writeFileSync(join(dir, 'db-proxy.yaml'), databaseYaml('proxy'));
  writeFileSync(join(dir, 'broken.yaml'), 'lamsim: 1\nname: tiny-burst\nfunctions: [\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lamsim run', () => {
  let first: ReturnType<typeof snapshot>;

  it('writes the bundle to reports/<name>/ by default and prints a summary', () => {
    const r = lamsim('run', 'burst.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tiny-burst (seed 1');
    expect(r.stdout).toContain('report      reports/tiny-burst/');
    first = snapshot(join(dir, 'reports/tiny-burst'));
    expect(Object.keys(first).sort()).toEqual([
      '.lamsim-bundle',
      'api-concurrency.png',
      'api-environments.png',
      'api-latency-cdf.png',
      'api-latency.png',
      'api-requests.png',
      'cost.png',
      'report.html',
      'report.md',
      'summary.json',
    ]);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['tiny-burst']);
  });

  it('a second run writes the same bytes (summary.json, report.md, report.html, PNGs)', () => {
    const r = lamsim('run', 'burst.yaml');
    expect(r.status).toBe(0);
    const second = snapshot(join(dir, 'reports/tiny-burst'));
    expect(bytesOf(second)).toEqual(bytesOf(first));
    first = second;
  });

  it('a run that fails leaves the previous bundle untouched', () => {
    const r = lamsim('run', 'broken.yaml', '--out', 'reports/tiny-burst');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(snapshot(join(dir, 'reports/tiny-burst'))).toEqual(first);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['tiny-burst']);
  });
});

describe('lamsim compare', () => {
  it('writes one side-by-side bundle to reports/compare-<a>-vs-<b>/', () => {
    const r = lamsim('compare', 'db-direct.yaml', 'db-proxy.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('lamsim compare: db-direct vs db-proxy (seed 11)');
    expect(r.stdout).toMatch(/measure\s+db-direct\s+db-proxy\s+db-proxy vs db-direct/);
    const files = readdirSync(join(dir, 'reports/compare-db-direct-vs-db-proxy'));
    expect(files).toEqual(
      expect.arrayContaining(['compare.json', 'report.md', 'report.html', 'compare-db-connections.png']),
    );
    const json = JSON.parse(
      readFileSync(join(dir, 'reports/compare-db-direct-vs-db-proxy/compare.json'), 'utf8'),
    );
    expect(json.runs.map((run: { summary: { seed: number } }) => run.summary.seed)).toEqual([11, 11]);
  });

  it('--seed runs every scenario with that seed', () => {
    const r = lamsim('compare', 'db-direct.yaml', 'burst.yaml', '--seed', '99', '--out', 'cmp');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'cmp/compare.json'), 'utf8'));
    expect(json.runs.map((run: { summary: { seed: number } }) => run.summary.seed)).toEqual([99, 99]);
  });

  it('--no-charts writes compare.json, report.md and report.html and no PNG', () => {
    const r = lamsim('compare', 'db-direct.yaml', 'db-proxy.yaml', '--out', 'cmp-no-charts', '--no-charts');
    expect(r.status).toBe(0);
    expect(
      readdirSync(join(dir, 'cmp-no-charts'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['compare.json', 'report.html', 'report.md']);
    expect(readFileSync(join(dir, 'cmp-no-charts/report.md'), 'utf8')).toContain(
      '(drawn in report.html; no PNG with --no-charts)',
    );
  });

  it('diff --no-charts: no PNG in the bundle, and the comment names no chart file', () => {
    const r = lamsim(
      'diff',
      'db-direct.yaml',
      'db-proxy.yaml',
      '--out',
      'diff-no-charts',
      '--no-charts',
      '--format',
      'md',
    );
    expect(r.status).toBe(0);
    const written = readdirSync(join(dir, 'diff-no-charts'));
    expect(written).toContain('report.html');
    expect(written.filter((name) => name.endsWith('.png'))).toEqual([]);
    expect(r.stdout).not.toMatch(/\.png/);
  });

  it('needs two scenarios', () => {
    const r = lamsim('compare', 'burst.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('at least two scenario files');
  });
});

describe('lamsim --version', () => {
  it('prints the version summary.json records, and exits 0', () => {
    const r = lamsim('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${LAMSIM_VERSION}\n`);
  });
});

describe('bad input', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  it('lamsim validate prints nothing for a good file and exits 0', () => {
    const r = lamsim('validate', 'burst.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('lamsim validate reports FILE:LINE:COL for a broken file, exit 2, no stack trace', () => {
    const r = lamsim('validate', 'broken.yaml');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.yaml:\d+:\d+/);
    noStack(r.stderr);
  });

  it('refuses a scenario too large to simulate, with an estimate, before writing anything', () => {
    const r = lamsim('run', 'burst.yaml', '--max-invocations', '10', '--out', 'too-large');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^burst\.yaml:\d+:\d+ duration: scenario too large to simulate: about [\d,.]+M? invocations and calls \(roughly \d+ (s|min)\), above the limit of 10;/,
    );
    noStack(r.stderr);
    expect(readdirSync(dir)).not.toContain('too-large');
  });

  it('an unknown option is a usage error, exit 2', () => {
    const r = lamsim('run', 'burst.yaml', '--sead', '3');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('lamsim:');
    noStack(r.stderr);
  });
});
