/**
 * The command line as bundles (`dist/bundle/`), built after `tsc` by `npm run build` (and so by
 * `prepare` at `npm install`): `bin.lamsim` points at `dist/bundle/main.cjs`.
 *
 * Why: unbundled, `lamsim validate` loads about 520 modules (360 of lamsim's, 95 of zod's) and
 * spends most of its start resolving and reading them (a CPU profile of `validate` on
 * api-burst: 60 % in Node's ESM loader and file I/O, 13 % GC); bundled, the same command takes
 * about half the CPU time (`npm run bench`: 0.71 s -> 0.44 s). The bundle is esbuild's (the
 * bundler tsx and vitest already install). Node compiles every byte a command loads before it
 * runs, so a command loads only the code it uses: esbuild's code splitting cannot give that (it
 * puts a file in a chunk by the files that import it, and through the library's `index.ts` files
 * every command reached every module: one 2.2 MB chunk that `--help` and `validate` compiled too),
 * so each file below is a bundle of its own, tree-shaken with lamsim's modules marked free of side
 * effects (a module none of whose exports is used is left out). Whitespace and syntax are
 * minified; names are kept, so a stack trace still names the functions.
 *
 * Contract:
 * - Input is tsc's output (`dist/`), so the bundle runs exactly the code the tests compile.
 * - `main.cjs` (`bin.lamsim`, src/cli/bin.ts) is a small CommonJS script that runs `cli.js`
 *   through src/cli/bundleLoader.ts, or, for `validate FILE` alone, `validate.js` directly, and
 *   for `run FILE` with at most `--out DIR`, `--force` and `--no-charts`, `simulating.js` directly
 *   (src/cli/start.ts: no argument parser). CommonJS, not an ES module: an ES module entry point is
 *   resolved, loaded and run as a module job, and its `import` of `node:fs` builds an ES module
 *   facade that reads every export of `fs` (loading its streams); with zod's per-parse compile
 *   (src/scenario/schemaIssues.ts) that was ~48 M instructions of `lamsim validate`'s ~818 M
 *   (callgrind, 0.818 -> 0.770 G). The command line's files are CommonJS scripts, each with V8's code
 *   cache beside it (`<file>.cache`, made here by dist/cli/codeCache.js), because Node 20 caches
 *   no compiled code for ES modules and compiling was a third of `validate`'s start. The caches
 *   are trained: written after real commands ran (TRAINING_COMMANDS), so they hold the functions
 *   those commands call, not only each bundle's top level. Each
 *   `import.meta.url` in them is the file's own URL, as in an ES module.
 * - `cli.js` holds the argument parser (yargs), the commands' usage and lamsim's version, and
 *   none of the library: `lamsim --help` loads nothing else. yargs' search for a package.json
 *   and its use of `node:assert` are stubbed there (./yargsStubs.ts). A command's module is loaded when the
 *   command runs, from the file COMMAND_BUNDLES names for it: the commands that simulate share
 *   `simulating.js`; `validate.js`, `schema.js` and `cost.js` hold one command each (validate's has
 *   the scenario parser, not the simulator, the reports, the charts or the worker pool);
 *   `scenarioWriters.js` holds import and calibrate.
 * - `errors.js` (src/cli/errors.ts, which imports nothing) is one file that every other one
 *   requires, so `UserInputError` is one class: cli.js maps what a command throws to its exit
 *   code with `instanceof`.
 * - The worker entry points (`experiments/worker.js`, `experiments/shardWorker.js`) are bundled
 *   beside `main.cjs` under the same names: the pools find them at `./worker.js` and
 *   `./shardWorker.js` next to the file that starts them, as they do in `dist/experiments/`.
 *   A worker loads the simulator, the bill and the summary (~250 KB), not the scenario parser
 *   (zod, yaml) or the reports. Importing it takes ~50 ms of CPU instead of 130-250 ms (zod's
 *   schemas are built at import), which each thread of a pool pays before its first run.
 *   lamsim's modules have no import-time effects that another module relies on (no module is
 *   imported for its effects alone).
 * - `meta.json` is esbuild's metafile of every file above (which modules each holds, what each
 *   imports): for `esbuild --analyze`-style questions and the tests. Written last, it is what
 *   "up to date" looks at.
 * - Packages that load native code or files of their own stay external, resolved from
 *   `node_modules` at run time (the canvas, Chart.js and its font, piscina's worker), as does
 *   cli-progress (required through `createRequire` when a progress bar is drawn); the rest
 *   (zod, yaml, yargs, proper-lockfile, ...) are bundled. proper-lockfile (with graceful-fs,
 *   retry and signal-exit) is in the files that write bundles (`simulating.js`,
 *   `scenarioWriters.js`), so its code is in their code caches: as an external package, Node
 *   resolved, read and compiled its 13 files each time a report bundle was written, after the
 *   last file (~13 ms in a profile). It is still evaluated only when writeBundle first takes a
 *   lock (a CommonJS module in a bundle runs at its first `require`), so graceful-fs patches
 *   `fs.close` and signal-exit hooks the process at the same moment as before. In the workers
 *   (ES modules), a `require` made from `createRequire` is in scope for the CommonJS code that
 *   is bundled; in the command line's files it is the loader's.
 * - Up to date = `meta.json` is newer than tsc's build info and than package-lock.json: then
 *   nothing is rebuilt or rewritten (a second `prepare` costs two file-time checks). Otherwise
 *   `outDir` is emptied and written again (it holds nothing else).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { yargsStubs } from './yargsStubs.ts';

/** Packages left to Node's resolver at run time (see the contract above). */
export const EXTERNAL_PACKAGES = [
  '@napi-rs/canvas',
  'canvas',
  'chartjs-node-canvas',
  'chart.js',
  'dejavu-fonts-ttf',
  'piscina',
  'cli-progress',
] as const;

