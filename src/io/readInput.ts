/**
 * Reading the files a user names (scenarios, traces, samples, Power Tuning results) safely: only
 * regular files, at most a stated size, never blocking. A folder, a device, a FIFO, a file over
 * the limit or one that cannot be read each get their own message (an InputFileError) instead of
 * "not found"; a missing file is `undefined`.
 *
 * The file is opened non-blocking (a FIFO with no writer would block a plain open forever) and
 * checked on its open descriptor, so what is checked is what is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decimalText } from '../decimalText.ts';

/** Default largest input file: 100 MB (the shipped 30-day trace sample is 10 KB; a day of 1 req/s is ~1 MB). */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A named file exists but is not something lamsim reads: the message says why. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

const WHAT: Readonly<Record<string, string>> = {
  EISDIR: 'is a folder, not a file',
  EACCES: 'cannot be read: permission denied',
  EPERM: 'cannot be read: operation not permitted',
  ELOOP: 'cannot be read: too many symbolic links',
  ENOTDIR: 'cannot be read: a path component is a file, not a folder',
  ENAMETOOLONG: 'cannot be read: file name too long',
};

const kindOf = (mode: number): string =>
  (mode & constants.S_IFMT) === constants.S_IFDIR
    ? 'is a folder, not a file'
    : (mode & constants.S_IFMT) === constants.S_IFIFO
      ? 'is a FIFO (named pipe), not a regular file'
      : (mode & constants.S_IFMT) === constants.S_IFCHR || (mode & constants.S_IFMT) === constants.S_IFBLK
        ? 'is a device, not a regular file'
        : (mode & constants.S_IFMT) === constants.S_IFSOCK
          ? 'is a socket, not a regular file'
          : 'is not a regular file';

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${decimalText(bytes)} bytes` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Reads the descriptor to its end, refusing more than `maxBytes` (a size a file may misstate). */
function readAtMost(fd: number, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) {
      throw new InputFileError(
        `holds more than ${megabytes(maxBytes)} (raise the limit with --max-file-size)`,
      );
    }
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * The text of `path` (UTF-8), or undefined when there is no such file. Throws InputFileError
 * (message: what is wrong, without the path) for anything but a readable regular file of at most
 * `maxBytes`.
 */
export function readInputFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return undefined;
    throw new InputFileError(WHAT[code] ?? `cannot be read (${code || (error as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputFileError(kindOf(st.mode));
    if (st.size > maxBytes) {
      throw new InputFileError(
        `is ${megabytes(st.size)}, above the limit of ${megabytes(maxBytes)} (raise it with --max-file-size)`,
      );
    }
    return readAtMost(fd, maxBytes);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new InputFileError(WHAT[code] ?? `cannot be read (${code || (error as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
