/**
 * Changes a function's provisioned concurrency during the window (Application Auto Scaling for
 * Lambda; Lambda developer guide "Configuring provisioned concurrency", old docs
 * provisioned-concurrency.md):
 *
 * - Scheduled actions: inside a window [start, end) the level is the window's concurrency (the
 *   latest-starting window wins when they overlap), outside it the base level. With auto scaling a
 *   window raises the minimum instead (a scheduled action setting MinCapacity).
 * - With auto scaling the window opens at the configured level (`concurrency`; the minimum when
 *   none is given) brought inside [minimum, maximum]: registering the scalable target "changes the
 *   resource's current capacity to a value that is inside of this range" (Application Auto Scaling
 *   API, RegisterScalableTarget); target tracking then moves it as below.
 * - Target tracking on LambdaProvisionedConcurrencyUtilization (busy provisioned environments /
 *   provisioned environments ready), one data point per minute (the minute's average). Scale out
 *   when 3 consecutive points are above the target (70% by default), scale in when 15 consecutive
 *   points are below 90% of it (the alarms AWS creates: 3 and 15 data points of one minute). The new
 *   level is ceil(mean busy / target), within [minimum, maximum]. The point history restarts after
 *   each change. With no provisioned environment ready there is no data point (AWS cannot scale
 *   from zero on this metric).
 *
 * New environments become ready after the allocation time plus INIT (ProvisionedPool.setLevel).
 */
import type { Simulation } from '../../engine/index.ts';
import type { ProvisionedAutoScaling, ProvisionedConfig } from '../../scenario/index.ts';
import type { ProvisionedPool } from '../function/provisionedPool.ts';

export const AUTO_SCALING_PERIOD_MS = 60_000;
export const SCALE_OUT_POINTS = 3;
export const SCALE_IN_POINTS = 15;
export const SCALE_IN_FRACTION = 0.9;

export class ProvisionedController {
  private readonly points: number[] = [];
  private closed = false;
  scaleOuts = 0;
  scaleIns = 0;
  peakLevel: number;
  /** Event kinds: a scheduled action starts or ends; an auto scaling evaluation (once a minute). */
  private readonly scheduleKind: number;
  private readonly evaluateKind: number;

  /** `name`: the function's (event kind labels). */
  constructor(
    name: string,
    private readonly pool: ProvisionedPool,
    private readonly config: ProvisionedConfig,
    private readonly base: number,
    private readonly sim: Simulation,
    private readonly windowMs: number,
  ) {
    this.peakLevel = 0; // set by initialLevel(), the level the window opens with
    this.scheduleKind = sim.on(`pc-schedule:${name}`, () => this.apply());
    this.evaluateKind = sim.on(`pc-evaluate:${name}`, () => this.evaluate());
  }

  /**
   * The level in force when the window opens: allocated before traffic like a fixed level, so a
   * scheduled action starting at 0 is ready for the first request.
   */
  initialLevel(): number {
    const auto = this.config.autoScaling;
    const level = auto
      ? Math.min(auto.maximum, Math.max(this.minimumAt(auto, 0), this.base))
      : (this.scheduledLevel(0) ?? this.base);
    if (level > this.peakLevel) this.peakLevel = level;
    return level;
  }

  /** Schedules the later scheduled actions and the first evaluation (call once before the run). */
  start(): void {
    const times = new Set<number>();
    for (const w of this.config.schedule) {
      times.add(w.startMs);
      if (Number.isFinite(w.endMs)) times.add(w.endMs);
    }
    for (const t of [...times].sort((a, b) => a - b))
      if (t > 0 && t < this.windowMs) this.sim.at(t, this.scheduleKind);
    if (this.config.autoScaling) this.sim.at(AUTO_SCALING_PERIOD_MS, this.evaluateKind);
    this.pool.takeBusyArea(0);
  }

  /** The scheduled level (or, with auto scaling, the scheduled minimum) at `t`. */
  scheduledLevel(t: number): number | null {
    let best: { startMs: number; concurrency: number } | null = null;
    for (const w of this.config.schedule) {
      if (w.startMs <= t && t < w.endMs && (best === null || w.startMs >= best.startMs)) best = w;
    }
    return best?.concurrency ?? null;
  }

  private minimumAt(auto: ProvisionedAutoScaling, t: number): number {
    return Math.max(auto.minimum, this.scheduledLevel(t) ?? 0);
  }

  /** Event: a scheduled action starts or ends. */
  private apply(): void {
    if (this.closed) return;
    const nowMs = this.sim.now;
    const auto = this.config.autoScaling;
    if (!auto) {
      this.set(this.scheduledLevel(nowMs) ?? this.base, nowMs);
      return;
    }
    const current = this.pool.targetLevel;
    const min = this.minimumAt(auto, nowMs);
    this.set(Math.min(auto.maximum, Math.max(min, current)), nowMs);
  }

  /** Event: one auto scaling data point. */
  private evaluate(): void {
    if (this.closed) return;
    const nowMs = this.sim.now;
    const auto = this.config.autoScaling;
    if (!auto) return; // scheduled only with auto scaling
    this.sim.at(nowMs + AUTO_SCALING_PERIOD_MS, this.evaluateKind);
    const area = this.pool.takeBusyArea(nowMs);
    const ready = this.pool.ready;
    if (ready === 0) return;
    const meanBusy = area / AUTO_SCALING_PERIOD_MS;
    const utilization = meanBusy / ready;
    this.points.push(utilization);
    if (this.points.length > SCALE_IN_POINTS) this.points.shift();
    const current = this.pool.targetLevel;
    const desired = Math.min(
      auto.maximum,
      Math.max(this.minimumAt(auto, nowMs), Math.ceil(meanBusy / auto.targetUtilization)),
    );
    const last = (n: number): number[] | null => (this.points.length >= n ? this.points.slice(-n) : null);
    const high = last(SCALE_OUT_POINTS);
    if (high?.every((u) => u > auto.targetUtilization) && desired > current) {
      this.scaleOuts++;
      this.set(desired, nowMs);
      this.points.length = 0;
      return;
    }
    const low = last(SCALE_IN_POINTS);
    if (low?.every((u) => u < SCALE_IN_FRACTION * auto.targetUtilization) && desired < current) {
      this.scaleIns++;
      this.set(desired, nowMs);
      this.points.length = 0;
    }
  }

  /**
   * Forgets what changed before `nowMs` (a time shard's warm-up): scale-outs and scale-ins count
   * from zero and the peak starts at the level in force. The auto-scaling data points keep their
   * history: the alarms look back over the past minutes whatever a shard records.
   */
  startRecording(_nowMs: number): void {
    this.scaleOuts = 0;
    this.scaleIns = 0;
    this.peakLevel = this.pool.targetLevel;
  }

  closeWindow(): void {
    this.closed = true;
  }

  /** What changed over the run. */
  result(): { readonly peakLevel: number; readonly scaleOuts: number; readonly scaleIns: number } {
    return { peakLevel: this.peakLevel, scaleOuts: this.scaleOuts, scaleIns: this.scaleIns };
  }

  private set(level: number, nowMs: number): void {
    this.pool.setLevel(level, nowMs);
    if (level > this.peakLevel) this.peakLevel = level;
  }
}
