import { SchedulingError } from './errors.ts';
import { EventQueue } from './eventQueue.ts';
import { Timers } from './timers.ts';

/** Receives the two numeric payloads of an event. Called with `this` undefined: use arrow functions or bound methods. */
export type EventHandler = (a: number, b: number) => void;

/**
 * The clock and the event loop.
 *
 * Time is a float in whatever unit the caller uses (lamsim's models use milliseconds); it starts at 0
 * and never decreases. Events run in (time, scheduling order): two events at the same time run in the
 * order they were scheduled (FIFO), including events scheduled by a handler at the current time, which
 * run after every event already pending for that time.
 *
 * Handlers are registered once with `on` and addressed by a dense integer kind, so dispatch is an
 * array index and scheduling allocates nothing (an event is a time, a kind and two numbers).
 *
 * Timers (`timer`, `setTimer`) are events that can be moved: each has at most one pending
 * occurrence, and setting it again replaces it (see Timers). They run in the same (time,
 * scheduling order) as events, as if scheduled by `at` when they were last set.
 *
 * Errors: scheduling in the past, at a non-finite time or with an unknown kind, and calling `runUntil`
 * from inside a handler, throw `SchedulingError` (a bug, not a user error). An exception thrown by a
 * handler propagates out of `runUntil`; the clock then stays at that event's time.
 */
export class Simulation {
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly timers = new Timers();
  private clock = 0;
  private processed = 0;
  private running = false;
  private stopRequested = false;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** The current time: the time of the event being handled, or where the last `runUntil` left the clock. */
  get now(): number {
    return this.clock;
  }

  /** Number of events handled so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Number of events scheduled and not yet handled. */
  get pending(): number {
    return this.queue.size + this.timers.pending;
  }

