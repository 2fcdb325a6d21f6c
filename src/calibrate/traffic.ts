/**
 * Traffic from logged arrival times (ms from the window's start, ascending). Pure.
 *
 * - `arrivalsCsv`: the trace itself, a `timestamps` CSV (seconds from the start, millisecond
 *   precision), replayed exactly: the same count, the same clumps and gaps.
 * - `fitPhases`: a smoother, editable form: per-minute counts cut into segments of constant rate by
 *   binary segmentation on the Poisson likelihood (each minute weighted by its length: the window's
 *   last minute may be partial). A segment is split where the split gains the
 *   most log-likelihood, as long as the gain exceeds the BIC penalty of the two parameters a split
 *   adds (a rate and a change point: ln(minutes) each), so a split means the rate really changed,
 *   not that a minute was busy by chance. Each segment becomes a phase at its mean rate (a pause
 *   when empty): the expected count equals the logged count exactly.
 */

export const MINUTE_MS = 60_000;

/** The trace file: a header comment, the column name, then one arrival per line in seconds. */
export function arrivalsCsv(arrivalsMs: readonly number[], header: readonly string[]): string {
  const lines = header.map((h) => `# ${h}`);
  lines.push('seconds');
  for (const ms of arrivalsMs) lines.push((Math.round(ms) / 1000).toFixed(3));
  return `${lines.join('\n')}\n`;
}

/**
 * Arrivals per minute over the first `spanMs` from the start, and each bucket's length in minutes:
 * whole minutes, the last one longer by the partial minute at the end (folded into it, so that no
 * bucket is a few seconds long), or shorter when the span is under a minute.
 */
export function perMinuteCounts(
  arrivalsMs: readonly number[],
  spanMs: number,
): { counts: number[]; minutes: number[] } {
  const n = Math.max(1, Math.floor(spanMs / MINUTE_MS));
  const counts = new Array<number>(n).fill(0);
  const minutes = counts.map((_, i) => (i < n - 1 ? 1 : (spanMs - i * MINUTE_MS) / MINUTE_MS));
  for (const ms of arrivalsMs) {
    const i = Math.min(n - 1, Math.max(0, Math.floor(ms / MINUTE_MS)));
    counts[i]++;
  }
  return { counts, minutes };
}

export interface FittedPhase {
  /** Its length in minutes (fractional when it holds the window's partial last minute). */
  readonly minutes: number;
  /** Arrivals in the segment (the phase's rate is count / minutes / 60 per second). */
  readonly count: number;
}

/** At most this many phases: a scenario someone edits by hand. */
export const MAX_PHASES = 48;

/** Poisson log-likelihood of a segment at its own mean rate, up to terms that cancel in a gain. */
function segmentLl(count: number, minutes: number): number {
  return count === 0 ? 0 : count * Math.log(count / minutes) - count;
}

/** Phases of per-minute `counts`; `minutes[i]` is minute i's length (default: whole minutes). */
export function fitPhases(counts: readonly number[], minutes?: readonly number[]): FittedPhase[] {
  const prefix = [0];
  for (const c of counts) prefix.push(prefix[prefix.length - 1] + c);
  const exposure = [0];
  counts.forEach((_, i) => {
    exposure.push(exposure[exposure.length - 1] + (minutes?.[i] ?? 1));
  });
  const sum = (a: number, b: number) => prefix[b] - prefix[a];
  const length = (a: number, b: number) => exposure[b] - exposure[a];
  const penalty = 2 * Math.log(Math.max(2, counts.length));
  // Segments as [start, end) minute ranges; repeatedly split the one with the largest gain.
  let segments: [number, number][] = [[0, counts.length]];
  for (;;) {
    if (segments.length >= MAX_PHASES) break;
    let best = { gain: penalty, index: -1, at: -1 };
    segments.forEach(([a, b], index) => {
      const whole = segmentLl(sum(a, b), length(a, b));
      for (let k = a + 1; k < b; k++) {
        const gain = segmentLl(sum(a, k), length(a, k)) + segmentLl(sum(k, b), length(k, b)) - whole;
        if (gain > best.gain) best = { gain, index, at: k };
      }
    });
    if (best.index < 0) break;
    const [a, b] = segments[best.index];
    segments = [
      ...segments.slice(0, best.index),
      [a, best.at],
      [best.at, b],
      ...segments.slice(best.index + 1),
    ];
  }
  return segments.map(([a, b]) => ({ minutes: length(a, b), count: sum(a, b) }));
}
