/**
 * Runs the command line's bundles (src/build/bundleCli.ts) with V8's code cache. Node 20 keeps no
 * compiled code between runs for ES modules (`module.enableCompileCache` is Node 22), and compiling
 * a command's bundle was a third of `lamsim validate`'s start. So the command line's bundles are
 * CommonJS scripts, each with the code cache V8 made of it at build time beside it
 * (`<file>.cache`), run here through `vm.Script`, which accepts that cache.
 *
 * Contract:
 * - A bundle is evaluated once per process; loading it again returns the same exports (so the
 *   one `errors.js` every bundle requires gives one UserInputError class).
 * - A bundle's `require('./X.js')` loads the bundle X beside it the same way (the only relative
 *   requests left in a bundle are the other bundles); any other request goes to Node's `require`
 *   from the bundle's file (Node's modules, the packages left external).
 * - A cache that is missing, or that V8 rejects (another Node or V8 version, other V8 flags, a
 *   changed file), costs only the compile it would have saved: the source is compiled instead.
 *   Nothing is written at run time (the build writes the caches: ./codeCache.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What a bundle's code cache is called: the bundle's file name plus this. */
export const CODE_CACHE_SUFFIX = '.cache';

/** A bundle's source as the function its code cache is made of (Node's CommonJS parameters). */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/** The bundle `file` compiled, with its code cache when there is one; `cacheRejected` as V8 says. */
export function compileBundle(file: string): { script: Script; cacheRejected: boolean | undefined } {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}${CODE_CACHE_SUFFIX}`);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrapCommonJs(readFileSync(file, 'utf8')), { filename: file, cachedData });
  return { script, cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected };
}

const loaded = new Map<string, { exports: unknown; script?: Script }>();

/** Evaluates the bundle `file` (an absolute path) once and returns its exports (see the contract). */
export function loadBundle(file: string): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  const module: { exports: unknown; script?: Script } = { exports: {} };
  loaded.set(file, module);
  const dir = dirname(file);
  const nodeRequire = createRequire(file);
  const bundleRequire = Object.assign(
    (request: string) => (request.startsWith('./') ? loadBundle(join(dir, request)) : nodeRequire(request)),
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache },
  );
  const script = compileBundle(file).script;
  module.script = script;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, bundleRequire, module, file, dir);
  return module.exports;
}

/**
 * The compiled script of every bundle this process has loaded, by file: for the build's code
 * cache training (./codeCache.ts), which writes each one's cache after a command ran.
 */
export function loadedScripts(): ReadonlyMap<string, Script> {
  const out = new Map<string, Script>();
  for (const [file, m] of loaded) if (m.script) out.set(file, m.script);
  return out;
}
