/**
 * A configured level over time (provisioned concurrency), as AWS bills it: each level holds from
 * its start to the next level's start. Two changes at the same time keep the last.
 */
/** A level of provisioned concurrency held for `durationMs`; `stillEnabled`: it changes to another level, or the window ends, rather than being disabled. */
export interface ProvisionedLevelInterval {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly stillEnabled?: true;
}

export class LevelHistory {
  private readonly segments: { concurrency: number; startMs: number }[] = [];

  /** The level becomes `concurrency` at `startMs` (not before the previous change). */
  set(concurrency: number, startMs: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last && last.startMs === startMs) last.concurrency = concurrency;
    else this.segments.push({ concurrency, startMs });
  }

  /**
   * Every level that holds within [fromMs, endMs), from its start (a level that began before
   * fromMs from fromMs: a time shard's slice), in time order (zero levels included).
   */
  steps(endMs: number, fromMs = 0): { startMs: number; concurrency: number }[] {
    return this.segments
      .filter((seg, i) => {
        const next = i + 1 < this.segments.length ? this.segments[i + 1].startMs : endMs;
        const start = Math.max(seg.startMs, fromMs);
        return start < endMs && Math.min(endMs, next) > start;
      })
      .map((seg) => ({ startMs: Math.max(seg.startMs, fromMs), concurrency: seg.concurrency }));
  }

  /**
   * The levels over [fromMs, endMs) as billing intervals (zero levels and empty intervals left
   * out). An interval after which provisioned concurrency stays enabled (the level changes to
   * another above zero, or `endMs` cuts it) is marked `stillEnabled`: AWS rounds the time from
   * enabling to disabling, not each level (ProvisionedInterval).
   */
  intervals(endMs: number, fromMs = 0): ProvisionedLevelInterval[] {
    const out: ProvisionedLevelInterval[] = [];
    const segments = this.segments;
    segments.forEach((seg, i) => {
      const following = segments[i + 1];
      const next = following !== undefined ? following.startMs : endMs;
      const until = Math.min(endMs, next);
      const start = Math.max(seg.startMs, fromMs);
      if (seg.concurrency > 0 && until > start) {
        const stillEnabled = until === endMs || (following !== undefined && following.concurrency > 0);
        out.push({
          concurrency: seg.concurrency,
          durationMs: until - start,
          ...(stillEnabled ? { stillEnabled: true as const } : {}),
        });
      }
    });
    return out;
  }
}
