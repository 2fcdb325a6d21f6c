/**
 * yargs formats a command's whole help text after running its handler, to answer a later
 * `showHelp()` (which lamsim never calls): src/cli/parser.ts turns that off. This checks it
 * stays off with the yargs installed (its internals are not a public API: if they change, this
 * fails instead of the saving silently going away), and that usage errors and `--help` still
 * print what they did.
 */
import { describe, expect, it } from 'vitest';
import { cliParser, type HelpCaching } from '../../src/cli/parser.ts';
import { lamsimInProcess, scratch } from '../experiments/cli.ts';
import { BURST_YAML } from '../report/fixtures.ts';

describe("yargs' help caching", () => {
  const dir = scratch({ 's.yaml': BURST_YAML });

  it('is not built when a command has run', async () => {
    const parser = await cliParser(['validate', `${dir}/s.yaml`]);
    const usage = (parser as unknown as HelpCaching).getInternalMethods().getUsageInstance?.();
    expect(usage).toBeDefined();
    expect(usage?.hasCachedHelpMessage()).toBe(false);
    await parser.parseAsync();
    expect(usage?.hasCachedHelpMessage()).toBe(false);
  });

  it('leaves usage errors as they were (--help: test/build/bundleCli.test.ts)', async () => {
    const unknown = await lamsimInProcess(['validate', `${dir}/s.yaml`, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trimEnd()).toBe('lamsim: Unknown argument: bogus (see lamsim --help)');
  });
});
