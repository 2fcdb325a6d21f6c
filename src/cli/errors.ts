/**
 * The only place that decides exit codes (design principle 9).
 *
 *   0  success
 *   2  invalid scenario or arguments, or an output folder lamsim may not replace: one line per
 *      problem (`FILE:LINE:COL key.path: message` for scenario problems), never a stack trace
 *   1  the environment failed us (disk full, read-only file system, permission denied, ...): one
 *      clear line; or anything unexpected (a bug): the message, and the stack only with
 *      LAMSIM_DEBUG=1
 *   3  a budget is broken (`lamsim check`, `lamsim diff`): the run itself succeeded and its output
 *      was written; one line per broken budget says which figure broke which budget
 */
/**
 * The library's refusals that are bad input (exit 2), and the prefix of their line: GitRefError,
 * OutputRefusedError and OutputPathError (src/io), recognised by the name each sets, not by `instanceof`: the CLI
 * starts without loading the library (commands load it when they run, see ./commands/index.ts).
 */
const REFUSAL_PREFIX: Readonly<Record<string, string>> = {
  GitRefError: 'lamsim: ',
  OutputRefusedError: 'lamsim: report folder ',
  OutputPathError: 'lamsim: ',
};

/** Bad input from the user: printed as-is, exit code 2, never a stack trace. */
export class UserInputError extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[] | string) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all.join('\n'));
    this.name = 'UserInputError';
    this.lines = all;
  }
}

export const EXIT_OK = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_BUDGET_BROKEN = 3;

/** System error codes that describe the machine, not a bug: what each means, in words. */
const ENVIRONMENT_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EBUSY: 'resource busy',
  ENOTDIR: 'a path component is a file, not a folder',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
  EXDEV: 'cannot move across file systems',
  ENOMEM: 'out of memory',
  ELOCKED: 'another lamsim run holds the output folder',
};

/**
 * yargs' `.fail` handler: usage errors (unknown options, missing arguments, a rejected value,
 * which yargs rethrows as its own YError) are bad input; anything else passes through.
 */
export function onUsageFailure(message: string | undefined, error: Error | undefined): never {
  if (error && error.name !== 'YError') throw error;
  const text = message ?? error?.message ?? 'invalid arguments';
  // A coerce function's message is already a complete line (`--seed: ...`).
  throw new UserInputError(/^--?[\w-]+[ :]/.test(text) ? text : `lamsim: ${text} (see lamsim --help)`);
}

/** Maps a thrown value to its exit code and writes its message to stderr. */
export function reportFailure(error: unknown, stderr: (text: string) => void): number {
  if (error instanceof UserInputError) {
    for (const line of error.lines) stderr(`${line}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (error instanceof Error && Object.hasOwn(REFUSAL_PREFIX, error.name)) {
    stderr(`${REFUSAL_PREFIX[error.name]}${error.message}\n`);
    return EXIT_INVALID_INPUT;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code in ENVIRONMENT_ERRORS) {
    const path = (error as NodeJS.ErrnoException).path;
    stderr(`lamsim: ${path ? `${path}: ` : ''}${ENVIRONMENT_ERRORS[code]} (${code})\n`);
    return EXIT_UNEXPECTED;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr(`lamsim: unexpected error: ${message}\n`);
  if (process.env.LAMSIM_DEBUG === '1' && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
  else stderr('(set LAMSIM_DEBUG=1 for the stack trace, and please report it)\n');
  return EXIT_UNEXPECTED;
}
