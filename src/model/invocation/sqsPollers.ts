/**
 * The pollers of an SQS event source mapping, as a count and a stack of idle ones (Lambda
 * developer guide "services-sqs-scaling": "Lambda uses long polling to poll a queue until it
 * becomes active ... When traffic is low, Lambda scales back").
 *
 * Every poller is either busy (its batch is being invoked) or idle (long-polling the queue since
 * `idleSinceMs`). Invariant: `count = busy + idle`. An idle poller's ReceiveMessage returns as
 * soon as a message is visible; the most recently idled poller takes it (a stack: the pollers
 * that are needed keep receiving, the ones that are not stay idle at the bottom). A long poll
 * that sees no message for SQS_LONG_POLL_MS comes back empty: that poller is retired while the
 * count is above the floor, otherwise it polls again. Storage: one typed-array deque of idle
 * times, O(1) per operation, no object per poller.
 */
import { Ring } from '../messaging/ring.ts';

export class SqsPollers {
  /** Pollers in all (busy + idle). */
  count: number;
  /** Pollers whose batch is being invoked. */
  busy = 0;
  /** Idle pollers' idle-since times: the oldest at `first`, the most recent at `end - 1`. */
  private readonly idle = new Ring(1);

  /** `floor` pollers, idle since `nowMs`. */
  constructor(
    readonly floor: number,
    nowMs: number,
  ) {
    this.count = floor;
    for (let i = 0; i < floor; i++) this.idle.push(nowMs);
  }

  get idleCount(): number {
    return this.idle.size;
  }

  /** When the poller idle the longest started its long poll (Infinity when none is idle). */
  get oldestIdleSinceMs(): number {
    return this.idle.size > 0 ? this.idle.get(0, this.idle.first) : Number.POSITIVE_INFINITY;
  }

  /** Every poller (none may be busy) is idle since `sinceMs`: a mapping that starts quiet later. */
  idleAllSince(sinceMs: number): void {
    if (this.busy !== 0) throw new Error('idleAllSince: pollers are busy');
    const idle = this.idle;
    for (let i = idle.first; i < idle.end; i++) idle.set(0, i, sinceMs);
  }

  /** The most recently idled poller receives a batch (call only with idleCount > 0). */
  take(): void {
    this.idle.pop();
    this.busy++;
  }

  /** A busy poller is idle again at `nowMs` (its batch finished, or its invoke was refused). */
  release(nowMs: number): void {
    this.busy--;
    this.idle.push(nowMs);
  }

  /** Adds `n` pollers, idle since `nowMs`. */
  add(n: number, nowMs: number): void {
    this.count += n;
    for (let i = 0; i < n; i++) this.idle.push(nowMs);
  }

  /** Retires idle pollers, the longest idle first, until `count` is `target` or none is idle. */
  shrinkTo(target: number): void {
    while (this.count > target && this.idle.size > 0) {
      this.idle.shift();
      this.count--;
    }
  }

  /**
   * The long polls that started at or before `nowMs - longPollMs` come back at `nowMs`: empty
   * when `empty`, in which case the poller is retired if the count is above the floor; every other
   * one polls again from `nowMs`. Returns how many came back empty.
   */
  expire(nowMs: number, longPollMs: number, empty: boolean): number {
    const idle = this.idle;
    let returned = 0;
    while (idle.size > 0 && idle.get(0, idle.first) + longPollMs <= nowMs) {
      idle.shift();
      if (empty) returned++;
      if (empty && this.count > this.floor) this.count--;
      else idle.push(nowMs);
    }
    return returned;
  }
}
