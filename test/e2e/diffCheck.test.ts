/**
 * `lamsim diff` and `lamsim check` spawned end to end: two shipped scenarios (direct connections vs
 * RDS Proxy) in JSON with a bundle; a scenario against a git ref, where only a file the scenario
 * references changed between the commits (so it must be read at the ref too), in Markdown and
 * text; clear exit-2 errors for a bad ref and a file missing at the ref; `check` exits 3 on a
 * broken budget, 0 within budget, 2 without budgets.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lamsim } from '../experiments/cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** Handler compute time drawn from `compute.csv` (an empirical distribution the scenario references). */
const SCENARIO = `lamsim: 1
name: worker
seed: 3
duration: 1m
traffic: { target: worker, phases: [{ duration: 1m, arrivalRate: 30 }] }
functions:
  worker:
    runtime: python3.12
    memorySize: 1024
    model: { compute: { dist: empirical, file: compute.csv, unit: ms } }
budgets:
  p99: 100ms
  functions:
    worker: { coldStartRate: 50% }
`;
const csv = (values: number[]) => `ms\n${values.join('\n')}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-diff-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  writeFileSync(join(dir, 'worker.yaml'), SCENARIO);
  writeFileSync(join(dir, 'compute.csv'), csv([10, 12, 14, 16, 18, 20]));
  // Budgets that no longer validate in the base (the head fixes them): only the head's are checked.
  writeFileSync(
    join(dir, 'budgeted.yaml'),
    `${SCENARIO.replace(/budgets:[\s\S]*$/, '')}budgets:\n  p99: fast\n`,
  );
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(
    join(dir, 'budgeted.yaml'),
    `${SCENARIO.replace(/budgets:[\s\S]*$/, '')}budgets:\n  p99: 1s\n`,
  );
  // The head changes only the referenced samples: the handler gets ten times slower.
  writeFileSync(join(dir, 'compute.csv'), csv([100, 120, 140, 160, 180, 200]));
  writeFileSync(join(dir, 'new.yaml'), SCENARIO);
  writeFileSync(join(dir, 'loose.yaml'), 'budgets:\n  p99: 1s\n');
  git('add', '.');
  git('commit', '-q', '-m', 'head');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lamsim diff', () => {
  it('two shipped scenarios: JSON on stdout, the bundle in --out (RDS Proxy removes connection errors)', () => {
    const r = lamsim(
      [
        'diff',
        join(ROOT, 'scenarios/rds-direct.yaml'),
        join(ROOT, 'scenarios/rds-proxy.yaml'),
        '--format',
        'json',
        '--out',
        'rds',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const m = (id: string) => json.measures.find((x: { id: string }) => x.id === id);
    expect(m('resource:orders-db:connectionErrors')).toMatchObject({ head: 0, direction: 'better' });
    expect(m('resource:orders-db:connectionErrors').base).toBeGreaterThan(0);
    expect(m('function:orders-api:errorRate').direction).toBe('better');
    expect(m('cost:rds-proxy:vCPU hours').direction).toBe('added');
    expect(readFileSync(join(dir, 'rds/diff.json'), 'utf8')).toBe(r.stdout);
    for (const f of ['comment.md', 'compare.json', 'report.md', 'report.html', '.lamsim-bundle']) {
      expect(existsSync(join(dir, 'rds', f)), f).toBe(true);
    }
    expect(readFileSync(join(dir, 'rds/comment.md'), 'utf8')).toMatch(
      /^### lamsim diff: `.*rds-direct\.yaml` → `.*rds-proxy\.yaml`/,
    );
  });

  it('--base-ref: the scenario and the file it references as they were at the ref (Markdown)', () => {
    const r = lamsim(['diff', 'worker.yaml', '--base-ref', 'main~1', '--format', 'md'], dir);
    expect(r.code).toBe(3); // p99 100ms breaks: the head's handler takes 100-200 ms
    expect(r.stderr).toMatch(
      /^lamsim diff: BROKEN budgets\.p99: worker p99 latency [\d.]+ ms, budget ≤ 100 ms/,
    );
    expect(r.stdout.split('\n')[0]).toBe('### lamsim diff: `worker.yaml at main~1` → `worker.yaml`');
    const p50 = r.stdout.split('\n').find((l) => l.startsWith('| worker · latency p50 |'))!;
    // Base samples 10-20 ms, head ten times those, both scaled alike to 1024 MB, and the latency of
    // a direct invocation is the handler's: p50 grows tenfold (to the 3 digits printed). Read from
    // the working tree, the base would equal the head (ratio 1).
    const [, baseMs, headMs] = p50
      .match(/^\| worker · latency p50 \| ([\d.]+) ms \| ([\d.]+) ms \|/)!
      .map(Number);
    expect(headMs / baseMs).toBeGreaterThan(9.9);
    expect(headMs / baseMs).toBeLessThan(10.1);
  });

  it('--base-ref in text, with a budget file that holds: exit 0', () => {
    const r = lamsim(['diff', 'worker.yaml', '--base-ref', 'main~1', '--budget', 'loose.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^lamsim diff: worker\.yaml at main~1 -> worker\.yaml \(seeds 3\)$/,
    );
    expect(r.stdout).toMatch(/\nok budgets\.p99: worker p99 latency [\d.]+ ms, budget ≤ 1\.00 s /);
  });

  it("only the head's budgets are checked: a base whose budgets alone are invalid is diffed (--base-ref and two files)", () => {
    const atRef = lamsim(['diff', 'budgeted.yaml', '--base-ref', 'main~1'], dir);
    expect(atRef.stderr).toBe('');
    expect(atRef.code).toBe(0);
    expect(atRef.stdout).toMatch(/\nok budgets\.p99: worker p99 latency [\d.]+ ms, budget ≤ 1\.00 s /);
    writeFileSync(
      join(dir, 'bad-base.yaml'),
      `${SCENARIO.replace(/budgets:[\s\S]*$/, '')}budgets:\n  p99: fast\n`,
    );
    const files = lamsim(['diff', 'bad-base.yaml', 'budgeted.yaml'], dir);
    expect(files.stderr).toBe('');
    expect(files.code).toBe(0);
    // The head's own budgets still must be valid, and the rest of the base too.
    const badHead = lamsim(['diff', 'budgeted.yaml', 'bad-base.yaml'], dir);
    expect(badHead.code).toBe(2);
    expect(badHead.stderr).toMatch(/^bad-base\.yaml:\d+:\d+ budgets\.p99: /);
    writeFileSync(join(dir, 'broken-base.yaml'), SCENARIO.replace('seed: 3', 'seed: nope'));
    const brokenBase = lamsim(['diff', 'broken-base.yaml', 'budgeted.yaml'], dir);
    expect(brokenBase.code).toBe(2);
    expect(brokenBase.stderr).toMatch(/^broken-base\.yaml:\d+:\d+ seed: /);
  });

  it('a ref that names no commit: exit 2, one clear line', () => {
    const r = lamsim(['diff', 'worker.yaml', '--base-ref', 'nope'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lamsim: --base-ref nope: names no commit in the repository at .*\n$/);
  });

  it('a file missing at the ref: exit 2 at REF:FILE:1:1', () => {
    const r = lamsim(['diff', 'new.yaml', '--base-ref', 'main~1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('main~1:new.yaml:1:1: cannot read the scenario: no such file\n');
  });

  it('wrong arity: two files and --base-ref', () => {
    const r = lamsim(['diff', 'worker.yaml', 'new.yaml', '--base-ref', 'main'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name two scenario files \(BASE HEAD\), or one file and --base-ref REF/);
  });
});

describe('lamsim check', () => {
  it('exits 3 on a broken budget, with a line per budget: figure, budget, evidence', () => {
    const r = lamsim(['check', 'worker.yaml'], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /\nBROKEN budgets\.p99: worker p99 latency [\d.]+ ms, budget ≤ 100 ms \([\d,]+ successful of [\d,]+ requests\)\n/,
    );
    expect(r.stdout).toMatch(
      /\nok budgets\.functions\.worker\.coldStartRate: worker cold-start rate [\d.]+%, budget ≤ 50\.0% \(\d+ cold starts in [\d,]+ invocations\)\n/,
    );
    expect(r.stdout).toMatch(/\n1 of 2 budgets broken\n$/);
  });

  it('--format json: the JSON on stdout, each broken budget on stderr (as diff does)', () => {
    const r = lamsim(['check', 'worker.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ broken: 1 });
    expect(r.stderr).toMatch(
      /^lamsim check: BROKEN budgets\.p99: worker p99 latency [\d.]+ ms, budget ≤ 100 ms \([\d,]+ successful of [\d,]+ requests\)\n$/,
    );
  });

  it("exits 0 within budget (--budget FILE replaces the scenario's)", () => {
    const r = lamsim(['check', 'worker.yaml', '--budget', 'loose.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ broken: 0, budgets: [{ status: 'within' }] });
  });

  it('exits 2 when there is no budget to check, or the budget file is wrong', () => {
    writeFileSync(join(dir, 'plain.yaml'), SCENARIO.replace(/budgets:[\s\S]*$/, ''));
    const none = lamsim(['check', 'plain.yaml'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^plain\.yaml:1:1 budgets: no budget to check/);
    writeFileSync(join(dir, 'bad.yaml'), 'budgets:\n  p99: fast\n');
    const bad = lamsim(['check', 'worker.yaml', '--budget', 'bad.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bad\.yaml:2:8 budgets\.p99: /);
  });
});
