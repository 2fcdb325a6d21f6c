/**
 * A downstream call that depends on shared state (a database's connections and CPU, a proxy's
 * pool): the plug-in point between the function runtime and resources (design principle 5).
 *
 * Protocol: the runtime calls `begin` for each repetition of the call. The call either answers
 * with a fixed duration (>= 0; the runtime waits that long), or CALL_FAILED (the invocation
 * fails at once, e.g. "too many connections"), or CALL_WAIT: it will later call
 * `resume(slot, seq, ok)` on the RequestResumer it was built with, passing the request's
 * sequence number it read at `begin`. If the request times out first, the runtime calls `abort`
 * and ignores any later resume with that sequence number.
 */
export const CALL_WAIT = -1;
export const CALL_FAILED = -2;

export interface ResourceCall {
  begin(slot: number, nowMs: number): number;
  /** The request timed out during this call: release what the call holds for it. */
  abort(slot: number, nowMs: number): void;
  /** The request in `slot` finished (any outcome): release per-invocation holdings. */
  endInvocation(slot: number, nowMs: number): void;
  /** The environment in `slot` is going away: release per-environment holdings. */
  endEnvironment(slot: number, nowMs: number): void;
}

export interface RequestResumer {
  /** Sequence number of the request now running in `slot` (changes with every request). */
  sequenceOf(slot: number): number;
  /** A CALL_WAIT call ended; `ok` false fails the invocation. Stale sequence numbers are ignored. */
  resume(slot: number, seq: number, ok: boolean): void;
}
