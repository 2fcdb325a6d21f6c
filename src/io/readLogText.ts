/**
 * Reads one log file for `lamsim calibrate`: UTF-8 text, gunzipped first when it is gzip (by its
 * magic bytes, as CloudWatch's export to S3 writes `.gz` objects). The only place log files are read.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Result } from '../result.ts';

export function readLogText(path: string): Result<string, string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return {
      ok: false,
      error:
        e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a directory, not a file' : e.message,
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      return { ok: false, error: `a broken gzip file (${(error as Error).message})` };
    }
  }
  return { ok: true, value: bytes.toString('utf8') };
}
