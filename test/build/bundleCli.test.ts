/**
 * The bundled command line (`bin.lamsim` = dist/bundle/main.cjs, src/build/bundleCli.ts) runs the
 * same code as the sources: bundled from tsc's dist/ into a folder of its own under dist/ (so
 * the packages left external resolve from the repository's node_modules, as they do for the
 * installed bundle), it writes the same bytes as `tsx src/cli/main.ts` for a run and for a run
 * on the worker pool (`--shards 2`, whose workers are bundled beside main.cjs), and a second
 * bundling of unchanged inputs rewrites nothing. What each file holds is read from the bundle's
 * metafile (meta.json): `--help` loads no library code, `validate` no simulator, report, chart or
 * worker-pool code, and no file shares a chunk with another. `validate` runs no ES module.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN_FILE, bundleCli, bundleUpToDate, COMMAND_BUNDLES, METAFILE } from '../../src/build/bundleCli.ts';
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
const bundled = (...args: string[]) => run(process.execPath, [join(out, BIN_FILE), ...args]);
const source = (...args: string[]) => run(TSX, [SOURCE_MAIN, ...args]);
const file = (path: string) => readFileSync(join(work, path), 'utf8');

/**
 * A preloaded script's line: at exit, Node's own modules loaded after it, one per line on stderr,
 * listed before anything touches stderr (its first use loads Node's streams): put it before lines
 * whose exit handlers write.
 */
const BUILTINS_AT_EXIT =
  'const before = new Set(process.moduleLoadList); process.on("exit", () => { const loaded = process.moduleLoadList.filter((m) => !before.has(m)); process.stderr.write(loaded.map((m) => m + "\\n").join("")); });';

/** A preloaded script's lines: names each bundle the loader compiles (vm.Script's filename), one per line on stderr at exit. */
const BUNDLES_AT_EXIT = [
  'const vm = require("node:vm"); const S = vm.Script; const names = [];',
  'vm.Script = class extends S { constructor(src, o) { super(src, o); names.push(require("node:path").basename(o.filename)); } };',
  'process.on("exit", () => process.stderr.write(names.map((n) => n + "\\n").join("")));',
];

