/**
 * Re-schedulable events ("timers") beside the event queue: each timer has at most one pending
 * occurrence, and arming it again moves that occurrence instead of adding another, so an owner
 * whose next wake-up keeps moving earlier (a database's next query completion) leaves no
 * superseded events behind to pop and ignore.
 *
 * Order: an occurrence carries a sequence number from the queue's counter taken when it was
 * armed, so it runs exactly where an event scheduled at that moment would (time, then sequence).
 *
 * Space and time: three numbers and a handler per timer; arming and firing rescan the timers for
 * the earliest (a world has a handful: one per database), which the event loop reads in O(1).
 */
export class Timers {
  private readonly atMs: number[] = [];
  private readonly seqs: number[] = [];
  private readonly handlers: (() => void)[] = [];
  readonly names: string[] = [];
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
    return this.atMs.length - 1;
  }

  /** Occurrences pending. */
  get pending(): number {
    return this.armed;
  }

  /** Arms timer `id` at `timeMs` with sequence number `seq`, replacing its pending occurrence. */
  set(id: number, timeMs: number, seq: number): void {
    if (this.atMs[id] === Number.POSITIVE_INFINITY) this.armed++;
    this.atMs[id] = timeMs;
    this.seqs[id] = seq;
    this.findNext();
  }

  /** Disarms the earliest occurrence and returns its handler (call only when `next` >= 0). */
  take(): () => void {
    const id = this.next;
    this.atMs[id] = Number.POSITIVE_INFINITY;
    this.armed--;
    this.findNext();
    return this.handlers[id];
  }

  private findNext(): void {
    let best = -1;
    let bestAt = Number.POSITIVE_INFINITY;
    let bestSeq = 0;
    const atMs = this.atMs;
    for (let i = 0; i < atMs.length; i++) {
      const t = atMs[i];
      if (t < bestAt || (t === bestAt && best >= 0 && this.seqs[i] < bestSeq)) {
        best = i;
        bestAt = t;
        bestSeq = this.seqs[i];
      }
    }
    this.next = best;
    this.nextAtMs = bestAt;
    this.nextSeq = bestSeq;
  }
}
