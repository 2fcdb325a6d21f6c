/**
 * The command line as one bundle (`dist/bundle/`), built after `tsc` by `npm run build` (and so
 * by `prepare` at `npm install`): `bin.lamsim` points at `dist/bundle/main.js`.
 *
 * Why: unbundled, `lamsim validate` loads about 520 modules (360 of lamsim's, 95 of zod's) and
 * spends most of its start resolving and reading them (a CPU profile of `validate` on
 * api-burst: 60 % in Node's ESM loader and file I/O, 13 % GC); bundled, the same command takes
 * about half the CPU time (`npm run bench`: 0.71 s -> 0.44 s). The bundle is esbuild's (the
 * bundler tsx and vitest already install), ESM with code splitting: a command loads its own chunk
 * and the shared ones, not the other commands' code.
 *
 * Contract:
 * - Input is tsc's output (`dist/`), so the bundle runs exactly the code the tests compile.
 * - The worker entry points (`experiments/worker.js`, `experiments/shardWorker.js`) are bundled
 *   beside `main.js` under the same names: the pools find them at `./worker.js` and
 *   `./shardWorker.js` next to the chunk that starts them, as they do in `dist/experiments/`.
 *   Each is one file of its own (no chunk shared with the command line), built with lamsim's own
 *   modules marked free of side effects, so a module whose exports a worker does not use is left
 *   out: a worker loads the simulator, the bill and the summary (~250 KB), not the scenario parser
 *   (zod, yaml) or the reports that the command line's shared chunk holds (~1.2 MB). Importing it
 *   takes ~50 ms of CPU instead of 130-250 ms (zod's schemas are built at import), which each
 *   thread of a pool pays before its first run. lamsim's modules have no import-time effects that
 *   another module relies on (no module is imported for its effects alone).
 * - Packages that load native code or files of their own stay external, resolved from
 *   `node_modules` at run time (the canvas, Chart.js and its font, piscina's worker), as do the
 *   CommonJS ones whose default export esbuild cannot hand to an ES module unchanged; the rest
 *   (zod, yaml, yargs, ...) are bundled. A `require` made from `createRequire` is in scope for
 *   the CommonJS code that is bundled.
 * - Up to date = the bundle is newer than tsc's build info and than package-lock.json: then
 *   nothing is rebuilt or rewritten (a second `prepare` costs two file-time checks). Otherwise
 *   `outDir` is emptied and written again (it holds nothing else).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';

/** Packages left to Node's resolver at run time (see the contract above). */
export const EXTERNAL_PACKAGES = [
  '@napi-rs/canvas',
  'canvas',
  'chartjs-node-canvas',
  'chart.js',
  'dejavu-fonts-ttf',
  'piscina',
  'proper-lockfile',
  'cli-progress',
] as const;

/** The command line's entry point, relative to `dist/`; written to `<outDir>/main.js`. */
export const CLI_ENTRY_POINT = 'cli/main.js';

/** The worker pools' entry points, relative to `dist/`; each is written to `<outDir>/<its file name>`. */
export const WORKER_ENTRY_POINTS = ['experiments/worker.js', 'experiments/shardWorker.js'] as const;

/** Every entry point, relative to `dist/`. */
export const ENTRY_POINTS = [CLI_ENTRY_POINT, ...WORKER_ENTRY_POINTS] as const;

/**
 * Marks the modules under `distDir` free of side effects (esbuild's `sideEffects: false`, as a
 * package.json can say), so esbuild leaves out a module none of whose exports is used.
 */
function ownModulesPure(distDir: string): Plugin {
  const prefix = `${resolve(distDir)}${sep}`;
  return {
    name: 'lamsim-modules-pure',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'lamsim-modules-pure' || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'lamsim-modules-pure',
        });
        if (r.errors.length > 0 || r.external || !r.path.startsWith(prefix)) return undefined;
        return { path: r.path, sideEffects: false };
      });
    },
  };
}

const REQUIRE_SHIM =
  "import { createRequire as __lamsimCreateRequire } from 'node:module'; const require = __lamsimCreateRequire(import.meta.url);";

const mtimeMs = (file: string): number =>
  existsSync(file) ? statSync(file).mtimeMs : Number.POSITIVE_INFINITY;

/** True when `<outDir>/main.js` is newer than every input the bundle depends on. */
export function bundleUpToDate(distDir: string, outDir: string, lockFile: string): boolean {
  const bundle = join(outDir, 'main.js');
  if (!existsSync(bundle)) return false;
  const builtAtMs = statSync(bundle).mtimeMs;
  return builtAtMs > mtimeMs(join(distDir, '.tsbuildinfo')) && builtAtMs > mtimeMs(lockFile);
}

/**
 * Bundles `distDir`'s command line into `outDir` unless it is up to date. Returns whether it
 * built. Throws esbuild's error (with every message) when the build fails.
 */
export async function bundleCli(distDir: string, outDir: string, lockFile: string): Promise<boolean> {
  if (bundleUpToDate(distDir, outDir, lockFile)) return false;
  rmSync(outDir, { recursive: true, force: true }); // chunks are named by hash: no stale ones left
  const common: BuildOptions = {
    outdir: outDir,
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...EXTERNAL_PACKAGES],
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(distDir, CLI_ENTRY_POINT)],
      chunkNames: 'chunk-[hash]',
      splitting: true,
    }),
    build({
      ...common,
      entryPoints: WORKER_ENTRY_POINTS.map((e) => join(distDir, e)),
      plugins: [ownModulesPure(distDir)],
    }),
  ]);
  return true;
}

// `node dist/build/bundleCli.js`: the package's own bundle, from the package root.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const root = resolve(import.meta.dirname, '../..');
  await bundleCli(join(root, 'dist'), join(root, 'dist/bundle'), join(root, 'package-lock.json'));
}