/** `bin.lamsim`'s entry point, relative to `dist/`; written to `<outDir>/BIN_FILE`. */
export const BIN_ENTRY_POINT = 'cli/bin.js';

/** `bin.lamsim`'s file name in `outDir` (package.json's `bin.lamsim` is `dist/bundle/` and it). */
export const BIN_FILE = 'main.cjs';

/** The command line's entry point, relative to `dist/`; written to `<outDir>/cli.js`. */
export const CLI_ENTRY_POINT = 'cli/main.js';

/** The module every other bundle imports instead of holding a copy, relative to `dist/`. */
export const SHARED_ERRORS = 'cli/errors.js';

/**
 * The modules src/cli/commands/index.ts loads commands from, relative to `dist/`; each is written
 * to `<outDir>/<its file name>` and cli.js requires it from there when its command runs.
 */
export const COMMAND_BUNDLES = [
  'cli/commands/simulating.js',
  'cli/commands/validate.js',
  'cli/commands/schema.js',
  'cli/commands/cost.js',
  'cli/commands/scenarioWriters.js',
] as const;

/** The worker pools' entry points, relative to `dist/`; each is written to `<outDir>/<its file name>`. */
export const WORKER_ENTRY_POINTS = ['experiments/worker.js', 'experiments/shardWorker.js'] as const;

/** Every entry point, relative to `dist/`. */
export const ENTRY_POINTS = [
  BIN_ENTRY_POINT,
  CLI_ENTRY_POINT,
  SHARED_ERRORS,
  ...COMMAND_BUNDLES,
  ...WORKER_ENTRY_POINTS,
] as const;

/** The metafile written beside the bundles (see the contract above). */
export const METAFILE = 'meta.json';

/** pluginData of the resolutions the plugins below ask esbuild for: each plugin lets them pass. */
const INNER_RESOLVE = 'lamsim-inner-resolve';

/**
 * lamsim's modules under `distDir`: each is marked free of side effects (esbuild's
 * `sideEffects: false`, as a package.json can say), so esbuild leaves out a module none of whose
 * exports is used; an import of one of `separate` (paths relative to `distDir`) is left to Node,
 * as `./<its file name>`, the file of its own it is bundled into.
 */
function lamsimModules(distDir: string, separate: readonly string[]): Plugin {
  const root = resolve(distDir);
  const prefix = `${root}${sep}`;
  const apart = new Set(separate.map((file) => resolve(root, file)));
  return {
    name: 'lamsim-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === INNER_RESOLVE || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: INNER_RESOLVE,
        });
        if (r.errors.length > 0 || r.external || !r.path.startsWith(prefix)) return undefined;
        if (apart.has(r.path)) return { path: `./${basename(r.path)}`, external: true };
        return { path: r.path, sideEffects: false };
      });
    },
  };
}

