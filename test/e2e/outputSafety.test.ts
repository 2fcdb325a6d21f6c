/**
 * Issue 17, items 1-3 and 7: lamsim never deletes what it did not write. Each case is a
 * reproducer from the abuse audit (today it deleted files, turned a file into a folder, or wrote
 * its bundle as reports/ itself); every refusal is exit 2 with one clear line and nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_MARKER } from '../../src/io/bundleDir.ts';
import { lamsim, lamsimInProcess, scratch } from '../experiments/cli.ts';

const TINY = `lamsim: 1
name: tiny
duration: 5s
traffic:
  target: api
  phases: [{ duration: 5s, arrivalRate: 2 }]
functions:
  api:
    runtime: nodejs22.x
    model: { compute: 10ms }
`;
const UNNAMED = TINY.replace('name: tiny\n', '');

/** Every path under `dir`, recursively, sorted. */
const tree = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('--out only ever replaces a lamsim bundle', () => {
  it('a folder holding other files is refused (exit 2), its files untouched', async () => {
    const dir = scratch({ 's.yaml': TINY });
    mkdirSync(join(dir, 'mydocs'));
    writeFileSync(join(dir, 'mydocs', 'thesis.tex'), 'years of work');
    const r = await lamsimInProcess(['run', join(dir, 's.yaml'), '--out', join(dir, 'mydocs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mydocs holds files lamsim did not write \("thesis\.tex"\).*--force/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(tree(dir)).toEqual(['mydocs', 'mydocs/thesis.tex', 's.yaml']);
  });

  it('--force replaces it, and the result is a marked bundle', async () => {
    const dir = scratch({ 's.yaml': TINY });
    mkdirSync(join(dir, 'old'));
    writeFileSync(join(dir, 'old', 'junk.txt'), 'x');
    const r = await lamsimInProcess(['run', join(dir, 's.yaml'), '--out', join(dir, 'old'), '--force']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'old', 'junk.txt'))).toBe(false);
    expect(existsSync(join(dir, 'old', BUNDLE_MARKER))).toBe(true);
    expect(existsSync(join(dir, 'old', 'summary.json'))).toBe(true);
  });

  it('the working directory, its parents, / and a file are refused even with --force', async () => {
    const dir = scratch({ 's.yaml': TINY, 'afile.txt': 'keep me' });
    // Spawned in `dir`: --out "$PWD" (the audit deleted source files this way).
    const r = lamsim(['run', 's.yaml', '--out', dir, '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--out .* is the current directory or one of its parents/);
    noStack(r.stderr);
    // In-process, relative paths are relative to the test's working directory (the repository).
    for (const out of ['.', '..', '/', process.cwd(), join(dir, 'afile.txt')]) {
      const inProcess = await lamsimInProcess(['run', join(dir, 's.yaml'), '--out', out, '--force']);
      expect(inProcess.code, out).toBe(2);
      expect(inProcess.stderr, out).toMatch(/^--out /);
    }
    expect(tree(dir)).toEqual(['afile.txt', 's.yaml']);
    expect(readFileSync(join(dir, 'afile.txt'), 'utf8')).toBe('keep me');
  });

  it.each([
    [['--out'], /--out: name the folder/],
    [['--out', ''], /--out: name the folder/],
    [['--out', 'a', '--out', 'b'], /--out: given 2 times/],
  ])('%j is exit 2', async (flags, message) => {
    const dir = scratch({ 's.yaml': TINY });
    const r = await lamsimInProcess(['run', join(dir, 's.yaml'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(tree(dir)).toEqual(['s.yaml']);
  });
});

describe("runs do not delete each other's results", () => {
  it('run after tune keeps reports/<name>/tune/, and tune after run keeps the run', () => {
    const dir = scratch({ 's.yaml': TINY });
    expect(lamsim(['tune', 's.yaml', '--memory', '128,256'], dir).code).toBe(0);
    expect(lamsim(['run', 's.yaml'], dir).code).toBe(0);
    const tuneJson = readFileSync(join(dir, 'reports/tiny/tune/tune.json'), 'utf8');
    expect(lamsim(['run', 's.yaml', '--seed', '2'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'reports/tiny/tune/tune.json'), 'utf8')).toBe(tuneJson);
    expect(JSON.parse(readFileSync(join(dir, 'reports/tiny/summary.json'), 'utf8')).seed).toBe(2);
    expect(lamsim(['tune', 's.yaml', '--memory', '128,512'], dir).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports/tiny/summary.json'), 'utf8')).seed).toBe(2);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['tiny']);
  }, 240_000); // five CLI processes
});

describe('names that become paths are validated', () => {
  it.each([
    ['..yaml', "'.'"],
    ['<svg onload=alert(1)>.yaml', "'<svg onload=alert(1)>'"],
  ])(
    'a scenario saved as %s with no name: is exit 2 naming `name`; reports/ untouched',
    async (file, quoted) => {
      const dir = scratch({ [file]: UNNAMED });
      mkdirSync(join(dir, 'reports', 'api-burst'), { recursive: true });
      writeFileSync(join(dir, 'reports', 'api-burst', 'summary.json'), '{"lamsim":{}}');
      const message = `${file}:1:1 name: the file name gives the scenario the name ${quoted}`;
      const validate = await lamsimInProcess(['validate', join(dir, file)]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toContain(message);
      // Spawned in `dir`, where the default report folder reports/<name>/ would be resolved.
      const run = lamsim(['run', file], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      noStack(run.stderr);
      expect(tree(dir)).toEqual(
        [file, 'reports', 'reports/api-burst', 'reports/api-burst/summary.json'].sort(),
      );
    },
  );
});
