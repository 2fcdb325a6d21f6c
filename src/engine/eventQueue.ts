/**
 * A binary min-heap of events, ordered by (time, seq) where seq is the push counter: events with equal
 * times pop in push order (FIFO), never at random and never in an order that depends on the heap's shape.
 *
 * Layout (struct of arrays, no objects): the heap itself is one Float64Array of (time, slot) pairs, so
 * a sift moves two adjacent numbers; each event's sequence number (Float64Array), kind (Int32Array)
 * and payloads a, b (Float64Array) sit in a slot that does not move while the event is pending. Freed
 * slots are reused through a free list (Int32Array).
 *
 * Complexity: push and pop are O(log n). Capacity doubles when full; once grown, push and pop allocate
 * nothing. pop uses Floyd's bottom-up sift (walk the hole down to a leaf, then sift the last element
 * up), which saves about half the comparisons when new events tend to be later than most pending ones
 * (the usual case in a simulation). Sequence numbers are read only to break ties. Space: 48 bytes
 * per pending event at full capacity.
 *
 * Reserved sequence numbers: `reserveSeq` takes the next sequence number without pushing, and
 * `pushReserved` pushes an event with it later, so the event sits where one pushed at the reservation
 * would have (a deadline that is only put in the queue when it is next due, see DeadlineFifo).
 *
 * Contract: times must not be NaN (the queue does not check; `Simulation.at` does). Sequence numbers
 * are exact up to 2^53 pushes and reservations.
 */
export class EventQueue {
  /** Heap of (time, slot) pairs: heap[2i] is the time and heap[2i + 1] the slot of heap node i. */
  private heap: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Float64Array;
  private bs: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
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
    this.heap = new Float64Array(2 * capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.as = new Float64Array(capacity);
    this.bs = new Float64Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Adds an event. `kind` is truncated to a 32-bit integer. O(log n), allocation-free once grown. */
  push(time: number, kind: number, a: number, b: number): void {
    if (this.count === this.seqs.length) this.grow();
    // With no freed slot, slots [0, count) are all in use, so `count` is the next fresh one.
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.count;
    this.seqs[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    const heap = this.heap;
    let i = this.count++;
    // The new seq exceeds every pending seq, so on equal times the parent always stays first.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = heap[2 * parent];
      if (tp <= time) break;
      heap[2 * i] = tp;
      heap[2 * i + 1] = heap[2 * parent + 1];
      i = parent;
    }
    heap[2 * i] = time;
    heap[2 * i + 1] = slot;
  }

  /** Takes the next sequence number for a later `pushReserved` (it is never given to another event). */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /**
   * Adds an event with a sequence number from `reserveSeq` (each used at most once): among events
   * at the same time it runs in the order of its reservation. O(log n).
   */
  pushReserved(time: number, seq: number, kind: number, a: number, b: number): void {
    if (this.count === this.seqs.length) this.grow();
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.count;
    const seqs = this.seqs;
    seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    const heap = this.heap;
    let i = this.count++;
    // Unlike push, the seq may be older than pending ones: ties on time compare seqs.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = heap[2 * parent];
      if (tp < time || (tp === time && seqs[heap[2 * parent + 1]] < seq)) break;
      heap[2 * i] = tp;
      heap[2 * i + 1] = heap[2 * parent + 1];
      i = parent;
    }
    heap[2 * i] = time;
    heap[2 * i + 1] = slot;
  }

  /** Removes the earliest event and exposes it in `time`, `kind`, `a`, `b`. Returns false when empty. */
  pop(): boolean {
    const n = this.count;
    if (n === 0) return false;
    const heap = this.heap;
    const seqs = this.seqs;
    const top = heap[1];
    this.time = heap[0];
    this.kind = this.kinds[top];
    this.a = this.as[top];
    this.b = this.bs[top];
    this.free[this.freeCount++] = top;
    const last = n - 1;
    this.count = last;
    if (last === 0) return true;

    // Walk the hole from the root down to a leaf, always promoting the earlier child. Which child
    // is earlier is a coin flip the CPU cannot predict, so distinct times pick it by arithmetic
    // (`+(tr < tc)`, no branch); only ties, which are rare, branch to compare seqs.
    let hole = 0;
    let child = 1;
    while (child < last) {
      const right = child + 1;
      if (right < last) {
        const tc = heap[2 * child];
        const tr = heap[2 * right];
        if (tr !== tc) child += +(tr < tc);
        else if (seqs[heap[2 * right + 1]] < seqs[heap[2 * child + 1]]) child = right;
      }
      heap[2 * hole] = heap[2 * child];
      heap[2 * hole + 1] = heap[2 * child + 1];
      hole = child;
      child = 2 * hole + 1;
    }

    // Sift the former last element up from the leaf hole.
    const t = heap[2 * last];
    const slot = heap[2 * last + 1];
    const s = seqs[slot];
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const tp = heap[2 * parent];
      if (tp < t || (tp === t && seqs[heap[2 * parent + 1]] < s)) break;
      heap[2 * hole] = tp;
      heap[2 * hole + 1] = heap[2 * parent + 1];
      hole = parent;
    }
    heap[2 * hole] = t;
    heap[2 * hole + 1] = slot;
    return true;
  }

  /** Sequence number of the earliest pending event (the queue must not be empty). O(1). */
  peekSeq(): number {
    return this.seqs[this.heap[1]];
  }

  /** Time of the earliest pending event; Infinity when empty. O(1). */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.heap[0];
  }

  /** Drops every pending event and restarts the sequence counter. Keeps the capacity. */
  clear(): void {
    this.count = 0;
    this.freeCount = 0;
    this.nextSeq = 0;
  }

  private grow(): void {
    const capacity = this.seqs.length * 2;
    const heap = new Float64Array(2 * capacity);
    const seqs = new Float64Array(capacity);
    const kinds = new Int32Array(capacity);
    const as = new Float64Array(capacity);
    const bs = new Float64Array(capacity);
    heap.set(this.heap);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    as.set(this.as);
    bs.set(this.bs);
    this.heap = heap;
    this.seqs = seqs;
    this.kinds = kinds;
    this.as = as;
    this.bs = bs;
    // Full means no slot is free: the free list starts empty at the new capacity.
    this.free = new Int32Array(capacity);
  }
}
