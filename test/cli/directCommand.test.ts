/**
 * The command lines the installed `lamsim` runs without its argument parser (src/cli/start.ts):
 * `validate FILE` alone, with FILE a word the parser keeps as written. What the direct path
 * prints and exits with is compared with the parser's in test/build/bundleCli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { directValidateFile } from '../../src/cli/directCommand.ts';

describe('directValidateFile', () => {
  it('takes `validate FILE` and gives FILE as written', () => {
    expect(directValidateFile(['validate', 'scenarios/api-burst.yaml'])).toBe('scenarios/api-burst.yaml');
    expect(directValidateFile(['validate', 'a b=c.yaml'])).toBe('a b=c.yaml');
    expect(directValidateFile(['validate', 'run'])).toBe('run');
  });

  it('leaves every other command line to the parser', () => {
    for (const argv of [
      [],
      ['validate'],
      ['run', 'x.yaml'],
      ['validate', 'x.yaml', '--max-invocations', '50M'],
      ['validate', 'x.yaml', 'y.yaml'],
      ['validate', '--help'],
      ['validate', '-h'],
      ['validate', '--'],
      ['validate', '-'],
      ['validate', ''],
      ['validate', ' '],
      ['validate', '12'],
      ['validate', '0x10'],
      ['validate', '1e3'],
      ['--help', 'validate'],
      ['Validate', 'x.yaml'],
    ]) {
      expect(directValidateFile(argv), JSON.stringify(argv)).toBeNull();
    }
  });
});
