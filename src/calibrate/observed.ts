/**
 * What the logs of one function show, relative to the window's start: the data the fits, the
 * scenario and the calibration report are built from. Pure.
 *
 * The window is the logged span to the second: from the second of the first arrival to the second
 * after the last invocation ended (rounding out to whole minutes lowered the arrival rate of a
 * short export, and the monthly cost projected from it, by up to two minutes' worth). An invocation occupies its
 * environment from its arrival (INIT included on a cold start) to the end of its handler; that is
 * how Lambda counts concurrency, and how the simulation does.
 */
import type { Corpus } from '../logs/index.ts';

const SECOND_MS = 1000;

export interface Observed {
  readonly functionName?: string;
  /** The window's start, epoch ms (a whole second, UTC). */
  readonly startEpochMs: number;
  readonly windowMs: number;
  readonly invocations: number;
  /** Arrival times, ms from the start, ascending. */
  readonly arrivalsMs: Float64Array;
  /** Arrival times of the cold starts (INIT or restore logged), ascending. */
  readonly coldArrivalsMs: Float64Array;
  /** When each invocation's handler ended, ms from the start (same order as arrivalsMs). */
  readonly endsMs: Float64Array;
  /** Durations, Init Durations and Restore Durations, ms, each ascending. */
  readonly durationsMs: Float64Array;
  readonly initsMs: Float64Array;
  readonly restoresMs: Float64Array;
  /** The memory size most REPORTs give; durations above are of invocations at this size only. */
  readonly memoryMb: number;
  /** REPORTs by Memory Size, most frequent first. */
  readonly memorySizes: readonly { readonly memoryMb: number; readonly count: number }[];
  /** Sum of Billed Duration over every REPORT (ms), and over those at memoryMb. */
  readonly billedDurationMs: number;
  readonly billedDurationAtMemoryMs: number;
  /** Whether Billed Duration includes Init Duration on the cold starts (undefined: no cold start). */
  readonly initBilled?: boolean;
  readonly coldStarts: number;
  /** Invocations whose Status says error/failure, and timeout. */
  readonly errors: number;
  readonly timeouts: number;
  /** Distinct log streams (execution environments); 0 when the export dropped the stream names. */
  readonly environments: number;
  /** Environments whose first invocation in the window was warm: alive before the logs begin. */
  readonly warmAtStart: number;
  /** The longest idle gap an environment survived (ms; undefined without stream names). */
  readonly longestIdleSurvivedMs?: number;
  /** The largest number of invocations in progress at once. */
  readonly peakConcurrency: number;
  /** Max Memory Used, the largest logged (MB). */
  readonly maxMemoryUsedMb?: number;
}

