/**
 * Egalitarian processor sharing on `servers` identical servers (a database's vCPUs): with n jobs
 * present each progresses at rate min(1, servers / n), so below `servers` jobs run at full speed
 * and above it every job slows down alike — overload shows as latency before it shows as errors.
 *
 * Implementation by virtual time: V advances at the per-job rate, a job of work w added at V0
 * finishes when V reaches V0 + w. Jobs sit in an indexed min-heap on their finish V, so adding,
 * removing (an aborted query) and finding the next completion are O(log n). Job ids are small
 * non-negative integers chosen by the caller (environment slots), at most one job per id.
 */
export class ProcessorSharing {
  private virtual = 0;
  private updatedAtMs = 0;
  private heap: number[] = [];
  private finishOf = new Float64Array(64);
  private position = new Int32Array(64).fill(-1);
  /** Integral of busy servers over time (for utilisation). */
  private busyServerMs = 0;

  constructor(readonly servers: number) {}

  get active(): number {
    return this.heap.length;
  }

  /** Servers in use now (<= servers). */
  get busyServers(): number {
    return Math.min(this.heap.length, this.servers);
  }

  private rate(): number {
    const n = this.heap.length;
    return n <= this.servers ? 1 : this.servers / n;
  }

  /** Brings virtual time (and the utilisation integral) up to `nowMs`. */
  private advance(nowMs: number): void {
    const dt = nowMs - this.updatedAtMs;
    if (dt > 0) {
      if (this.heap.length > 0) this.virtual += dt * this.rate();
      this.busyServerMs += dt * this.busyServers;
      this.updatedAtMs = nowMs;
    }
  }

  add(job: number, workMs: number, nowMs: number): void {
    this.advance(nowMs);
    this.ensure(job);
    this.finishOf[job] = this.virtual + workMs;
    this.heap.push(job);
    this.position[job] = this.heap.length - 1;
    this.siftUp(this.heap.length - 1);
  }

  /** Removes a job before it completes (no effect if it is not present). */
  remove(job: number, nowMs: number): void {
    if (job >= this.position.length || this.position[job] < 0) return;
    this.advance(nowMs);
    this.removeAt(this.position[job]);
  }

  has(job: number): boolean {
    return job < this.position.length && this.position[job] >= 0;
  }

  /** Real time at which the next job completes, given no change before then; Infinity if idle. */
  nextCompletionMs(nowMs: number): number {
    if (this.heap.length === 0) return Number.POSITIVE_INFINITY;
    this.advance(nowMs);
    const remaining = this.finishOf[this.heap[0]] - this.virtual;
    return nowMs + Math.max(0, remaining) / this.rate();
  }

  /**
   * Removes and returns a job whose work is done at `nowMs`, or -1. Tolerates float error of
   * a nanosecond of work, so a completion scheduled by nextCompletionMs is always found.
   */
  popCompleted(nowMs: number): number {
    if (this.heap.length === 0) return -1;
    this.advance(nowMs);
    const top = this.heap[0];
    if (this.finishOf[top] - this.virtual > 1e-6) return -1;
    this.removeAt(0);
    return top;
  }

  /** Mean busy servers over [0, untilMs]. */
  meanBusyServers(untilMs: number): number {
    this.advance(untilMs);
    return untilMs > 0 ? this.busyServerMs / untilMs : 0;
  }

  private ensure(job: number): void {
    if (job < this.position.length) return;
    let n = this.position.length * 2;
    while (n <= job) n *= 2;
    const f = new Float64Array(n);
    f.set(this.finishOf);
    this.finishOf = f;
    const p = new Int32Array(n).fill(-1);
    p.set(this.position);
    this.position = p;
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const job = h[i];
    const last = h.pop()!;
    this.position[job] = -1;
    if (i < h.length) {
      h[i] = last;
      this.position[last] = i;
      this.siftDown(i);
      this.siftUp(this.position[last]);
    }
  }

  private less(a: number, b: number): boolean {
    return this.finishOf[a] < this.finishOf[b] || (this.finishOf[a] === this.finishOf[b] && a < b);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i], h[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
    this.position[h[i]] = i;
    this.position[h[j]] = j;
  }
}
