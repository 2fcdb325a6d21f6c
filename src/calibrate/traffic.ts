/**
 * Traffic from logged arrival times (ms from the window's start, ascending). Pure.
 *
 * - `arrivalsCsv`: the trace itself, a `timestamps` CSV (seconds from the start, millisecond
 *   precision), replayed exactly: the same count, the same clumps and gaps.
 * - `fitPhases`: a smoother, editable form: per-minute counts cut into segments of constant rate by
 *   binary segmentation on the Poisson likelihood. A segment is split where the split gains the
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

/** Arrivals per minute over `minutes` minutes from the start. */
export function perMinuteCounts(arrivalsMs: readonly number[], minutes: number): number[] {
  const counts = new Array<number>(minutes).fill(0);
  for (const ms of arrivalsMs) {
    const i = Math.min(minutes - 1, Math.max(0, Math.floor(ms / MINUTE_MS)));
    counts[i]++;
  }
  return counts;
}

export interface FittedPhase {
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

export function fitPhases(counts: readonly number[]): FittedPhase[] {
  const prefix = [0];
  for (const c of counts) prefix.push(prefix[prefix.length - 1] + c);
  const sum = (a: number, b: number) => prefix[b] - prefix[a];
  const penalty = 2 * Math.log(Math.max(2, counts.length));
  // Segments as [start, end) minute ranges; repeatedly split the one with the largest gain.
  let segments: [number, number][] = [[0, counts.length]];
  for (;;) {
    if (segments.length >= MAX_PHASES) break;
    let best = { gain: penalty, index: -1, at: -1 };
    segments.forEach(([a, b], index) => {
      const whole = segmentLl(sum(a, b), b - a);
      for (let k = a + 1; k < b; k++) {
        const gain = segmentLl(sum(a, k), k - a) + segmentLl(sum(k, b), b - k) - whole;
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
  return segments.map(([a, b]) => ({ minutes: b - a, count: sum(a, b) }));
}
