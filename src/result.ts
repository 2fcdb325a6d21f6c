/**
 * Expected failures are values (design principle 9): functions that can fail on user input return
 * a `Result`; bugs throw. One place (src/cli/main.ts) maps failures to exit codes.
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/**
 * `value`, which the caller's invariant guarantees (a name the scenario's validation checked, an
 * element a search cannot miss); a missing one is a bug, not bad input, and throws naming `what`.
 * Keep `what` a constant string on hot paths (it is built on every call).
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`lamsim bug: ${what} is missing`);
  return value;
}
