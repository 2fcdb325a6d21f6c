/**
 * writeFilesAtomic: every file or none. A target that is a folder, ends with a slash or lies under
 * a file is refused before anything is written, and no temporary file is ever left behind (a
 * folder target used to fail at the rename, leaving `<name>.tmp-<pid>` files, exit 1).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError, writeFilesAtomic } from '../../src/io/writeFilesAtomic.ts';
import { scratch } from '../experiments/cli.ts';

describe('writeFilesAtomic', () => {
  it('writes every file', () => {
    const dir = scratch({});
    writeFilesAtomic([
      { path: join(dir, 'a/x.yaml'), data: 'x' },
      { path: join(dir, 'a/x.csv'), data: 'y' },
    ]);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['x.csv', 'x.yaml']);
    expect(readFileSync(join(dir, 'a/x.csv'), 'utf8')).toBe('y');
  });

  for (const [what, target] of [
    ['a folder', 'd'],
    ['a path ending with a slash', 'new/'],
    ['a path under a file', 'f/x.yaml'],
  ] as const) {
    it(`refuses ${what} before writing anything, and leaves no temporary file`, () => {
      const dir = scratch({ f: 'a file' });
      mkdirSync(join(dir, 'd'));
      const before = readdirSync(dir).sort();
      expect(() =>
        writeFilesAtomic([
          { path: join(dir, 'ok.yaml'), data: 'x' },
          { path: join(dir, target), data: 'y' },
        ]),
      ).toThrow(OutputPathError);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readdirSync(join(dir, 'd'))).toEqual([]);
    });
  }

  it('a failure while writing removes the temporary files already written', () => {
    const dir = scratch({});
    // The second file's folder cannot be created: a file named like it appears in its way.
    writeFileSync(join(dir, 'block'), '');
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'ok.yaml'), data: 'x' },
        { path: join(dir, 'block/sub/x.csv'), data: 'y' },
      ]),
    ).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['block']);
  });
});