/**
 * Packages whose default export is a function and whose import-time work only that function
 * needs; in the bundle each is evaluated when the function is first called. string-width (three
 * copies, under yargs, cliui and wrap-ansi) builds an `Intl.Segmenter` at import, which loads
 * ICU's break-iterator data: ~30 ms and ~90 M instructions at every start, for the widths of the
 * help text alone (lamsim never shows help once a command runs: src/cli/parser.ts).
 */
export const LAZY_PACKAGES = ['string-width'] as const;

const LAZY_NAMESPACE = 'lamsim-lazy';

/**
 * Each of LAZY_PACKAGES as a module whose default export calls the package's, which esbuild
 * bundles as a `require`d module: it evaluates on the first call, not at start.
 */
function lazyPackages(): Plugin {
  const names = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
  return {
    name: LAZY_NAMESPACE,
    setup(b) {
      b.onResolve({ filter: names }, async (args) => {
        if (args.pluginData === INNER_RESOLVE) return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: INNER_RESOLVE,
        });
        if (r.errors.length > 0 || r.external) return undefined;
        return { path: r.path, namespace: LAZY_NAMESPACE };
      });
      b.onLoad({ filter: /.*/, namespace: LAZY_NAMESPACE }, (args) => ({
        contents: [
          'let real;',
          'export default function lazy(...args) {',
          `  real ??= require(${JSON.stringify(args.path)}).default;`,
          '  return real(...args);',
          '}',
        ].join('\n'),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

const REQUIRE_SHIM =
  "import { createRequire as __lamsimCreateRequire } from 'node:module'; const require = __lamsimCreateRequire(import.meta.url);";

/** In a CommonJS bundle, `import.meta.url` is the bundle's own URL, as it is in an ES module. */
const IMPORT_META_SHIM = 'var __lamsimImportMetaUrl = require("node:url").pathToFileURL(__filename).href;';

const mtimeMs = (file: string): number =>
  existsSync(file) ? statSync(file).mtimeMs : Number.POSITIVE_INFINITY;

/**
 * True when `<outDir>/meta.json` (written last) is newer than every input the bundle depends on.
 */
export function bundleUpToDate(distDir: string, outDir: string, lockFile: string): boolean {
  const bundle = join(outDir, METAFILE);
  if (!existsSync(bundle)) return false;
  const builtAtMs = statSync(bundle).mtimeMs;
  return builtAtMs > mtimeMs(join(distDir, '.tsbuildinfo')) && builtAtMs > mtimeMs(lockFile);
}

/**
 * The metafiles of several builds as one, inputs relative to `distDir` and outputs relative to
 * `outDir` (each build's paths are relative to `distDir`, its working directory).
 */
function mergedMetafile(distDir: string, outDir: string, metafiles: readonly Metafile[]): Metafile {
  const merged: Metafile = { inputs: {}, outputs: {} };
  const outputName = (path: string) => relative(resolve(outDir), resolve(distDir, path));
  for (const m of metafiles) {
    Object.assign(merged.inputs, m.inputs);
    for (const [path, output] of Object.entries(m.outputs)) {
      merged.outputs[outputName(path)] = {
        ...output,
        imports: output.imports.map((i) => (i.external ? i : { ...i, path: outputName(i.path) })),
      };
    }
  }
  return merged;
}

/**
 * The commands the code caches are trained on (dist/cli/codeCache.js `train`), in order, with
 * file arguments relative to the package root and outputs relative to a temporary working
 * directory. A bundle's cache is the one written by the last command that loaded it, so
 * `validate`, whose start matters most (issue 14: 0.12 s), comes last and writes the cache of
 * `errors.js` as its direct path (src/cli/start.ts) runs it; `cli.js`'s is `run`'s. The other
 * commands (merge, job, compare, diff, check, tune, plan, calibrate) share their bundle with one
 * trained here, so at their start V8 compiles only the functions that they run and the trained
 * command did not. `run` is trained through the parser (`--max-file-size` at its default keeps it
 * off the direct path), so that its caches hold yargs' parse and the options' coercions, which
 * those commands run too; the direct path adds only runDirect. `run` is trained with `--no-charts`:
 * drawing PNGs changes a V8 flag (src/io/youngGeneration.ts), and V8 rejects a cache written under
 * other flags than its own (the PNG code left out is Chart.js's and the canvas's, never cached).
 */
export const TRAINING_COMMANDS: readonly (readonly string[])[] = [
  ['schema'],
  ['cost', '--requests', '3M', '--duration', '120ms', '--memory', '1536'],
  ['import', 'scenarios/templates/orders/template.yaml', '--out', 'orders.yaml'],
  ['run', 'scenarios/api-burst.yaml', '--out', 'run', '--no-charts', '--max-file-size', '100MB'],
  ['validate', 'scenarios/api-burst.yaml'],
];

/** A training command's arguments with its files resolved against `root` (outputs stay relative). */
function trainingArgs(root: string, args: readonly string[]): string[] {
  return args.map((arg) => (arg.startsWith('scenarios/') ? join(root, arg) : arg));
}

/**
 * Writes each CommonJS bundle's code cache beside it (dist/cli/codeCache.js), in a plain `node`
 * of its own (V8 accepts a cache only under the flags it was made with): first compiled and not
 * run, for every bundle, then trained on TRAINING_COMMANDS when the package's scenarios are
 * there (`root`), each command in a fresh temporary directory. Throws when a command fails.
 */
function writeCodeCaches(distDir: string, outDir: string, files: readonly string[], root: string): void {
  const codeCache = resolve(distDir, 'cli/codeCache.js');
  const env = { ...process.env, NODE_OPTIONS: '' };
  const r = spawnSync(process.execPath, [codeCache, 'compile', ...files], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`lamsim: writing the code caches failed: ${r.stderr || r.error}`);
  if (!existsSync(join(root, 'scenarios'))) return;
  for (const args of TRAINING_COMMANDS) {
    const cwd = mkdtempSync(join(tmpdir(), 'lamsim-code-cache-'));
    try {
      const t = spawnSync(
        process.execPath,
        [codeCache, 'train', resolve(outDir), ...trainingArgs(root, args)],
        { cwd, encoding: 'utf8', env },
      );
      if (t.status !== 0) {
        throw new Error(
          `lamsim: training the code caches on \`lamsim ${args.join(' ')}\` failed: ${t.stderr || t.error}`,
        );
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }
}

/**
 * Bundles `distDir`'s command line into `outDir` unless it is up to date. Returns whether it
 * built. Throws esbuild's error (with every message) when the build fails.
 */
export async function bundleCli(distDir: string, outDir: string, lockFile: string): Promise<boolean> {
  if (bundleUpToDate(distDir, outDir, lockFile)) return false;
  rmSync(outDir, { recursive: true, force: true });
  const entries = (files: readonly string[]) => files.map((file) => resolve(distDir, file));
  const common: BuildOptions = {
    absWorkingDir: resolve(distDir),
    outdir: resolve(outDir),
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...EXTERNAL_PACKAGES],
    banner: { js: REQUIRE_SHIM },
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
  };
  const commandLine = [CLI_ENTRY_POINT, SHARED_ERRORS, ...COMMAND_BUNDLES];
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: [{ in: resolve(distDir, BIN_ENTRY_POINT), out: 'main' }],
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      define: { 'import.meta.dirname': '__dirname' },
      banner: {},
      plugins: [lamsimModules(distDir, [])],
    }),
    build({
      ...common,
      entryPoints: commandLine.map((file) =>
        file === CLI_ENTRY_POINT ? { in: resolve(distDir, file), out: 'cli' } : resolve(distDir, file),
      ),
      format: 'cjs',
      supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__lamsimImportMetaUrl' },
      banner: { js: IMPORT_META_SHIM },
      plugins: [lazyPackages(), yargsStubs(), lamsimModules(distDir, [SHARED_ERRORS, ...COMMAND_BUNDLES])],
    }),
    build({
      ...common,
      entryPoints: entries(WORKER_ENTRY_POINTS),
      plugins: [lamsimModules(distDir, [])],
    }),
  ]);
  writeCodeCaches(
    distDir,
    outDir,
    commandLine.map((file) => join(outDir, file === CLI_ENTRY_POINT ? 'cli.js' : basename(file))),
    resolve(distDir, '..'),
  );
  const metafile = mergedMetafile(
    distDir,
    outDir,
    results.map((r) => r.metafile as Metafile),
  );
  writeFileSync(join(outDir, METAFILE), `${JSON.stringify(metafile)}\n`);
  return true;
}

// `node dist/build/bundleCli.js`: the package's own bundle, from the package root.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const root = resolve(import.meta.dirname, '../..');
  await bundleCli(join(root, 'dist'), join(root, 'dist/bundle'), join(root, 'package-lock.json'));
}
