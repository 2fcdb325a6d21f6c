import { SchedulingError } from './errors.ts';
import type { Simulation } from './simulation.ts';
import { withCapacity } from './typedArrays.ts';

const ABSENT = -1;

/**
 * Movable timers addressed by key (small non-negative integers: an owner's slots), each key with
 * at most one pending occurrence: setting a key again moves that occurrence instead of adding
 * another, so an owner whose keys' deadlines keep moving earlier (an idle environment's
 * reclamation check) does not fill the event queue with superseded events.
 *
 * Order: `set` takes a sequence number from the simulation's counter (`reserve`), so each
 * occurrence runs exactly where an event scheduled by `sim.at` at that moment would (time, then
 * sequence) among the keys, the events and the timers, unless it is moved or cancelled first.
 *
 * Structure: the armed keys form a binary min-heap by (time, sequence) with each key's position
 * indexed (set and cancel are O(log armed keys), either way). Only what may come first goes in
 * the simulation's event queue, as events scheduled with a key's time and sequence number
 * (`atReserved`): a key set earlier than every event the set has queued queues one. An event that
 * runs is either the earliest key's occurrence (same time and sequence number), which runs, or
 * one whose key was moved or cancelled since, which does nothing; either way the new earliest key
 * is queued unless a queued event comes first. So the queue holds one event per set plus one per
 * time the earliest moved earlier and has not run yet (at most one per arming).
 *
 * Measured choices (callgrind, api-burst and the SimFaaS workload): the earliest key as one of the
 * simulation's timers instead of an event cost 3-5 % more instructions (a run otherwise has one
 * armed timer, its traffic's arrival, whose path V8 then compiled with the heap's sift loops and a
 * second handler), and so did keeping the keys in a Timers (V8 shares a method's type feedback
 * between instances, so the arrival's timer inlined the sifts the set's keys run): the heap
 * below repeats Timers' sift functions on typed arrays for that reason.
 *
 * `handler(key)` runs with the key disarmed, so it may set it again. The simulation's `pending`
 * and `eventsProcessed` count the set's queued events, not its keys (`size`). Space: 24 bytes per
 * key up to the largest key set, 16 per queued event; nothing is allocated once grown.
 */
export class TimerSet {
  /** Each key's pending time (Infinity: not armed) and sequence number. */
  private atMs = new Float64Array(16).fill(Number.POSITIVE_INFINITY);
  private seqs = new Float64Array(16);
  /** Each key's node in `heap`, or ABSENT. */
  private position = new Int32Array(16).fill(ABSENT);
  /** Heap of armed keys: heap[0] is the earliest. */
  private heap = new Int32Array(16);
  private count = 0;
  /**
   * The events queued and not run, as a stack: each was queued before all the others, so the top
   * is the earliest and runs first. Times and sequence numbers; `queued` of them.
   */
  private queuedAtMs = new Float64Array(16);
  private queuedSeqs = new Float64Array(16);
  private queued = 0;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulation,
    name: string,
    private readonly handler: (key: number) => void,
  ) {
    this.kind = sim.on(name, () => this.onEvent());
  }

  /** Keys armed. */
  get size(): number {
    return this.count;
  }

  /** The time of `key`'s pending occurrence; Infinity when it has none. */
  timeOf(key: number): number {
    return key < this.atMs.length ? this.atMs[key] : Number.POSITIVE_INFINITY;
  }

  /**
   * Arms `key` (an integer >= 0) at absolute `timeMs` (now <= timeMs < Infinity), replacing its
   * pending occurrence if any. Throws SchedulingError otherwise.
   */
  set(key: number, timeMs: number): void {
    if (!(timeMs >= this.sim.now && timeMs < Number.POSITIVE_INFINITY && key >= 0 && (key | 0) === key)) {
      throw new SchedulingError(
        `cannot set key ${key} at time ${timeMs}: now is ${this.sim.now}` +
          ' (keys are integers >= 0, times finite and not in the past)',
      );
    }
    if (key >= this.atMs.length) this.grow(key + 1);
    const seq = this.sim.reserve();
    this.atMs[key] = timeMs;
    this.seqs[key] = seq;
    let i = this.position[key];
    if (i === ABSENT) {
      i = this.count++;
      this.heap[i] = key;
    }
    // A move later goes down, a move earlier goes up (one of the two does nothing).
    this.siftDown(i);
    this.siftUp(this.position[key]);
    // Its sequence number is the newest, so a tie in time with the earliest queued is not before.
    if (this.queued === 0 || timeMs < this.queuedAtMs[this.queued - 1]) this.queue(timeMs, seq);
  }

  /** Disarms `key`: its pending occurrence, if any, will not run. */
  cancel(key: number): void {
    if (key < this.position.length && this.position[key] !== ABSENT) this.removeAt(this.position[key]);
  }

  /** Event: the earliest queued event (the stack's top) runs. */
  private onEvent(): void {
    const seq = this.queuedSeqs[--this.queued];
    if (this.count === 0) return;
    const key = this.heap[0];
    if (this.seqs[key] === seq && this.atMs[key] === this.sim.now) {
      this.removeAt(0);
      this.queueEarliest();
      this.handler(key);
    } else this.queueEarliest(); // its key moved or was cancelled
  }

  /** Queues the earliest key's occurrence unless an event queued comes before it or with it. */
  private queueEarliest(): void {
    if (this.count === 0) return;
    const key = this.heap[0];
    const timeMs = this.atMs[key];
    const seq = this.seqs[key];
    const n = this.queued;
    if (n > 0) {
      const t = this.queuedAtMs[n - 1];
      if (t < timeMs || (t === timeMs && this.queuedSeqs[n - 1] <= seq)) return;
    }
    this.queue(timeMs, seq);
  }

  private queue(timeMs: number, seq: number): void {
    if (this.queued === this.queuedAtMs.length) {
      this.queuedAtMs = withCapacity(this.queuedAtMs, this.queued + 1);
      this.queuedSeqs = withCapacity(this.queuedSeqs, this.queued + 1);
    }
    this.queuedAtMs[this.queued] = timeMs;
    this.queuedSeqs[this.queued++] = seq;
    this.sim.atReserved(timeMs, seq, this.kind);
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const key = heap[i];
    const last = heap[--this.count];
    this.atMs[key] = Number.POSITIVE_INFINITY;
    this.position[key] = ABSENT;
    if (i < this.count) {
      heap[i] = last;
      this.position[last] = i;
      this.siftDown(i);
      this.siftUp(this.position[last]);
    }
  }

  /** Whether key a's occurrence comes before key b's. */
  private before(a: number, b: number): boolean {
    const ta = this.atMs[a];
    const tb = this.atMs[b];
    return ta < tb || (ta === tb && this.seqs[a] < this.seqs[b]);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const key = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.before(key, p)) break;
      heap[i] = p;
      this.position[p] = i;
      i = parent;
    }
    heap[i] = key;
    this.position[key] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.count;
    const key = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.before(heap[r], heap[l]) ? r : l;
      const c = heap[m];
      if (!this.before(c, key)) break;
      heap[i] = c;
      this.position[c] = i;
      i = m;
    }
    heap[i] = key;
    this.position[key] = i;
  }

  private grow(minKeys: number): void {
    this.atMs = withCapacity(this.atMs, minKeys, Number.POSITIVE_INFINITY);
    this.seqs = withCapacity(this.seqs, this.atMs.length);
    this.position = withCapacity(this.position, this.atMs.length, ABSENT);
    this.heap = withCapacity(this.heap, this.atMs.length);
  }
}
