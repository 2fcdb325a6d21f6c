/**
 * Re-schedulable events ("timers") beside the event queue: each timer has at most one pending
 * occurrence, and arming it again moves that occurrence instead of adding another, so an owner
 * whose next wake-up keeps moving earlier (a database's next query completion) leaves no
 * superseded events behind to pop and ignore, and an owner with one next event at a time (a
 * traffic source's next arrival) keeps it out of the event queue's heap.
 *
 * Order: an occurrence carries a sequence number from the queue's counter taken when it was
 * armed, so it runs exactly where an event scheduled at that moment would (time, then sequence).
 *
 * Structure: the armed timers form a binary min-heap of ids by (time, sequence) with each id's
 * position indexed, so arming (a move either way) and firing are O(log armed) and the event loop
 * reads the earliest in O(1) (`nextAtMs`, `nextSeq`). A world has a handful of timers (one per
 * traffic source and per database), so the heap is a few nodes deep. Space: five numbers and a
 * handler per timer; nothing is allocated after `add`.
 */
export class Timers {
  private readonly atMs: number[] = [];
  private readonly seqs: number[] = [];
  private readonly handlers: (() => void)[] = [];
  readonly names: string[] = [];
  /** Heap of armed timer ids: heap[0] is the earliest. */
  private readonly heap: number[] = [];
  /** Each timer's node in `heap`, or -1 when not armed. */
  private readonly position: number[] = [];
  private armed = 0;
  /** The earliest armed occurrence: its time (Infinity when none), sequence number and timer id. */
  nextAtMs = Number.POSITIVE_INFINITY;
  nextSeq = 0;
  next = -1;

  /** Registers a timer, not armed; returns its id (0, 1, ...). */
  add(name: string, handler: () => void): number {
    this.atMs.push(Number.POSITIVE_INFINITY);
    this.seqs.push(0);
    this.handlers.push(handler);
    this.names.push(name);
    this.heap.push(0);
    this.position.push(-1);
    return this.atMs.length - 1;
  }

  /** Occurrences pending. */
  get pending(): number {
    return this.armed;
  }

  /** Arms timer `id` at `timeMs` with sequence number `seq`, replacing its pending occurrence. */
  set(id: number, timeMs: number, seq: number): void {
    this.atMs[id] = timeMs;
    this.seqs[id] = seq;
    let i = this.position[id];
    if (i < 0) {
      i = this.armed++;
      this.heap[i] = id;
      this.position[id] = i;
    }
    // `seq` is newer than every armed one: a move later goes down, a move earlier goes up.
    this.siftDown(i);
    this.siftUp(this.position[id]);
    this.findNext();
  }

  /** Disarms the earliest occurrence and returns its handler (call only when `next` >= 0). */
  take(): () => void {
    const id = this.next;
    const heap = this.heap;
    const last = heap[--this.armed];
    this.atMs[id] = Number.POSITIVE_INFINITY;
    this.position[id] = -1;
    if (this.armed > 0) {
      heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    this.findNext();
    return this.handlers[id];
  }

  /** Whether timer a's occurrence comes before timer b's. */
  private before(a: number, b: number): boolean {
    const ta = this.atMs[a];
    const tb = this.atMs[b];
    return ta < tb || (ta === tb && this.seqs[a] < this.seqs[b]);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const id = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.before(id, p)) break;
      heap[i] = p;
      this.position[p] = i;
      i = parent;
    }
    heap[i] = id;
    this.position[id] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.armed;
    const id = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.before(heap[r], heap[l]) ? r : l;
      const c = heap[m];
      if (!this.before(c, id)) break;
      heap[i] = c;
      this.position[c] = i;
      i = m;
    }
    heap[i] = id;
    this.position[id] = i;
  }

  private findNext(): void {
    if (this.armed === 0) {
      this.next = -1;
      this.nextAtMs = Number.POSITIVE_INFINITY;
      this.nextSeq = 0;
      return;
    }
    const id = this.heap[0];
    this.next = id;
    this.nextAtMs = this.atMs[id];
    this.nextSeq = this.seqs[id];
  }
}
