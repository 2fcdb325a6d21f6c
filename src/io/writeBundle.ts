/**
 * Writes a report bundle atomically: every file goes to a temporary sibling directory first,
 * which then replaces the target with renames. A run that fails or is interrupted before the
 * swap leaves the previous bundle untouched. Leftovers of an interrupted run are tidied by the
 * next write: `.NAME.tmp-*` directories are removed, and a `.NAME.old-*` directory (a run killed
 * between its two renames) is put back in place if the bundle itself is missing.
 * Not safe for two processes writing the same bundle at once.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface BundleFile {
  /** File name inside the bundle (may contain sub-directories). */
  readonly name: string;
  readonly data: string | Uint8Array;
}

/** Removes temporary siblings of `dir` left by interrupted writes; restores a displaced bundle. */
function tidyLeftovers(parent: string, name: string, dir: string): void {
  for (const entry of readdirSync(parent)) {
    const path = join(parent, entry);
    if (entry.startsWith(`.${name}.tmp-`)) rmSync(path, { recursive: true, force: true });
    else if (entry.startsWith(`.${name}.old-`)) {
      if (existsSync(dir)) rmSync(path, { recursive: true, force: true });
      else renameSync(path, dir);
    }
  }
}

export function writeBundle(dir: string, files: readonly BundleFile[]): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  tidyLeftovers(parent, basename(dir), dir);
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
    for (const file of files) {
      const path = join(tmp, file.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.data);
    }
    if (existsSync(dir)) {
      const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
      rmSync(old, { recursive: true, force: true });
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
