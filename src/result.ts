/**
 * Expected failures are values (design principle 9): functions that can fail on user input return
 * a `Result`; bugs throw. One place (src/cli/main.ts) maps failures to exit codes.
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
