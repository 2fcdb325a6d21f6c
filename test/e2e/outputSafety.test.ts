/**
 * Issue 17, items 1-3 and 7: lamsim never deletes what it did not write. Each case is a
 * reproducer from the abuse audit (today it deleted files, turned a file into a folder, or wrote
 * its bundle as reports/ itself); every refusal is exit 2 with one clear line and nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

describe("--out never replaces the command's own inputs, even with --force", () => {
  /** Every file under `dir` with its bytes. */
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((name) => !statSync(join(dir, name)).isDirectory())
        .sort()
        .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );

  it('run --collect DIR: --out DIR, DIR/results or a parent of DIR is refused; the sweep is untouched', async () => {
    const dir = scratch({ 's.yaml': TINY });
    const sweep = join(dir, 'sweeps/reps');
    const ok = async (argv: string[]) => expect((await lamsimInProcess(argv)).code).toBe(0);
    await ok(['run', join(dir, 's.yaml'), '--replications', '2', '--plan-jobs', sweep]);
    for (const i of [0, 1]) await ok(['job', join(sweep, `job-000${i}.json`)]);
    const before = contents(dir);
    for (const [out, held] of [
      [sweep, 'holds'],
      [join(sweep, 'results'), 'is'],
      [join(dir, 'sweeps'), 'holds'],
    ]) {
      for (const force of [[], ['--force']]) {
        const r = await lamsimInProcess([
          'run',
          join(dir, 's.yaml'),
          '--collect',
          sweep,
          '--out',
          out,
          ...force,
        ]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`lamsim: report folder ${out} ${held} this command's input`);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        noStack(r.stderr);
        expect(contents(dir)).toEqual(before);
      }
    }
    // Beside the results, the bundle is written.
    await ok(['run', join(dir, 's.yaml'), '--collect', sweep, '--out', join(sweep, 'report'), '--no-charts']);
    expect(existsSync(join(sweep, 'report/summary.json'))).toBe(true);
  }, 120_000);

  it("merge: --out one of the partials' folders (or a folder holding one) is refused; the partials are untouched", async () => {
    const dir = scratch({ 's.yaml': TINY });
    for (const k of [1, 2]) {
      const r = await lamsimInProcess([
        'run',
        join(dir, 's.yaml'),
        '--shard',
        `${k}/2`,
        '--out',
        join(dir, `shc/${k}`),
      ]);
      expect(r.code).toBe(0);
    }
    const before = contents(dir);
    for (const [inputs, out] of [
      [['shc/1', 'shc/2'], 'shc/1'],
      [['shc/1/partial.json', 'shc/2'], 'shc/1'],
      [['shc/1', 'shc/2'], 'shc'],
    ] as const) {
      const r = await lamsimInProcess([
        'merge',
        ...inputs.map((p) => join(dir, p)),
        '--out',
        join(dir, out),
        '--force',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^lamsim: report folder .* (is|holds) this command's input .*shc\/1/);
      expect(contents(dir)).toEqual(before);
    }
  }, 120_000);

  it('run FILE --out the folder holding FILE is refused with --force; the scenario is untouched', async () => {
    const dir = scratch({});
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 's.yaml'), TINY);
    const r = await lamsimInProcess([
      'run',
      join(dir, 'mine', 's.yaml'),
      '--out',
      join(dir, 'mine'),
      '--force',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`holds this command's input ${join(dir, 'mine', 's.yaml')}`);
    expect(tree(dir)).toEqual(['mine', 'mine/s.yaml']);
  });

  it("--out the folder holding the scenario's trace or stack template is refused with --force; both are untouched", async () => {
    const traced = TINY.replace(
      '  phases: [{ duration: 5s, arrivalRate: 2 }]',
      '  trace: { file: data/arrivals.csv, format: timestamps }',
    );
    const stacked = `lamsim: 1
name: stacked
stack: { template: data/template.yaml }
traffic: { target: Api, phases: [{ duration: 5s, arrivalRate: 2 }] }
functions:
  Api: { model: { compute: 10ms } }
`;
    const template = `Resources:
  Api: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x, Handler: i.h } }
`;
    const dir = scratch({ 'traced.yaml': traced, 'stacked.yaml': stacked });
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'arrivals.csv'), '0.5\n1.5\n');
    writeFileSync(join(dir, 'data', 'template.yaml'), template);
    const before = tree(dir);
    for (const [argv, input] of [
      [['run', 'traced.yaml'], 'arrivals.csv'],
      [['plan', 'stacked.yaml'], 'template.yaml'], // plan refuses a traced scenario before its --out
      [['run', 'stacked.yaml'], 'template.yaml'],
      [['tune', 'stacked.yaml'], 'template.yaml'],
      [['compare', 'stacked.yaml', 'traced.yaml'], 'template.yaml'],
      [['diff', 'traced.yaml', 'stacked.yaml'], 'arrivals.csv'],
    ] as const) {
      const [command, ...files] = argv;
      const r = await lamsimInProcess([
        command,
        ...files.map((f) => join(dir, f)),
        '--out',
        join(dir, 'data'),
        '--force',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `lamsim: report folder ${join(dir, 'data')} holds this command's input ${join(dir, 'data', input)}: writing the bundle there would delete it`,
      );
      noStack(r.stderr);
      expect(tree(dir)).toEqual(before);
    }
  }, 120_000);

  it('job --out: never replaces a file that is not a job result; an empty or repeated --out is refused', async () => {
    const dir = scratch({ 's.yaml': TINY });
    const sweep = join(dir, 'sweep');
    expect(
      (await lamsimInProcess(['run', join(dir, 's.yaml'), '--replications', '2', '--plan-jobs', sweep])).code,
    ).toBe(0);
    mkdirSync(join(dir, 'user'));
    writeFileSync(join(dir, 'user', 'job-0001.json'), 'my precious data');
    const job = join(sweep, 'job-0001.json');
    const cases: [string[], RegExp][] = [
      [
        ['--out', join(dir, 'user')],
        /^lamsim job: .*user\/job-0001\.json exists and is not a lamsim job result/,
      ],
      // The sweep folder itself: the result would replace the job file.
      [['--out', sweep], /^lamsim job: .*sweep\/job-0001\.json exists and is not a lamsim job result/],
      [['--out', join(dir, 's.yaml')], /^lamsim job: --out .*s\.yaml is not a folder/],
      [['--out', ''], /^--out: name the folder for the job's result/],
      [['--out', join(dir, 'a'), '--out', join(dir, 'b')], /^--out: given 2 times; give it once/],
    ];
    const before = contents(dir);
    for (const [flags, message] of cases) {
      const r = await lamsimInProcess(['job', job, ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(contents(dir)).toEqual(before);
    }
    // Its own result it replaces (a job run again).
    for (let i = 0; i < 2; i++)
      expect((await lamsimInProcess(['job', job, '--out', join(dir, 'out')])).code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['job-0001.json']);
  }, 120_000);
});
