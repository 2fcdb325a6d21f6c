/**
 * Writes several files so that none is half-written: each goes to a temporary sibling first, and
 * only when every one of them is complete are they renamed into place. A failure before the
 * renames leaves every target as it was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeFilesAtomic(
  files: readonly { readonly path: string; readonly data: string | Uint8Array }[],
): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.data);
    }
  } catch (error) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw error;
  }
  for (const t of temps) renameSync(t.tmp, t.path);
}
