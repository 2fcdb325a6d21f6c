/**
 * An EventBridge schedule (`events: [{ schedule: rate(...) | cron(...) }]`): at each time the
 * expression names, EventBridge invokes the function asynchronously (its Lambda async queue).
 *
 * Times: the window's time 0 is SCHEDULE_EPOCH_MS (Monday 2024-01-01 00:00 UTC). `rate(d)` fires
 * at 0, d, 2d, ... (as for a rule created one period before the window); `cron(...)` at every
 * minute that matches, from time 0. EventBridge's delivery delay (usually under a minute) is not
 * modelled. One event per firing, of about 1 KB.
 */
import { civilDate, type Simulation } from '../../engine/index.ts';
import { SCHEDULE_EPOCH_MS, type ScheduleService, type ScheduleSpec } from '../../scenario/index.ts';
import type { MessageSink } from '../messaging/sink.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead a cron search looks before concluding it never fires (about 5 years). */
const CRON_HORIZON_DAYS = 5 * 366;

/** The first firing time >= `fromMs` (window time), or Infinity. */
export function nextFiring(spec: ScheduleSpec, fromMs: number): number {
  if (spec.kind === 'rate') return Math.ceil(fromMs / spec.periodMs) * spec.periodMs;
  const from = Math.ceil(fromMs / MINUTE) * MINUTE;
  let dayStart = Math.floor((SCHEDULE_EPOCH_MS + from) / DAY) * DAY;
  let minuteOfDay = Math.floor((SCHEDULE_EPOCH_MS + from - dayStart) / MINUTE);
  for (let d = 0; d < CRON_HORIZON_DAYS; d++, dayStart += DAY, minuteOfDay = 0) {
    const date = civilDate(dayStart / DAY);
    if (spec.years !== null && !spec.years.includes(date.year)) continue;
    if (!spec.months.includes(date.month)) continue;
    if (spec.daysOfMonth !== null && !spec.daysOfMonth.includes(date.day)) continue;
    if (spec.daysOfWeek !== null && !spec.daysOfWeek.includes(date.weekday + 1)) continue;
    for (const h of spec.hours) {
      for (const m of spec.minutes) {
        if (h * 60 + m >= minuteOfDay) return dayStart + (h * 60 + m) * MINUTE - SCHEDULE_EPOCH_MS;
      }
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** A schedule over a run, as plain data (ScheduleSource.result()). */
export interface ScheduleResult {
  /** The function it invokes. */
  readonly function: string;
  /** Firings in the window. */
  readonly fired: number;
  /** What fires it: EventBridge Scheduler bills each invocation, a scheduled rule nothing. */
  readonly service: ScheduleService;
}

export class ScheduleSource {
  private fired = 0;
  private closed = false;
  private readonly kind: number;

  /** `label`: names its event kind (function and event index). */
  constructor(
    label: string,
    readonly spec: ScheduleSpec,
    private readonly service: ScheduleService,
    private readonly target: MessageSink,
    private readonly sim: Simulation,
    private readonly windowMs: number,
  ) {
    this.kind = sim.on(`schedule:${label}`, () => this.fire());
  }

  /** Schedules the first firing at or after `fromMs` (call once before the run; a time shard's start). */
  start(fromMs = 0): void {
    this.arm(fromMs);
  }

  /** Event: a firing time. */
  private fire(): void {
    if (this.closed) return;
    const nowMs = this.sim.now;
    this.fired++;
    this.target.put(nowMs, 0, 1024);
    this.arm(nowMs + 1);
  }

  /** Forgets the firings before `nowMs` (a time shard's warm-up). */
  startRecording(_nowMs: number): void {
    this.fired = 0;
  }

  closeWindow(): void {
    this.closed = true;
  }

  result(): ScheduleResult {
    return { function: this.target.name, fired: this.fired, service: this.service };
  }

  private arm(fromMs: number): void {
    const at = nextFiring(this.spec, fromMs);
    if (at < this.windowMs) this.sim.at(at, this.kind);
  }
}
