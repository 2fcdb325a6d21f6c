/**
 * Bundles are written atomically: all files go to a temporary sibling directory that replaces the
 * previous bundle only once complete. A write that fails part-way leaves the previous bundle as it
 * was, and no temporary directory behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BundleFile, writeBundle } from '../../src/io/writeBundle.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lamsim-bundle-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [
        join(e.parentPath, e.name).slice(dir.length + 1),
        readFileSync(join(e.parentPath, e.name), 'utf8'),
      ]),
  );

describe('writeBundle', () => {
  it('writes every file, sub-directories included', () => {
    const dir = join(root, 'reports', 'x');
    writeBundle(dir, [
      { name: 'a.txt', data: 'A' },
      { name: 'sub/b.bin', data: new Uint8Array([66]) },
    ]);
    expect(read(dir)).toEqual({ 'a.txt': 'A', 'sub/b.bin': 'B' });
    expect(readdirSync(join(root, 'reports'))).toEqual(['x']);
  });

  it('replaces the previous bundle whole: stale files disappear', () => {
    const dir = join(root, 'x');
    writeBundle(dir, [
      { name: 'old-chart.png', data: 'old' },
      { name: 'summary.json', data: '1' },
    ]);
    writeBundle(dir, [{ name: 'summary.json', data: '2' }]);
    expect(read(dir)).toEqual({ 'summary.json': '2' });
    expect(readdirSync(root)).toEqual(['x']);
  });

  it('a write failing part-way leaves the previous bundle intact and nothing temporary behind', () => {
    const dir = join(root, 'x');
    const previous: BundleFile[] = [
      { name: 'summary.json', data: '{"run":1}\n' },
      { name: 'report.md', data: '# one\n' },
    ];
    writeBundle(dir, previous);
    const failing: BundleFile[] = [
      { name: 'summary.json', data: '{"run":2}\n' },
      { name: 'report.md', data: '# two\n' },
      // A file inside a file: the write fails after two files are already written.
      { name: 'summary.json/chart.png', data: 'x' },
    ];
    expect(() => writeBundle(dir, failing)).toThrow();
    expect(read(dir)).toEqual({ 'summary.json': '{"run":1}\n', 'report.md': '# one\n' });
    expect(readdirSync(root)).toEqual(['x']);
  });

  it('a failure before the first bundle leaves no directory at all', () => {
    const dir = join(root, 'first');
    expect(() => writeBundle(dir, [{ name: 'a/../../../escape\u0000', data: 'x' }])).toThrow();
    expect(readdirSync(root)).toEqual([]);
  });

  it('an unrelated file in the parent directory is left alone', () => {
    writeFileSync(join(root, 'keep.txt'), 'k');
    writeBundle(join(root, 'x'), [{ name: 'a', data: 'a' }]);
    expect(readdirSync(root).sort()).toEqual(['keep.txt', 'x']);
  });

  it('tidies what an interrupted write left: temporary copies go, a displaced bundle comes back', () => {
    const dir = join(root, 'x');
    // A run killed while writing left its temporary copy; one killed between its two renames
    // left the previous bundle displaced and no bundle in place.
    mkdirSync(join(root, '.x.tmp-4242'));
    writeFileSync(join(root, '.x.tmp-4242', 'half.txt'), 'half');
    mkdirSync(join(root, '.x.old-4243'));
    writeFileSync(join(root, '.x.old-4243', 'a.txt'), 'previous');
    // This write fails (a file where a directory is needed), so what remains is the tidied state.
    expect(() =>
      writeBundle(dir, [
        { name: 'f', data: 'file' },
        { name: 'f/g', data: 'under a file' },
      ]),
    ).toThrow();
    expect(readdirSync(root).sort()).toEqual(['x']);
    expect(read(dir)).toEqual({ 'a.txt': 'previous' });
  });
});
