/**
 * The command lines the installed `lamsim` runs without its argument parser (src/cli/start.ts):
 * `validate FILE` alone, and `run FILE` with at most `--out DIR`, `--force` and `--no-charts`, with
 * FILE and DIR words the parser keeps as written. What the direct path
 * prints and exits with is compared with the parser's in test/build/bundleCli.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { directRun, directValidateFile } from '../../src/cli/directCommand.ts';

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

describe('directRun', () => {
  it('takes `run FILE` with any of --out DIR, --force and --no-charts, once each, in any order', () => {
    expect(directRun(['run', 'x.yaml'])).toEqual({
      file: 'x.yaml',
      out: undefined,
      force: false,
      charts: true,
    });
    expect(directRun(['run', 'a b=c.yaml', '--out', 'reports/x'])).toEqual({
      file: 'a b=c.yaml',
      out: 'reports/x',
      force: false,
      charts: true,
    });
    expect(directRun(['run', 'x.yaml', '--no-charts', '--force', '--out', 'o'])).toEqual({
      file: 'x.yaml',
      out: 'o',
      force: true,
      charts: false,
    });
    expect(directRun(['run', 'validate', '--force'])).toEqual({
      file: 'validate',
      out: undefined,
      force: true,
      charts: true,
    });
  });

  it('leaves every other command line to the parser', () => {
    for (const argv of [
      [],
      ['run'],
      ['validate', 'x.yaml'],
      ['Run', 'x.yaml'],
      ['run', '--out', 'o', 'x.yaml'],
      ['run', 'x.yaml', 'y.yaml'],
      ['run', 'x.yaml', '--out'],
      ['run', 'x.yaml', '--out', '--force'],
      ['run', 'x.yaml', '--out', '12'],
      ['run', 'x.yaml', '--out', ''],
      ['run', 'x.yaml', '--out', 'a', '--out', 'b'],
      ['run', 'x.yaml', '--out=o'],
      ['run', 'x.yaml', '--force', '--force'],
      ['run', 'x.yaml', '--no-charts', '--no-charts'],
      ['run', 'x.yaml', '--charts'],
      ['run', 'x.yaml', '--no-force'],
      ['run', 'x.yaml', '--seed', '3'],
      ['run', 'x.yaml', '--help'],
      ['run', 'x.yaml', '-h'],
      ['run', 'x.yaml', '--'],
      ['run', '-'],
      ['run', ''],
      ['run', '42'],
      ['run', '--help'],
    ]) {
      expect(directRun(argv), JSON.stringify(argv)).toBeNull();
    }
  });
});
