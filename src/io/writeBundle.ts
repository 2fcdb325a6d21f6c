/**
 * Writes a report bundle atomically: every file goes to a temporary sibling directory first,
 * which then replaces the target with renames. A run that fails or is interrupted before the
 * swap leaves the previous bundle untouched (and at worst a `*.tmp-*` directory behind).
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface BundleFile {
  /** File name inside the bundle (may contain sub-directories). */
  readonly name: string;
  readonly data: string | Uint8Array;
}

export function writeBundle(dir: string, files: readonly BundleFile[]): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
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
