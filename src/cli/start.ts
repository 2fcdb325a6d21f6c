/**
 * What the installed command line runs (./bin.ts) from the folder of its bundles
 * (src/build/bundleCli.ts): `validate FILE` with no option goes straight to the validate bundle
 * (./directCommand.ts), without loading `cli.js` and its argument parser; every other command line
 * goes to `cli.js` (./main.ts). The code caches are trained through here (./codeCache.ts), so
 * each bundle's cache holds what this path runs.
 *
 * Contract: the direct path writes the same output and ends with the same exit code as the
 * parser's path (errors mapped by the same reportFailure, the command's handler given the same
 * arguments); test/build/bundleCli.test.ts compares the two.
 */
import { join } from 'node:path';
import { loadBundle } from './bundleLoader.ts';
import type * as validateModule from './commands/validate.ts';
import { directValidateFile } from './directCommand.ts';
import type * as errorsModule from './errors.ts';

/** Runs `lamsim ...argv` from the bundles in `dir`. */
export function startCli(dir: string, argv: readonly string[]): void {
  const file = directValidateFile(argv);
  if (file === null) {
    loadBundle(join(dir, 'cli.js'));
    return;
  }
  const { reportFailure } = loadBundle(join(dir, 'errors.js')) as typeof errorsModule;
  const { validateWithDefaults } = loadBundle(join(dir, 'validate.js')) as typeof validateModule;
  try {
    validateWithDefaults(file);
  } catch (error) {
    process.exitCode = reportFailure(error, (text) => process.stderr.write(text));
  }
}
