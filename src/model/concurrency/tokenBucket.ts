/**
 * A token bucket refilled continuously: starts full at `capacity`, gains `refillPerMs` tokens per
 * millisecond up to `capacity` (unused capacity does not accumulate beyond it). O(1) per call.
 */
export class TokenBucket {
  /** The balance (starts as a number, not undefined, so V8 updates it in place instead of boxing each fraction). */
  private tokens = 0;
  private updatedAtMs = 0;

  constructor(
    readonly capacity: number,
    readonly refillPerMs: number,
  ) {
    this.tokens = capacity;
  }

  /** Tokens available at `nowMs` (time never goes backwards between calls). */
  available(nowMs: number): number {
    if (nowMs > this.updatedAtMs) {
      this.tokens = Math.min(this.capacity, this.tokens + (nowMs - this.updatedAtMs) * this.refillPerMs);
      this.updatedAtMs = nowMs;
    }
    return this.tokens;
  }

  /** Takes `amount` tokens if that many are available. */
  tryTakeAmount(nowMs: number, amount: number): boolean {
    if (this.available(nowMs) < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Takes `amount` tokens even if fewer are available (the balance may go negative: a debt). */
  consume(nowMs: number, amount: number): void {
    this.available(nowMs);
    this.tokens -= amount;
  }

  /** Milliseconds from `nowMs` until at least `amount` tokens are available (0 if they are). */
  msUntil(nowMs: number, amount: number): number {
    const missing = amount - this.available(nowMs);
    return missing <= 0 ? 0 : missing / this.refillPerMs;
  }

  /** Takes one token if at least one is available. */
  tryTake(nowMs: number): boolean {
    if (this.available(nowMs) < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
