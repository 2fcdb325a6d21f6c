/**
 * `node dist/cli/codeCache.js FILE...`: writes V8's code cache of each CommonJS bundle beside it
 * (`FILE.cache`, see src/cli/bundleLoader.ts), compiled as the loader compiles it and not run (a
 * bundle's top level would start the command line). Run by bundleCli in a child process of its
 * own, so the cache carries plain `node`'s V8 flags, which V8 checks before it accepts one.
 */
import { writeFileSync } from 'node:fs';
import { CODE_CACHE_SUFFIX, compileBundle } from './bundleLoader.ts';

for (const file of process.argv.slice(2)) {
  writeFileSync(`${file}${CODE_CACHE_SUFFIX}`, compileBundle(file).script.createCachedData());
}
