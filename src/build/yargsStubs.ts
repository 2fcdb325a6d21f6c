/**
 * Two of yargs' imports, replaced in the bundled command line (src/build/bundleCli.ts) by modules
 * that do what lamsim needs of them and no more. Both are imported by yargs' ES module platform
 * shim (`yargs/lib/platform-shims/esm.mjs`) only, and only that importer is redirected.
 *
 * Why: `yargs(argv)` calls `.version()` with no version, which guesses one from the nearest
 * package.json: escalade reads every folder from the working directory up to `/` (from a folder
 * in /tmp, all of /tmp: ~1.2 ms with this machine's 1,700 entries), and when none holds a
 * package.json (the bundle in a repository, run from elsewhere) yargs' `assertNotStrictEqual`
 * throws Node's AssertionError, which loads `assert` and builds its message with `util.inspect`
 * (~0.6 ms), caught and dropped. lamsim then sets its own version (src/cli/parser.ts), so the
 * guess is never shown, and it never calls `pkgConf`, the other reader of package.json.
 *
 * Contract:
 * - `escalade/sync` finds nothing, without reading a folder: yargs' guessed version is
 *   'unknown', replaced by LAMSIM_VERSION before any parse.
 * - `assert`'s `strictEqual` and `notStrictEqual` keep their conditions (the same `===`), and
 *   throw a plain Error with the same kind of message: yargs uses them for its own invariants,
 *   and catches the one above.
 */
import type { Plugin } from 'esbuild';

/** The module that imports what is stubbed: yargs' platform shim for ES modules. */
const YARGS_SHIM = /[\\/]node_modules[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;

/** Each stubbed import (as yargs' shim writes it) and the module that replaces it. */
export const YARGS_STUBS: Readonly<Record<string, string>> = {
  'escalade/sync': [
    '// lamsim: yargs looks for a package.json only to guess a version lamsim replaces.',
    'export default function findUp() { return undefined; }',
  ].join('\n'),
  assert: [
    "// lamsim: the two assertions of yargs' invariants, without loading node:assert.",
    'const show = (x) => (typeof x === "string" ? JSON.stringify(x) : String(x));',
    'export function strictEqual(actual, expected, message) {',
    '  if (actual !== expected) throw new Error(message ?? "Expected " + show(actual) + " to be strictly equal to " + show(expected));',
    '}',
    'export function notStrictEqual(actual, expected, message) {',
    '  if (actual === expected) throw new Error(message ?? "Expected " + show(actual) + " to be strictly unequal to " + show(expected));',
    '}',
  ].join('\n'),
};

const NAMESPACE = 'lamsim-yargs-stub';

/** Redirects YARGS_STUBS' imports made by yargs' shim to their stubs (see the contract above). */
export function yargsStubs(): Plugin {
  const names = new RegExp(`^(${Object.keys(YARGS_STUBS).join('|')})$`);
  return {
    name: NAMESPACE,
    setup(b) {
      b.onResolve({ filter: names }, (args) =>
        YARGS_SHIM.test(args.importer) ? { path: args.path, namespace: NAMESPACE } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: YARGS_STUBS[args.path],
        loader: 'js',
      }));
    },
  };
}