/** Runs the built bin as `lamsim ...args` with `lines` (CommonJS) preloaded from work/NAME-spy.cjs. */
function spied(name: string, lines: readonly string[]): (...args: string[]) => ReturnType<typeof run> {
  const spy = join(work, `${name}-spy.cjs`);
  writeFileSync(spy, lines.join('\n'));
  return (...args) => run(process.execPath, ['--require', spy, join(out, BIN_FILE), ...args]);
}

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

  it('runs `validate FILE` on its direct path with the same output and exit code as the parser', () => {
    // src/cli/start.ts: `validate FILE` alone skips cli.js and yargs; the sources always parse.
    const shipped = (name: string) => join(ROOT, 'scenarios', name);
    writeFileSync(join(work, 'ok.yaml'), BURST_YAML);
    writeFileSync(join(work, 'bad.yaml'), 'lamsim: 1\nname: bad\nduration: -5s\n');
    writeFileSync(join(work, 'warned.yaml'), `%FOO bar\n---\n${BURST_YAML}`);
    writeFileSync(
      join(work, 'huge.yaml'),
      BURST_YAML.replace('duration: 1m', 'duration: 3650d').replace(
        'duration: 20s, arrivalRate: 300',
        'duration: 3650d, arrivalRate: 3000',
      ),
    );
    const cases: [string, number][] = [
      ['ok.yaml', 0],
      ['warned.yaml', 0],
      [shipped('api-burst.yaml'), 0],
      [shipped('stack-rds-proxy.yaml'), 0],
      ['bad.yaml', 2],
      ['huge.yaml', 2],
      ['missing.yaml', 2],
      ['.', 2],
    ];
    for (const [path, status] of cases) {
      const b = bundled('validate', path);
      const s = source('validate', path);
      expect(b.status, path).toBe(status);
      expect(s.status, path).toBe(status);
      expect(b.stdout, path).toBe(s.stdout);
      expect(b.stderr, path).toBe(s.stderr);
      if (path === 'warned.yaml' || path === 'huge.yaml') expect(b.stderr, path).not.toBe('');
    }
  });

  it('runs `run FILE [--out DIR] [--force] [--no-charts]` on its direct path with the same output and exit code as the parser', () => {
    // src/cli/start.ts: such a `run` skips cli.js and yargs; the sources always parse. Each case
    // writes into a folder of its own (`D`), named differently for the two, and the outputs are
    // compared with the folder's name replaced.
    writeFileSync(join(work, 'bad.yaml'), 'lamsim: 1\nname: bad\nduration: -5s\n');
    writeFileSync(join(work, 'warned.yaml'), `%FOO bar\n---\n${BURST_YAML}`);
    const occupied = (dir: string) => {
      mkdirSync(join(work, dir), { recursive: true });
      writeFileSync(join(work, dir, 'notes.txt'), 'mine\n');
    };
    const cases: [string[], number][] = [
      [['run', 'burst.yaml', '--no-charts', '--out', 'D'], 0],
      [['run', 'warned.yaml', '--out', 'D', '--no-charts', '--force'], 0],
      [['run', 'burst.yaml', '--force', '--no-charts', '--out', 'D-occupied'], 0],
      [['run', 'burst.yaml', '--no-charts', '--out', 'D-occupied'], 2],
      [['run', 'bad.yaml', '--out', 'D'], 2],
      [['run', 'missing.yaml', '--out', 'D'], 2],
      [['run', 'burst.yaml', '--out', '/'], 2],
      [['run', 'burst.yaml', '--out', '.'], 2],
    ];
    for (const [n, [args, status]] of cases.entries()) {
      const named = (who: string) => args.map((a) => (a.startsWith('D') ? `${who}-${n}${a.slice(1)}` : a));
      const ran = (who: string, command: (...argv: string[]) => ReturnType<typeof run>) => {
        const argv = named(who);
        const dir = argv[argv.indexOf('--out') + 1];
        if (dir.endsWith('-occupied')) occupied(dir);
        return { dir, result: command(...argv) };
      };
      const b = ran('direct', bundled);
      const s = ran('parsed', source);
      const label = args.join(' ');
      expect(b.result.status, label).toBe(status);
      expect(s.result.status, label).toBe(status);
      const same = (text: string, dir: string) => text.replaceAll(dir, 'D');
      expect(same(b.result.stdout, b.dir), label).toBe(same(s.result.stdout, s.dir));
      expect(same(b.result.stderr, b.dir), label).toBe(same(s.result.stderr, s.dir));
      if (status === 0) {
        expect(file(join(b.dir, 'summary.json')), label).toBe(file(join(s.dir, 'summary.json')));
        expect(file(join(b.dir, 'report.md')), label).toBe(file(join(s.dir, 'report.md')));
      }
    }
  });

  it('loads neither cli.js nor node:crypto nor a stream for `validate FILE`, and cli.js for anything more', () => {
    // The preloaded script lists the modules of Node's own loaded after it (its exit handler runs
    // first: the first write to stderr loads Node's streams), then names each bundle the loader compiles.
    const spiedBin = spied('script', [BUILTINS_AT_EXIT, ...BUNDLES_AT_EXIT]);
    writeFileSync(join(work, 'ok.yaml'), BURST_YAML);
    const direct = spiedBin('validate', 'ok.yaml');
    expect(direct.status).toBe(0);
    expect(direct.stderr.split('\n').filter((l) => l.endsWith('.js'))).toEqual(['errors.js', 'validate.js']);
    expect(direct.stderr).not.toMatch(/^NativeModule (crypto|stream|net|tty|assert)$/m);
    const parsed = spiedBin('validate', 'ok.yaml', '--max-invocations', '50M');
    expect(parsed.status).toBe(0);
    expect(parsed.stderr.split('\n').filter((l) => l.endsWith('.js'))).toEqual([
      'cli.js',
      'errors.js',
      'validate.js',
    ]);
  });

  it('loads no cli.js for a direct `run`, and cli.js for a `run` the parser must read or report', () => {
    // The preloaded script names each bundle the loader compiles.
    const spiedBin = spied('run-script', BUNDLES_AT_EXIT);
    const bundles = (...args: string[]) => {
      const r = spiedBin(...args);
      return { status: r.status, names: r.stderr.split('\n').filter((l) => l.endsWith('.js')) };
    };
    expect(bundles('run', 'burst.yaml', '--no-charts', '--out', 'spied-direct')).toEqual({
      status: 0,
      names: ['errors.js', 'simulating.js'],
    });
    // `--out /` is refused by the parser: the direct path hands it over, having done nothing.
    expect(bundles('run', 'burst.yaml', '--no-charts', '--out', '/')).toEqual({
      status: 2,
      names: ['errors.js', 'simulating.js', 'cli.js'],
    });
    expect(bundles('run', 'burst.yaml', '--no-charts', '--seed', '2', '--out', 'spied-parsed')).toEqual({
      status: 0,
      names: ['cli.js', 'errors.js', 'simulating.js'],
    });
  });

  it('stops the young generation growing before `run` simulates when it draws PNGs after, not with --no-charts', () => {
    // A preloaded script says on stderr when a V8 flag is set, and whether the summary (printed
    // once the simulation ends) was written yet (src/io/youngGeneration.ts, run.ts's runWhole).
    const spiedBin = spied('flag', [
      'const v8 = require("node:v8"); const set = v8.setFlagsFromString; let printed = false;',
      'const write = process.stdout.write.bind(process.stdout);',
      'process.stdout.write = (...a) => { printed = true; return write(...a); };',
      'v8.setFlagsFromString = (f) => { process.stderr.write("FLAG " + f + (printed ? " after" : " before") + "\\n"); return set(f); };',
    ]);
    const charts = spiedBin('run', 'burst.yaml', '--out', 'young-charts');
    expect(charts.status).toBe(0);
    expect(charts.stderr).toBe('FLAG --semi-space-growth-factor=1 before\n');
    const none = spiedBin('run', 'burst.yaml', '--no-charts', '--out', 'young-none');
    expect(none.status).toBe(0);
    expect(none.stderr).toBe('');
  });

  it('writes a report bundle without Node compiling a package file: proper-lockfile is bundled', () => {
    // A preloaded script names each file Node's CommonJS loader compiles (the packages left
    // external: the canvas, Chart.js, cli-progress, piscina); --no-charts loads none of them.
    const r = spied('compile', [
      'const M = require("node:module"); const compile = M.prototype._compile;',
      'M.prototype._compile = function (src, file) { process.stderr.write("COMPILED " + file + "\\n"); return compile.call(this, src, file); };',
    ])('run', 'burst.yaml', '--no-charts', '--out', 'compile-spy');
    expect(r.status).toBe(0);
    expect(existsSync(join(work, 'compile-spy/summary.json'))).toBe(true);
    // The spy sees the bin itself, so it would see a package file too.
    expect(r.stderr).toMatch(new RegExp(`^COMPILED ${join(out, BIN_FILE)}$`, 'm'));
    expect(r.stderr).not.toMatch(/node_modules/);
  });

  it("waits for another writer's lock on the folder, as the sources do (the bundled proper-lockfile)", async () => {
    // A fresh `.NAME.lock` (src/io/writeBundle.ts) held by "another writer": the run writes its
    // files into its temporary copy, then may not swap until the lock is gone (stale only after
    // 10 s; retried for ~half a minute). Without a working lock it would swap at once.
    const lockDir = join(work, '.locked.lock');
    mkdirSync(lockDir);
    const child = spawn(
      process.execPath,
      [join(out, BIN_FILE), 'run', 'burst.yaml', '--no-charts', '--out', 'locked'],
      { cwd: work, stdio: 'ignore' },
    );
    let ended = false;
    const exited = new Promise<number | null>((done) =>
      child.on('exit', (code) => {
        ended = true;
        done(code);
      }),
    );
    const swapped = () => existsSync(join(work, 'locked'));
    const written = () =>
      readdirSync(work).some(
        (e) => e.startsWith('.locked.tmp-') && existsSync(join(work, e, '.lamsim-bundle')),
      );
    while (!written() && !swapped() && !ended) await new Promise((done) => setTimeout(done, 20));
    expect(swapped()).toBe(false);
    expect(ended).toBe(false);
    const heldUntilMs = Date.now() + 500;
    while (Date.now() < heldUntilMs) {
      expect(swapped()).toBe(false);
      await new Promise((done) => setTimeout(done, 20));
    }
    rmSync(lockDir, { recursive: true });
    expect(await exited).toBe(0);
    expect(existsSync(join(work, 'locked/summary.json'))).toBe(true);
    // Released: its own lock is gone too.
    expect(existsSync(lockDir)).toBe(false);
  });

  it('loads node:child_process only for git (`diff --base-ref`), not to run a scenario', () => {
    // A preloaded script lists, at exit, the modules of Node's own that the command loaded.
    const r = spied('child-process', [BUILTINS_AT_EXIT])(
      'run',
      'burst.yaml',
      '--no-charts',
      '--out',
      'child-process-spy',
    );
    expect(r.status).toBe(0);
    // The spy sees what the run loads (its hash of the scenario needs node:crypto).
    expect(r.stderr).toMatch(/^NativeModule crypto$/m);
    expect(r.stderr).not.toMatch(/^NativeModule child_process$/m);
  });

  it("parses without yargs' package.json search or node:assert (src/build/yargsStubs.ts), and keeps lamsim's version", () => {
    // A preloaded script names each folder read and, at exit, the modules of Node's own loaded.
    const spiedBin = spied('yargs', [
      'const fs = require("node:fs"); const readdir = fs.readdirSync;',
      'fs.readdirSync = (dir, ...a) => { process.stderr.write("READDIR " + dir + "\\n"); return readdir(dir, ...a); };',
      BUILTINS_AT_EXIT,
    ]);
    writeFileSync(join(work, 'ok.yaml'), BURST_YAML);
    // An option sends `validate` through cli.js and yargs (the spy sees cli.js's own modules).
    const parsed = spiedBin('validate', 'ok.yaml', '--max-invocations', '50M');
    expect(parsed.status).toBe(0);
    expect(parsed.stderr).toMatch(/^NativeModule vm$/m);
    expect(parsed.stderr).not.toMatch(/^READDIR /m);
    expect(parsed.stderr).not.toMatch(/^NativeModule assert$/m);
    const version = spiedBin('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(source('--version').stdout.trim());
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives `--help` and `run --help` the same text as the sources', () => {
    for (const args of [['--help'], ['run', '--help']]) {
      const b = bundled(...args);
      expect(b.status).toBe(0);
      expect(b.stdout).toMatch(/lamsim/);
      expect(b.stdout, args.join(' ')).toBe(source(...args).stdout);
    }
  });

  it('loads string-width (and its Intl.Segmenter) only when help is printed', () => {
    // A preloaded script wraps Intl.Segmenter and says on stderr when one is made.
    const spiedBin = spied('segmenter', [
      'const S = Intl.Segmenter; Intl.Segmenter = class extends S { constructor(...a) { super(...a); process.stderr.write("SEGMENTER\\n"); } };',
    ]);
    const help = spiedBin('--help');
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/SEGMENTER/);
    writeFileSync(join(work, 'ok.yaml'), BURST_YAML);
    const validate = spiedBin('validate', 'ok.yaml');
    expect(validate.status).toBe(0);
    expect(validate.stderr).not.toMatch(/SEGMENTER/);
  });

  it('starts `validate` without running an ES module (the bin and the bundles are CommonJS)', () => {
    // A preloaded script lists, at exit, the modules of Node's own that the command loaded.
    writeFileSync(join(work, 'ok.yaml'), BURST_YAML);
    const r = spied('module', [BUILTINS_AT_EXIT])('validate', 'ok.yaml');
    expect(r.status).toBe(0);
    // The spy sees what it is meant to see: the bundle loader's `vm`, loaded after it. An ES
    // module entry point would run as a module job, and build the facade of `node:fs`, which
    // loads its streams.
    expect(r.stderr).toMatch(/^NativeModule vm$/m);
    expect(r.stderr).not.toMatch(/internal\/modules\/esm\/module_job/);
    expect(r.stderr).not.toMatch(/internal\/fs\/streams/);
  });

  it("holds in each file only what its commands use (the bundle's metafile)", () => {
    const meta = JSON.parse(readFileSync(join(out, METAFILE), 'utf8')) as Metafile;
    const files = Object.keys(meta.outputs).filter((f) => f.endsWith('.js') || f.endsWith('.cjs'));
    const commandFiles = COMMAND_BUNDLES.map((entry) => entry.replace(/^.*\//, ''));
    expect(files.sort()).toEqual(
      [BIN_FILE, 'cli.js', 'errors.js', 'worker.js', 'shardWorker.js', ...commandFiles].sort(),
    );
    // The modules whose code a file holds (a barrel index.js re-exports, and holds no code).
    const inputs = (file: string) =>
      Object.entries(meta.outputs[file].inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path);
    const imports = (file: string) => meta.outputs[file].imports;
    // No chunk: a file imports only Node's modules, the external packages, errors.js (one
    // UserInputError for every file) and, from cli.js, the command bundles; main.cjs loads cli.js.
    for (const file of files) {
      for (const i of imports(file)) {
        expect(i.external, `${file} imports ${i.path}`).toBe(true);
        if (i.path.startsWith('./')) {
          const allowed = file === 'cli.js' ? ['errors.js', ...commandFiles] : ['errors.js'];
          expect(allowed, `${file} imports ${i.path}`).toContain(i.path.slice(2));
        }
      }
    }
    // main.cjs: the loader and the choice of the direct path alone. --help: the argument parser, the commands' usage and the
    // version; none of the library.
    expect(inputs(BIN_FILE).sort()).toEqual([
      'cli/bin.js',
      'cli/bundleLoader.js',
      'cli/closedStdout.js',
      'cli/directCommand.js',
      'cli/start.js',
    ]);
    const cliLamsim = inputs('cli.js').filter((p) => !p.includes('node_modules/'));
    expect(cliLamsim.sort()).toEqual(
      [
        'cli/closedStdout.js',
        'cli/main.js',
        'cli/parser.js',
        'cli/commands/index.js',
        'cli/commands/specs.js',
        'version.js',
        // yargs' package.json search and node:assert, replaced (src/build/yargsStubs.ts).
        'lamsim-yargs-stub:assert',
        'lamsim-yargs-stub:escalade/sync',
      ].sort(),
    );
    expect(inputs('cli.js').filter((p) => /node_modules\/(zod|yaml|decimal\.js)\//.test(p))).toEqual([]);
    // validate: the scenario parser, not the simulator, the summaries, the reports' builders,
    // the charts or the worker pool.
    const validate = inputs('validate.js');
    expect(validate).toContain('scenario/parse.js');
    const simulatorOrReports = validate.filter((p) =>
      /^(model\/(world|collectRun)|model\/function\/|engine\/eventQueue|results\/|report\/(charts|runReport|html|markdown)|io\/(renderChartPng|chartJsSource|writeBundle)|experiments\/(runners|run|shardRunner))/.test(
        p,
      ),
    );
    expect(simulatorOrReports).toEqual([]);
    // zod as lamsim uses it: no locale but English (the one zod configures). `import { z } from
    // 'zod'` gave esbuild zod's whole namespace object, locales and all (64 files, 297 KB of
    // validate.js's 1.1 MB); `import * as z` lets it keep only the members used.
    const zodModules = validate.filter((p) => p.includes('node_modules/zod/'));
    expect(zodModules).toContain('../node_modules/zod/v4/locales/en.js');
    expect(zodModules.filter((p) => /\/locales\/(?!en\.js$)/.test(p))).toEqual([]);
    const validateExternal = imports('validate.js').map((i) => i.path);
    for (const pkg of ['piscina', 'chart.js', 'chartjs-node-canvas', '@napi-rs/canvas', 'canvas']) {
      expect(validateExternal).not.toContain(pkg);
    }
    // The pool's workers: no scenario parser (their text has no module comments once minified).
    for (const worker of ['worker.js', 'shardWorker.js']) {
      expect(
        inputs(worker).filter((p) => /node_modules\/(zod|yaml)\//.test(p)),
        worker,
      ).toEqual([]);
      expect(inputs(worker), worker).toContain('model/world.js');
    }
    // The commands that simulate do hold the simulator and the reports (the check above can fail).
    const simulating = inputs('simulating.js');
    expect(simulating).toContain('model/world.js');
    expect(simulating).toContain('report/runReport.js');
  });

  it("runs the command line's bundles with the code cache V8 accepts", () => {
    // A plain node, as `lamsim` runs: V8 takes a cache made under the same flags only.
    const files = ['cli.js', 'errors.js', ...COMMAND_BUNDLES.map((entry) => entry.replace(/^.*\//, ''))];
    const script = [
      `import { compileBundle } from ${JSON.stringify(pathToFileURL(join(DIST, 'cli/bundleLoader.js')).href)};`,
      `for (const f of ${JSON.stringify(files)}) console.log(f, compileBundle(${JSON.stringify(out)} + '/' + f).cacheRejected);`,
    ].join('\n');
    const r = run(process.execPath, ['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').sort()).toEqual(files.map((f) => `${f} false`).sort());
  });

  it('trains the caches on real commands: each holds more compiled code than its bundle compiled alone', () => {
    // A trained cache is written after a command ran (TRAINING_COMMANDS), so it also holds the
    // functions the command called; a cache made by compiling alone holds the top level only.
    const copies = mkdtempSync(join(DIST, 'bundle-compiled-'));
    try {
      const trained = [
        'cli.js',
        'validate.js',
        'simulating.js',
        'schema.js',
        'cost.js',
        'scenarioWriters.js',
      ];
      for (const f of trained) writeFileSync(join(copies, f), readFileSync(join(out, f)));
      const c = run(process.execPath, [
        join(DIST, 'cli/codeCache.js'),
        'compile',
        ...trained.map((f) => join(copies, f)),
      ]);
      expect(c.stderr).toBe('');
      for (const f of trained) {
        const trainedBytes = statSync(join(out, `${f}.cache`)).size;
        const compiledBytes = statSync(join(copies, `${f}.cache`)).size;
        expect(trainedBytes, f).toBeGreaterThan(1.2 * compiledBytes);
      }
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  });

  it('is not rebuilt while it is newer than tsc’s build info and package-lock.json', async () => {
    const main = join(out, METAFILE);
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
