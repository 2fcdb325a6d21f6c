/**
 * Writes several files so that none is half-written: each goes to a temporary sibling first, and
 * only when every one of them is complete are they renamed into place. A target that is a folder
 * (or lies under a file) is refused before anything is written (OutputPathError: bad input). A
 * failure while writing leaves every target as it was; a failure while renaming (the disk, a race)
 * leaves the files renamed before it in place. Either way no temporary file is left behind.
 */
import { mkdirSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A target path that cannot be a file: a folder, or a path through a file. Bad input (exit 2). */
export class OutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputPathError';
  }
}

export function writeFilesAtomic(
  files: readonly { readonly path: string; readonly data: string | Uint8Array }[],
): void {
  for (const f of files) {
    const problem = notAFile(f.path);
    if (problem) throw new OutputPathError(`${f.path}: ${problem}, so nothing was written`);
  }
  const temps: { tmp: string; path: string }[] = [];
  let renamed = 0;
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.data);
    }
    for (const t of temps) {
      renameSync(t.tmp, t.path);
      renamed++;
    }
  } catch (error) {
    for (const t of temps.slice(renamed)) rmSync(t.tmp, { force: true });
    throw error;
  }
}

/** Why `path` cannot be written as a file, or undefined (commands check their --out early with it). */
export function notAFile(path: string): string | undefined {
  if (/[\\/]$/.test(path)) return 'names a folder (it ends with a slash); give a file name';
  if (statOf(path)?.isDirectory()) return 'is a folder; give a file name';
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const s = statOf(dir);
    if (s && !s.isDirectory()) return `${dir} is a file, not a folder`;
    if (s) break;
  }
  return undefined;
}

/** The path's stat, undefined when it does not exist or lies under a file (ENOTDIR). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
