import { InvalidParameterError } from '../engine/index.ts';

/**
 * A piecewise-constant quantity over time (a level: busy servers, queue length, ...) and its
 * exact time integral, in O(1) memory.
 *
 * The value is `initialValue` from time 0 (and before) until the first change; each `set`/`add` holds
 * until the next. Times are in the caller's unit and must not decrease from one update to the next.
 * `max` is the largest value ever set, including values held for zero time.
 *
 * Because no history is kept, a time average over [from, until] is available when `from` is not
 * inside the recorded history (from <= first change, or from >= last change) and until >= last change;
 * other windows throw InvalidParameterError. For a warm-up cut, read `integral(warmupEnd)` at warm-up
 * end and subtract.
 */
export class TimeWeighted {
  // Numeric fields start as numbers, not undefined (a field declared without a value): V8 then keeps
  // them as numbers in place instead of generic values checked and boxed at every update.
  private current = 0;
  private maxValue = 0;
  private initial = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private firstTime = Number.POSITIVE_INFINITY;
  /** Integral over [0, lastTime] (counting from time 0 even if the first change is earlier). */
  private area = 0;

  constructor(initialValue = 0) {
    this.initial = initialValue;
    this.current = initialValue;
    this.maxValue = initialValue;
  }

  /** The value now (after the last update). */
  get value(): number {
    return this.current;
  }

  /** The largest value ever held, including `initialValue` and values held for zero time. */
  get max(): number {
    return this.maxValue;
  }

  /** The value becomes `value` at `time` (>= the previous update's time; InvalidParameterError otherwise). O(1). */
  set(time: number, value: number): void {
    const last = this.lastTime;
    if (time >= last && last !== Number.NEGATIVE_INFINITY) this.area += this.current * (time - last);
    else this.firstOrInvalid(time);
    this.lastTime = time;
    this.current = value;
    if (value > this.maxValue) this.maxValue = value;
  }

  /** The first update (at `time`), or an invalid one (before the previous, or NaN): throws. Apart from `set` so it inlines. */
  private firstOrInvalid(time: number): void {
    if (!(time >= this.lastTime)) {
      throw new InvalidParameterError(
        `TimeWeighted update at ${time} is before the previous one at ${this.lastTime}`,
      );
    }
    this.firstTime = time;
    this.area = this.initial * time;
  }

  /**
   * Forgets the history before `time` (a time shard's warm-up; >= the last update): from now on
   * the quantity reads as if it had held its current value from time 0 until `time`, so `max`
   * starts at that value and `mean(until, time)` averages over [time, until] only.
   */
  restartAt(time: number): void {
    const value = this.current;
    this.set(time, value);
    this.initial = value;
    this.maxValue = value;
    this.lastTime = Number.NEGATIVE_INFINITY;
    this.firstTime = Number.POSITIVE_INFINITY;
    this.area = 0;
    this.set(time, value);
  }

  /** The value changes by `delta` at `time`. */
  add(time: number, delta: number): void {
    this.set(time, this.current + delta);
  }

  /** The integral of the value over [0, untilTime] (negative when untilTime < 0), for untilTime >= the last update. O(1). */
  integral(untilTime: number): number {
    if (this.lastTime === Number.NEGATIVE_INFINITY) return this.initial * untilTime;
    if (!(untilTime >= this.lastTime)) {
      throw new InvalidParameterError(
        `TimeWeighted integral up to ${untilTime} needs history before the last update at ${this.lastTime}`,
      );
    }
    return this.area + this.current * (untilTime - this.lastTime);
  }

  /**
   * The exact time average over [fromTime, untilTime] (fromTime <= untilTime, untilTime >= last update,
   * and fromTime <= first update or >= last update; see the class comment). A zero-length window gives
   * the value held from that instant. Throws InvalidParameterError otherwise.
   */
  mean(untilTime: number, fromTime = 0): number {
    if (!(fromTime <= untilTime)) {
      throw new InvalidParameterError(
        `TimeWeighted mean over [${fromTime}, ${untilTime}]: from must not exceed until`,
      );
    }
    let fromArea: number;
    let fromValue: number;
    if (fromTime >= this.lastTime) {
      fromArea = this.integral(fromTime);
      fromValue = this.current;
    } else if (fromTime < this.firstTime || (fromTime === this.firstTime && untilTime > fromTime)) {
      fromArea = this.initial * fromTime;
      fromValue = this.initial;
    } else {
      throw new InvalidParameterError(
        `TimeWeighted mean from ${fromTime} falls inside the updates (${this.firstTime} to ${this.lastTime}), whose history is not kept`,
      );
    }
    if (untilTime === fromTime) return fromValue;
    return (this.integral(untilTime) - fromArea) / (untilTime - fromTime);
  }
}
