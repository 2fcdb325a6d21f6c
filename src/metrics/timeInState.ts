/**
 * How long a yes/no condition held (a queue empty, a quota reached), in O(1) memory: the time in
 * the condition from the start (or the last restartAt) up to a given end.
 *
 * The condition holds from the start when `heldAtStart`; each `set(nowMs, holds)` says whether it
 * holds from `nowMs` on. Times must not decrease from one call to the next. `totalMs(endMs)` counts
 * the open stretch up to `endMs` (none before the stretch began).
 */
export class TimeInState {
  private doneMs = 0;
  /** When the current stretch in the condition began; -1 when the condition does not hold. */
  private sinceMs: number;

  constructor(heldAtStart: boolean) {
    this.sinceMs = heldAtStart ? 0 : -1;
  }

  set(nowMs: number, holds: boolean): void {
    if (holds && this.sinceMs < 0) this.sinceMs = nowMs;
    else if (!holds && this.sinceMs >= 0) {
      this.doneMs += nowMs - this.sinceMs;
      this.sinceMs = -1;
    }
  }

  /** Forgets the time counted before `nowMs`; a stretch in the condition goes on from `nowMs`. */
  restartAt(nowMs: number): void {
    this.doneMs = 0;
    if (this.sinceMs >= 0) this.sinceMs = nowMs;
  }

  /** Time in the condition up to `endMs`. */
  totalMs(endMs: number): number {
    return this.doneMs + (this.sinceMs >= 0 ? Math.max(0, endMs - this.sinceMs) : 0);
  }
}
