import { SchedulingError } from './errors.ts';
import type { EventHandler, Simulation } from './simulation.ts';

/**
 * Deadlines set in time order (a timeout that is the same for every job of a kind, so later jobs
 * have later deadlines), kept in a FIFO with at most one event pending in the simulation: the
 * queue of pending events holds one entry per FIFO instead of one per job.
 *
 * Order: each deadline runs exactly where an event scheduled with `sim.at(timeMs, ...)` at the time
 * of `add` would have run among events at the same time (its sequence number is reserved at `add`
 * and the event is put in the queue with it when the deadline becomes the FIFO's next).
 *
 * Dead deadlines: a deadline whose `isLive(a, b)` is false when it becomes the next one (its job
 * finished first) is dropped without an event. One that was live when its event was scheduled and
 * is no longer live when it runs is not handled either (`handler` runs only for live deadlines).
 * `isLive` must be a pure check, and once false must stay false for that (a, b).
 *
 * Space: a ring of pending deadlines (time, sequence, a, b: 32 bytes each), bounded by the jobs
 * started within one deadline's delay, whatever the run's length. add is O(1) amortised; each
 * deadline is looked at once when it reaches the head.
 */
export class DeadlineFifo {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private as = new Float64Array(64);
  private bs = new Float64Array(64);
  /** Ring buffer: entries [head, head + count) modulo the capacity (a power of two). */
  private head = 0;
  private count = 0;
  /** Whether the head's event is in the simulation's queue. */
  private pending = false;
  private lastMs = Number.NEGATIVE_INFINITY;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulation,
    name: string,
    private readonly isLive: (a: number, b: number) => boolean,
    private readonly handler: EventHandler,
  ) {
    this.kind = sim.on(name, (a, b) => this.fire(a, b));
  }

  /** Deadlines waiting (live or not yet dropped). */
  get size(): number {
    return this.count;
  }

  /**
   * A deadline at `timeMs` (>= now and >= every earlier deadline; SchedulingError otherwise) for
   * the job (a, b).
   */
  add(timeMs: number, a: number, b: number): void {
    if (!(timeMs >= this.lastMs && timeMs >= this.sim.now && timeMs < Number.POSITIVE_INFINITY)) {
      throw new SchedulingError(
        `deadline at ${timeMs} is before the previous one (${this.lastMs}) or now (${this.sim.now}), or not finite`,
      );
    }
    this.lastMs = timeMs;
    if (this.count === this.times.length) this.grow();
    const mask = this.times.length - 1;
    const i = (this.head + this.count) & mask;
    const seq = this.sim.reserve();
    this.times[i] = timeMs;
    this.seqs[i] = seq;
    this.as[i] = a;
    this.bs[i] = b;
    this.count++;
    if (!this.pending) {
      this.pending = true;
      this.sim.atReserved(timeMs, seq, this.kind, a, b);
    }
  }

  /** Event: the head's deadline. The next live deadline is scheduled before the handler runs. */
  private fire(a: number, b: number): void {
    this.head = (this.head + 1) & (this.times.length - 1);
    this.count--;
    this.pending = false;
    this.scheduleNext();
    if (this.isLive(a, b)) this.handler(a, b);
  }

  /** Drops dead deadlines from the head and schedules the first live one, if any. */
  private scheduleNext(): void {
    const mask = this.times.length - 1;
    while (this.count > 0) {
      const i = this.head;
      if (this.isLive(this.as[i], this.bs[i])) {
        this.pending = true;
        this.sim.atReserved(this.times[i], this.seqs[i], this.kind, this.as[i], this.bs[i]);
        return;
      }
      this.head = (i + 1) & mask;
      this.count--;
    }
  }

  private grow(): void {
    const n = this.times.length;
    const copy = (from: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const to = new Float64Array(2 * n);
      for (let k = 0; k < this.count; k++) to[k] = from[(this.head + k) & (n - 1)];
      return to;
    };
    this.times = copy(this.times);
    this.seqs = copy(this.seqs);
    this.as = copy(this.as);
    this.bs = copy(this.bs);
    this.head = 0;
  }
}
