/**
 * Writes the V8 code caches of the command line's CommonJS bundles (`<file>.cache` beside each,
 * read by ./bundleLoader.ts). Run by the build (src/build/bundleCli.ts), each time in a plain
 * `node` of its own, so a cache carries plain node's V8 flags, which V8 checks before it accepts one.
 *
 * - `node dist/cli/codeCache.js compile FILE...`: each bundle compiled as the loader compiles it
 *   and not run. Its cache holds what V8 compiles eagerly (the bundle's top level); every other
 *   function is compiled when first called, at every start.
 * - `node dist/cli/codeCache.js train DIR ARG...`: runs the command line of the bundles in DIR
 *   as `lamsim ARG...` would (./start.ts: `DIR/cli.js`, or the direct path), and when the
 *   process exits writes the cache of every bundle it loaded. Such a cache also holds the functions the command ran, so a later start
 *   compiles none of them again (`lamsim validate` on api-burst: 0.935 -> 0.817 G instructions
 *   under callgrind, against 0.51 G for `node -e ''`). The process exits with the command's code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_SUFFIX, compileBundle, loadedScripts } from './bundleLoader.ts';
import { startCli } from './start.ts';

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'compile') {
  for (const file of rest) {
    writeFileSync(`${file}${CODE_CACHE_SUFFIX}`, compileBundle(file).script.createCachedData());
  }
} else if (mode === 'train' && rest.length > 0) {
  const [dir, ...args] = rest;
  process.argv = [process.argv[0], join(dir, 'main.cjs'), ...args];
  process.on('exit', () => {
    for (const [file, script] of loadedScripts()) {
      writeFileSync(`${file}${CODE_CACHE_SUFFIX}`, script.createCachedData());
    }
  });
  startCli(dir, args);
} else {
  process.stderr.write('usage: codeCache.js compile FILE... | codeCache.js train DIR ARG...\n');
  process.exitCode = 2;
}
