/**
 * The only place that decides exit codes (design principle 9).
 *
 *   0  success
 *   2  invalid scenario or arguments: one line per problem, `FILE:LINE:COL key.path: message`
 *   1  anything unexpected (a bug): the message, and the stack only with LAMSIM_DEBUG=1
 */

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

/** Maps a thrown value to its exit code and writes its message to stderr. */
export function reportFailure(error: unknown, stderr: (text: string) => void): number {
  if (error instanceof UserInputError) {
    for (const line of error.lines) stderr(`${line}\n`);
    return EXIT_INVALID_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr(`lamsim: unexpected error: ${message}\n`);
  if (process.env.LAMSIM_DEBUG === '1' && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
  else stderr('(set LAMSIM_DEBUG=1 for the stack trace, and please report it)\n');
  return EXIT_UNEXPECTED;
}
