/**
 * What the installed command line runs (./bin.ts) from the folder of its bundles
 * (src/build/bundleCli.ts): `validate FILE` with no option goes straight to the validate bundle,
 * and `run FILE` with at most `--out DIR`, `--force` and `--no-charts` straight to the simulating
 * bundle (./directCommand.ts), without loading `cli.js` and its argument parser; every other
 * command line goes to `cli.js` (./main.ts). The code caches are trained through here
 * (./codeCache.ts), so each bundle's cache holds what this path runs.
 *
 * Contract: the direct paths write the same output and end with the same exit code as the
 * parser's path (errors mapped by the same reportFailure, the command's handler given the same
 * arguments); test/build/bundleCli.test.ts compares the two. A direct `run` whose `--out` the
 * parser would refuse goes to the parser, having done nothing (commands/run.ts, runDirect).
 */
import { join } from 'node:path';
import { loadBundle } from './bundleLoader.ts';
import { dropOutputWhenStdoutCloses } from './closedStdout.ts';
import type * as simulatingModule from './commands/simulating.ts';
import type * as validateModule from './commands/validate.ts';
import { type DirectRun, directRun, directValidateFile } from './directCommand.ts';
import type * as errorsModule from './errors.ts';

/** Runs `lamsim ...argv` from the bundles in `dir`. */
export function startCli(dir: string, argv: readonly string[]): void {
  const file = directValidateFile(argv);
  if (file !== null) {
    startValidate(dir, file);
    return;
  }
  const run = directRun(argv);
  if (run !== null) {
    startRun(dir, run);
    return;
  }
  loadBundle(join(dir, 'cli.js'));
}

const writeStderr = (text: string) => process.stderr.write(text);

function startValidate(dir: string, file: string): void {
  const { reportFailure } = loadBundle(join(dir, 'errors.js')) as typeof errorsModule;
  const { validateWithDefaults } = loadBundle(join(dir, 'validate.js')) as typeof validateModule;
  try {
    validateWithDefaults(file);
  } catch (error) {
    process.exitCode = reportFailure(error, writeStderr);
  }
}

function startRun(dir: string, run: DirectRun): void {
  dropOutputWhenStdoutCloses();
  const { reportFailure } = loadBundle(join(dir, 'errors.js')) as typeof errorsModule;
  const { runDirect } = loadBundle(join(dir, 'simulating.js')) as typeof simulatingModule;
  runDirect(run).then(
    (ran) => {
      if (!ran) loadBundle(join(dir, 'cli.js'));
    },
    (error: unknown) => {
      process.exitCode = reportFailure(error, writeStderr);
    },
  );
}
