/**
 * Egalitarian processor sharing on `servers` identical servers (a database's vCPUs): with n jobs
 * present each progresses at rate min(1, servers / n), so below `servers` jobs run at full speed
 * and above it every job slows down alike — overload shows as latency before it shows as errors.
 *
 * Implementation by virtual time: V advances at the per-job rate, a job of work w added at V0
 * finishes when V reaches V0 + w. Jobs sit in an indexed min-heap on their finish V (ties by id), so adding,
 * removing (an aborted query) and finding the next completion are O(log n). Job ids are small
 * non-negative integers chosen by the caller (environment slots), at most one job per id.
 */
import { IndexedHeap } from '../../engine/index.ts';

export class ProcessorSharing {
  private virtual = 0;
  private updatedAtMs = 0;
  /** Jobs by their finish V (ties by id). */
  private readonly jobs = new IndexedHeap();
  /** Integral of busy servers over time (for utilisation), from 0. */
  private busyServerMs = 0;
  /** The integral at the start of the recorded part of the run (startRecording). */
  private busyServerMsBefore = 0;
  private recordFromMs = 0;

  constructor(readonly servers: number) {}

  get active(): number {
    return this.jobs.size;
  }

  /** Servers in use now (<= servers). */
  get busyServers(): number {
    return Math.min(this.jobs.size, this.servers);
  }

  private rate(): number {
    const n = this.jobs.size;
    return n <= this.servers ? 1 : this.servers / n;
  }

  /** Brings virtual time (and the utilisation integral) up to `nowMs`. */
  private advance(nowMs: number): void {
    const dt = nowMs - this.updatedAtMs;
    if (dt > 0) {
      if (this.jobs.size > 0) this.virtual += dt * this.rate();
      this.busyServerMs += dt * this.busyServers;
      this.updatedAtMs = nowMs;
    }
  }

  add(job: number, workMs: number, nowMs: number): void {
    this.advance(nowMs);
    this.jobs.push(job, this.virtual + workMs);
  }

  /** Removes a job before it completes (no effect if it is not present). */
  remove(job: number, nowMs: number): void {
    if (!this.jobs.has(job)) return;
    this.advance(nowMs);
    this.jobs.remove(job);
  }

  has(job: number): boolean {
    return this.jobs.has(job);
  }

  /** Real time at which the next job completes, given no change before then; Infinity if idle. */
  nextCompletionMs(nowMs: number): number {
    if (this.jobs.size === 0) return Number.POSITIVE_INFINITY;
    this.advance(nowMs);
    const remaining = this.jobs.keyOf(this.jobs.peek()) - this.virtual;
    return nowMs + Math.max(0, remaining) / this.rate();
  }

  /**
   * Removes and returns a job whose work is done at `nowMs`, or -1. Tolerates float error of
   * a nanosecond of work, so a completion scheduled by nextCompletionMs is always found.
   */
  popCompleted(nowMs: number): number {
    if (this.jobs.size === 0) return -1;
    this.advance(nowMs);
    if (this.jobs.keyOf(this.jobs.peek()) - this.virtual > 1e-6) return -1;
    return this.jobs.pop();
  }

  /**
   * Utilisation is averaged from `nowMs` on (a time shard's warm-up ends). Reads the integral up to
   * `nowMs` without advancing virtual time, so the jobs' progress is the same as without it.
   */
  startRecording(nowMs: number): void {
    this.busyServerMsBefore = this.busyServerMs + (nowMs - this.updatedAtMs) * this.busyServers;
    this.recordFromMs = nowMs;
  }

  /** Mean busy servers over [recordFromMs, untilMs] (from 0 unless startRecording was called). */
  meanBusyServers(untilMs: number): number {
    this.advance(untilMs);
    const spanMs = untilMs - this.recordFromMs;
    return spanMs > 0 ? (this.busyServerMs - this.busyServerMsBefore) / spanMs : 0;
  }
}
