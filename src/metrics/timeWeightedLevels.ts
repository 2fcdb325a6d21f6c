import { InvalidParameterError } from '../engine/index.ts';

/** Where level k's numbers sit in the data array: k * STRIDE + one of these. */
const CURRENT = 0;
const LAST_TIME = 1;
const AREA = 2;
const MAX = 3;
const INITIAL = 4;
const FIRST_TIME = 5;
const STRIDE = 6;

/**
 * A fixed number of time-weighted levels, numbered 0..count-1, in one Float64Array: level k
 * behaves as a TimeWeighted of its own, for times >= 0, to the last bit (same arithmetic in the
 * same order; a zero may come out as +0 where TimeWeighted's is -0), without an object per level.
 * For a hot path that moves several levels at a time (a function's environments by state): a
 * TimeWeighted keeps its numbers in fields that V8 boxes, and each level is an object to check;
 * here an update is a few typed-array reads and writes, without a branch but its error.
 *
 * Level k is `initialValue` from time 0 until its first change; update times of one level must
 * be >= 0 and must not decrease (levels are independent of each other). See TimeWeighted for the
 * windows `mean` accepts.
 */
export class TimeWeightedLevels {
  readonly count: number;
  /**
   * Level k's numbers at k * 6 + 0 (value), 1 (time of the last update, 0 before the first),
   * 2 (area up to it), 3 (max), 4 (initial value), 5 (time of the first update, +Infinity before).
   * Open for a hot path that updates several levels inline (FunctionStats.transition), which must
   * do exactly what `set` does.
   */
  readonly data: Float64Array;

  constructor(count: number, initialValue = 0) {
    if (!(Number.isInteger(count) && count >= 0)) {
      throw new InvalidParameterError(`TimeWeightedLevels needs a whole number of levels, got ${count}`);
    }
    this.count = count;
    this.data = new Float64Array(count * STRIDE);
    for (let k = 0; k < count; k++) {
      const o = k * STRIDE;
      this.data[o + CURRENT] = initialValue;
      this.data[o + MAX] = initialValue;
      this.data[o + INITIAL] = initialValue;
      this.data[o + LAST_TIME] = 0;
      this.data[o + FIRST_TIME] = Number.POSITIVE_INFINITY;
    }
  }

  /** Level k's value now (after its last update). */
  value(k: number): number {
    return this.data[k * STRIDE + CURRENT] as number;
  }

  /** The largest value level k ever held, including its initial value and values held for zero time. */
  max(k: number): number {
    return this.data[k * STRIDE + MAX] as number;
  }

  /**
   * Level k becomes `value` at `time` (>= 0 and >= its previous update's time; InvalidParameterError
   * otherwise). O(1). The last update time starts at 0, so the first update adds initial * time to
   * the area as TimeWeighted does; max and the first update's time need no branch.
   */
  set(k: number, time: number, value: number): void {
    const d = this.data;
    const o = k * STRIDE;
    const last = d[o + LAST_TIME] as number;
    if (!(time >= last)) throw backwards(time, last);
    d[o + AREA] += (d[o + CURRENT] as number) * (time - last);
    d[o + LAST_TIME] = time;
    d[o + CURRENT] = value;
    d[o + MAX] = Math.max(d[o + MAX] as number, value);
    d[o + FIRST_TIME] = Math.min(d[o + FIRST_TIME] as number, time);
  }

  /** Level k changes by `delta` at `time`; returns its new value. */
  add(k: number, time: number, delta: number): number {
    const value = (this.data[k * STRIDE + CURRENT] as number) + delta;
    this.set(k, time, value);
    return value;
  }

  /** As TimeWeighted.restartAt, for level k: its history before `time` (>= its last update) is forgotten. */
  restartAt(k: number, time: number): void {
    const d = this.data;
    const o = k * STRIDE;
    const value = d[o + CURRENT] as number;
    this.set(k, time, value);
    d[o + INITIAL] = value;
    d[o + MAX] = value;
    d[o + AREA] = value * time;
    d[o + FIRST_TIME] = time;
  }

  /** As TimeWeighted.integral, for level k: its integral over [0, untilTime], untilTime >= its last update. */
  integral(k: number, untilTime: number): number {
    const d = this.data;
    const o = k * STRIDE;
    const last = d[o + LAST_TIME] as number;
    if (!(untilTime >= last)) {
      throw new InvalidParameterError(
        `TimeWeighted integral up to ${untilTime} needs history before the last update at ${last}`,
      );
    }
    return (d[o + AREA] as number) + (d[o + CURRENT] as number) * (untilTime - last);
  }

  /** As TimeWeighted.mean, for level k: its exact time average over [fromTime, untilTime]. */
  mean(k: number, untilTime: number, fromTime = 0): number {
    if (!(fromTime <= untilTime)) {
      throw new InvalidParameterError(
        `TimeWeighted mean over [${fromTime}, ${untilTime}]: from must not exceed until`,
      );
    }
    const d = this.data;
    const o = k * STRIDE;
    const last = d[o + LAST_TIME];
    const first = d[o + FIRST_TIME];
    let fromArea: number;
    let fromValue: number;
    if (fromTime >= last) {
      fromArea = this.integral(k, fromTime);
      fromValue = d[o + CURRENT];
    } else if (fromTime < first || (fromTime === first && untilTime > fromTime)) {
      fromArea = d[o + INITIAL] * fromTime;
      fromValue = d[o + INITIAL];
    } else {
      throw new InvalidParameterError(
        `TimeWeighted mean from ${fromTime} falls inside the updates (${first} to ${last}), whose history is not kept`,
      );
    }
    if (untilTime === fromTime) return fromValue;
    return (this.integral(k, untilTime) - fromArea) / (untilTime - fromTime);
  }
}

/** The error for an update at `time` before the level's previous one at `last` (or at NaN). */
function backwards(time: number, last: number): InvalidParameterError {
  return new InvalidParameterError(`TimeWeighted update at ${time} is before the previous one at ${last}`);
}