export function observe(corpus: Corpus): Observed {
  const inv = corpus.invocations;
  const startEpochMs = Math.floor(inv[0].arrivalMs / SECOND_MS) * SECOND_MS;
  const n = inv.length;
  const arrivalsMs = new Float64Array(n);
  const endsMs = new Float64Array(n);
  const cold: number[] = [];
  const memory = new Map<number, number>();
  let billed = 0;
  let errors = 0;
  let timeouts = 0;
  let maxMemoryUsedMb: number | undefined;
  inv.forEach((v, i) => {
    const r = v.report;
    arrivalsMs[i] = v.arrivalMs - startEpochMs;
    endsMs[i] = v.handlerStartMs + r.durationMs - startEpochMs;
    if (r.initDurationMs !== undefined || r.restoreDurationMs !== undefined) cold.push(arrivalsMs[i]);
    memory.set(r.memorySizeMb, (memory.get(r.memorySizeMb) ?? 0) + 1);
    billed += r.billedDurationMs;
    if (r.status === 'error' || r.status === 'failure') errors++;
    if (r.status === 'timeout') timeouts++;
    if (r.maxMemoryUsedMb !== undefined) maxMemoryUsedMb = Math.max(maxMemoryUsedMb ?? 0, r.maxMemoryUsedMb);
  });
  const memorySizes = [...memory.entries()]
    .map(([memoryMb, count]) => ({ memoryMb, count }))
    .sort((a, b) => b.count - a.count || b.memoryMb - a.memoryMb);
  const memoryMb = memorySizes[0].memoryMb;
  const atMemory = inv.filter((v) => v.report.memorySizeMb === memoryMb).map((v) => v.report);
  const durations = atMemory.map((r) => r.durationMs);
  const inits = atMemory.flatMap((r) => (r.initDurationMs === undefined ? [] : [r.initDurationMs]));
  const restores = atMemory.flatMap((r) => (r.restoreDurationMs === undefined ? [] : [r.restoreDurationMs]));
  let lastEnd = 0;
  for (const e of endsMs) lastEnd = Math.max(lastEnd, e);
  return {
    ...(corpus.functionName !== undefined ? { functionName: corpus.functionName } : {}),
    startEpochMs,
    windowMs: Math.max(SECOND_MS, Math.ceil(lastEnd / SECOND_MS) * SECOND_MS),
    invocations: n,
    arrivalsMs,
    coldArrivalsMs: Float64Array.from(cold),
    endsMs,
    durationsMs: Float64Array.from(durations).sort(),
    initsMs: Float64Array.from(inits).sort(),
    restoresMs: Float64Array.from(restores).sort(),
    memoryMb,
    memorySizes,
    billedDurationMs: billed,
    billedDurationAtMemoryMs: atMemory.reduce((s, r) => s + r.billedDurationMs, 0),
    ...initBilledOf(atMemory),
    coldStarts: cold.length,
    errors,
    timeouts,
    ...environmentsOf(corpus),
    peakConcurrency: peakOverlap(arrivalsMs, endsMs),
    ...(maxMemoryUsedMb !== undefined ? { maxMemoryUsedMb } : {}),
  };
}

/**
 * Whether AWS billed INIT with the invocation: on a cold start Billed Duration is then at least
 * Duration + Init Duration (rounded up); under the earlier rule it is Duration rounded up. Decided by
 * the majority of cold starts (undefined without one).
 */
function initBilledOf(
  reports: readonly { durationMs: number; billedDurationMs: number; initDurationMs?: number }[],
): {
  initBilled?: boolean;
} {
  let yes = 0;
  let no = 0;
  for (const r of reports) {
    if (r.initDurationMs === undefined || r.initDurationMs < 1) continue;
    if (r.billedDurationMs >= Math.floor(r.durationMs + r.initDurationMs)) yes++;
    else no++;
  }
  return yes + no === 0 ? {} : { initBilled: yes > no };
}

function environmentsOf(corpus: Corpus): {
  environments: number;
  warmAtStart: number;
  longestIdleSurvivedMs?: number;
} {
  const byStream = new Map<string, { first: boolean; lastEndMs: number; longestGapMs: number }>();
  for (const v of corpus.invocations) {
    if (v.stream === undefined) continue;
    const end = v.handlerStartMs + v.report.durationMs;
    const seen = byStream.get(v.stream);
    if (!seen) {
      const warm = v.report.initDurationMs === undefined && v.report.restoreDurationMs === undefined;
      byStream.set(v.stream, { first: warm, lastEndMs: end, longestGapMs: 0 });
    } else {
      seen.longestGapMs = Math.max(seen.longestGapMs, v.arrivalMs - seen.lastEndMs);
      seen.lastEndMs = Math.max(seen.lastEndMs, end);
    }
  }
  if (byStream.size === 0) return { environments: 0, warmAtStart: 0 };
  let warmAtStart = 0;
  let longest = 0;
  for (const s of byStream.values()) {
    if (s.first) warmAtStart++;
    longest = Math.max(longest, s.longestGapMs);
  }
  return { environments: byStream.size, warmAtStart, longestIdleSurvivedMs: longest };
}

/** The most intervals [start, end) open at once. */
function peakOverlap(starts: Float64Array, ends: Float64Array): number {
  const events: [number, number][] = [];
  starts.forEach((s, i) => {
    events.push([s, 1], [ends[i], -1]);
  });
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same time
  let level = 0;
  let peak = 0;
  for (const [, d] of events) {
    level += d;
    peak = Math.max(peak, level);
  }
  return peak;
}
