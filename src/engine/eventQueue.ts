/**
 * A binary min-heap of events stored in parallel typed arrays (struct of arrays): Float64Array times
 * and sequence numbers, Int32Array kinds and Float64Array payloads `a` and `b`.
 *
 * Order: by (time, seq), where seq is the push counter. Events with equal times therefore pop in push
 * order (FIFO), never at random and never in an order that depends on the heap's shape.
 *
 * Complexity: push and pop are O(log n). Capacity doubles when full; once grown, push and pop allocate
 * nothing. pop uses Floyd's bottom-up sift (walk the hole to a leaf, then sift the last element up),
 * which saves about half the comparisons when new events tend to be later than most pending ones (the
 * usual case in a simulation).
 *
 * Contract: times must not be NaN (the queue does not check; `Simulation.at` does). Sequence numbers
 * are exact up to 2^53 pushes.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Float64Array;
  private bs: Float64Array;
  private count = 0;
  private nextSeq = 0;

  /** Time of the last popped event. */
  time = 0;
  /** Kind of the last popped event. */
  kind = 0;
  /** First payload of the last popped event. */
  a = 0;
  /** Second payload of the last popped event. */
  b = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, Math.ceil(initialCapacity));
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Float64Array(capacity);
    this.bs = new Float64Array(capacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Adds an event. `kind` is truncated to a 32-bit integer. O(log n), amortized allocation-free. */
  push(time: number, kind: number, a: number, b: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const as = this.as;
    const bs = this.bs;
    const seq = this.nextSeq++;
    let i = this.count++;
    // The new seq exceeds every pending seq, so on equal times the parent always stays first.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      as[i] = as[parent];
      bs[i] = bs[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    as[i] = a;
    bs[i] = b;
  }

  /** Removes the earliest event and exposes it in `time`, `kind`, `a`, `b`. Returns false when empty. */
  pop(): boolean {
    const n = this.count;
    if (n === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const as = this.as;
    const bs = this.bs;
    this.time = times[0];
    this.kind = kinds[0];
    this.a = as[0];
    this.b = bs[0];
    const last = n - 1;
    this.count = last;
    if (last === 0) return true;

    // Walk the hole from the root down to a leaf, always promoting the earlier child.
    let hole = 0;
    let child = 1;
    while (child < last) {
      const right = child + 1;
      if (right < last) {
        const tc = times[child];
        const tr = times[right];
        if (tr < tc || (tr === tc && seqs[right] < seqs[child])) child = right;
      }
      times[hole] = times[child];
      seqs[hole] = seqs[child];
      kinds[hole] = kinds[child];
      as[hole] = as[child];
      bs[hole] = bs[child];
      hole = child;
      child = 2 * hole + 1;
    }

    // Sift the former last element up from the leaf hole.
    const t = times[last];
    const s = seqs[last];
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const tp = times[parent];
      if (tp < t || (tp === t && seqs[parent] < s)) break;
      times[hole] = tp;
      seqs[hole] = seqs[parent];
      kinds[hole] = kinds[parent];
      as[hole] = as[parent];
      bs[hole] = bs[parent];
      hole = parent;
    }
    times[hole] = t;
    seqs[hole] = s;
    kinds[hole] = kinds[last];
    as[hole] = as[last];
    bs[hole] = bs[last];
    return true;
  }

  /** Time of the earliest pending event; Infinity when empty. O(1). */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0];
  }

  /** Drops every pending event and restarts the sequence counter. Keeps the capacity. */
  clear(): void {
    this.count = 0;
    this.nextSeq = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const kinds = new Int32Array(capacity);
    const as = new Float64Array(capacity);
    const bs = new Float64Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    as.set(this.as);
    bs.set(this.bs);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.as = as;
    this.bs = bs;
  }
}
