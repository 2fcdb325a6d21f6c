/**
 * One traffic source of a scenario on the event loop: its arrivals (./arrivalsFor.ts) within the
 * window, each handed to its target at its time (a synchronous caller in front of a function, or
 * a write to a queue, stream, bucket, topic or a function's async queue), counted as sent.
 *
 * The next arrival is a timer (one pending at a time), not an event in the queue's heap: it runs
 * exactly where `sim.at` at the same moment would have put it, without a heap push and pop.
 */
import type { ArrivalStream, Simulation } from '../../engine/index.ts';

/** Where a traffic source's requests go. */
export interface TrafficTarget {
  /** A request arrives at `nowMs`. */
  arrive(nowMs: number): void;
}

export class TrafficSource {
  /** Requests sent (front doors bill them, throttled or not). */
  sent = 0;
  private readonly timer: number;

  constructor(
    name: string,
    private readonly arrivals: ArrivalStream,
    private readonly target: TrafficTarget,
    private readonly sim: Simulation,
    private readonly windowMs: number,
  ) {
    this.timer = sim.timer(`arrival:${name}`, () => this.onArrival());
  }

  /** Schedules the first arrival (call once before the run). */
  start(): void {
    const first = this.arrivals.next();
    if (first < this.windowMs) this.sim.setTimer(this.timer, first);
  }

  /** Event: a request arrives; the next one is scheduled after it is handed over. */
  private onArrival(): void {
    this.sent++;
    this.target.arrive(this.sim.now);
    const next = this.arrivals.next();
    if (next < this.windowMs) this.sim.setTimer(this.timer, next);
  }
}