  /**
   * Registers a handler and returns its event kind id: 0 for the first registration, then 1, 2, ...
   * `name` is a label for error messages (see `kindName`); it need not be unique.
   */
  on(name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /** The name given to `kind` when it was registered. */
  kindName(kind: number): string {
    const name = this.names[kind];
    if (name === undefined) throw new SchedulingError(`unknown event kind ${kind}`);
    return name;
  }

  /**
   * Schedules an event at absolute `time` (now <= time < Infinity). O(log pending).
   * Throws SchedulingError if time < now, time is not finite, or kind was not returned by `on`.
   */
  at(time: number, kind: number, a = 0, b = 0): void {
    this.check(time, kind);
    this.queue.push(time, kind, a, b);
  }

  /**
   * Takes the scheduling sequence number an event scheduled now would get, for `atReserved`: the
   * way to put an event in the queue later (when it is next due) without changing where it runs
   * among events at the same time.
   */
  reserve(): number {
    return this.queue.reserveSeq();
  }

  /**
   * Schedules an event with a sequence number from `reserve` (each used once): it runs where an
   * event scheduled by `at` at the reservation would have. Same errors as `at`.
   */
  atReserved(time: number, seq: number, kind: number, a = 0, b = 0): void {
    this.check(time, kind);
    this.queue.pushReserved(time, seq, kind, a, b);
  }

  /**
   * Registers a timer (a movable event, not armed yet) and returns its id for `setTimer`. `name`
   * is a label for error messages.
   */
  timer(name: string, handler: () => void): number {
    return this.timers.add(name, handler);
  }

  /**
   * Arms timer `id` at absolute `time` (now <= time < Infinity), replacing its pending occurrence
   * if any: it runs where an event scheduled by `at` now would. Throws SchedulingError otherwise.
   */
  setTimer(id: number, time: number): void {
    if (!(time >= this.clock && time < Number.POSITIVE_INFINITY)) {
      throw new SchedulingError(
        `cannot set timer '${this.timers.names[id] ?? id}' at time ${time}: now is ${this.clock}` +
          ' (times must be finite and not in the past)',
      );
    }
    if (!(id >= 0 && id < this.timers.names.length && (id | 0) === id)) {
      throw new SchedulingError(`unknown timer ${id} (register timers with timer())`);
    }
    this.timers.set(id, time, this.queue.reserveSeq());
  }

  /** Throws SchedulingError unless now <= time < Infinity and `kind` was returned by `on`. */
  private check(time: number, kind: number): void {
    if (!(time >= this.clock && time < Number.POSITIVE_INFINITY)) {
      throw new SchedulingError(
        `cannot schedule event '${this.names[kind] ?? kind}' at time ${time}: now is ${this.clock}` +
          ' (times must be finite and not in the past)',
      );
    }
    if (!(kind >= 0 && kind < this.handlers.length && (kind | 0) === kind)) {
      throw new SchedulingError(`unknown event kind ${kind} (register handlers with on())`);
    }
  }

  /** Schedules an event `delay` after now (0 <= delay < Infinity). Same errors as `at`. */
  after(delay: number, kind: number, a = 0, b = 0): void {
    if (!(delay >= 0)) {
      throw new SchedulingError(`cannot schedule event '${this.names[kind] ?? kind}' with delay ${delay}`);
    }
    this.at(this.clock + delay, kind, a, b);
  }

  /**
   * Handles every event with time <= until in (time, scheduling order), including events that
   * handlers schedule meanwhile. Then, unless stopped, sets now = until if until > now. When until is
   * Infinity the queue drains and now stays at the last event's time. An `until` earlier than now runs
   * nothing and leaves the clock alone. Throws SchedulingError if until is NaN or if called from a handler.
   */
  runUntil(until: number): void {
    if (Number.isNaN(until)) throw new SchedulingError('runUntil(NaN)');
    if (this.running) throw new SchedulingError('runUntil called from inside an event handler');
    this.running = true;
    this.stopRequested = false;
    try {
      if (this.handleUntil(until) && until > this.clock && until < Number.POSITIVE_INFINITY)
        this.clock = until;
    } finally {
      this.running = false;
    }
  }

  /**
   * Handles events (and timers) in order while they are due at or before `until`; true when none
   * is left to handle by then, false when `stop` ended it. Kept apart from runUntil so that the
   * loop, which V8 optimizes while it runs (on-stack replacement), has nothing after it that no
   * call has run yet: when runUntil held the loop, its optimized code lacked type feedback for the
   * reads after the loop and was thrown away as each call ended (--trace-deopt: 98 of the 100
   * calls of a SimFaaS run, "Insufficient type feedback for generic named access").
   */
  private handleUntil(until: number): boolean {
    const queue = this.queue;
    const handlers = this.handlers;
    const timers = this.timers;
    while (!this.stopRequested) {
      // Infinity (no timer armed) is never < a queued time, which is finite.
      const timerAtMs = timers.nextAtMs;
      if (queue.size > 0) {
        const t = queue.peekTime();
        if (timerAtMs < t || (timerAtMs === t && timers.nextSeq < queue.peekSeq())) {
          if (!(timerAtMs <= until)) return true;
          this.fireTimer(timerAtMs);
          continue;
        }
        if (!(t <= until)) return true;
        queue.pop();
        this.clock = queue.time;
        this.processed++;
        const handler = handlers[queue.kind];
        handler(queue.a, queue.b);
      } else {
        if (timerAtMs === Number.POSITIVE_INFINITY || !(timerAtMs <= until)) return true;
        this.fireTimer(timerAtMs);
      }
    }
    return false;
  }

  private fireTimer(atMs: number): void {
    this.clock = atMs;
    this.processed++;
    const handler = this.timers.take();
    handler();
  }

  /**
   * Makes the current `runUntil` return after the event being handled; the clock stays at that event's
   * time and pending events stay queued. Outside `runUntil` it has no effect (each run clears the request).
   */
  stop(): void {
    if (this.running) this.stopRequested = true;
  }
}
