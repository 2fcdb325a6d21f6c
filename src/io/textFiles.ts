/**
 * Reading input files lamsim does not own (templates) and writing one text file atomically
 * (a temporary file in the same directory, renamed over the target: a reader never sees half a file,
 * and a failed write leaves the previous file in place).
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../result.ts';

/** Reads a regular text file; a missing file, a directory or a device is a message, not an exception. */
export function readTextFile(path: string): Result<string, string> {
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      return err(stat.isDirectory() ? 'is a directory, not a file' : 'is not a regular file');
    return ok(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('no such file');
    if (code === 'EACCES') return err('permission denied');
    return err((error as Error).message);
  }
}

export function writeTextFileAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
