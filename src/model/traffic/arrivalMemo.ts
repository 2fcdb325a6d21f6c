/**
 * Arrival times kept from one run for the next run whose traffic source arrives the same way. The
 * points of a memory sweep share their arrivals (common random numbers, design principle 4): a
 * source's arrivals are a pure function of the seed, the shard's streams, the source's name, mode
 * and phases and the span simulated, which together are the key. A run given a memo replays the
 * kept times instead of drawing them again (a draw, a log1p and a rate inversion per arrival:
 * 5-10 % of a summary-only run of api-burst), and is the same run to the last bit: a replayed
 * source hands out the same times, and its random stream (`traffic:<name>/arrivals`) feeds
 * nothing else.
 *
 * Contract:
 * - Only phase arrivals are kept (a trace is already a list). Per traffic source name, the times
 *   of the last key asked are kept, those before the span's end, 8 bytes each: at most
 *   `maxKeptArrivals` (MAX_KEPT_ARRIVALS by default) times in all the memo's sources together. A
 *   source whose expected arrivals would take the memo over that is streamed as without a memo,
 *   so a memo's memory is bounded whatever the scenario's size or number of sources.
 * - A replayed stream gives the kept times in order, then Infinity, which a traffic source reads
 *   as the stream it replaces (it stops at the first time at or after the span's end).
 */
import type { ArrivalStream } from '../../engine/index.ts';
import type { Traffic } from '../../scenario/index.ts';
import { expectedArrivals } from './arrivalsFor.ts';

/**
 * Arrival times a memo keeps at most, all its sources together (8 bytes each: 8 MB per pool
 * thread). 1 M: api-burst's 519 k fit (tune), twice its traffic (1.04 M, plan's target) does not.
 * At 2 M plan's target replayed too, for ~4 % of each of ~10 runs (~1 % of the command's CPU),
 * and plan's peak memory went from 131-133 to 149 MB (measured, same plan.json): not worth it.
 */
export const MAX_KEPT_ARRIVALS = 1_000_000;

/** What, besides the source itself, its arrivals depend on. */
export interface ArrivalSpan {
  readonly seed: number;
  /** The shard's stream name (null for a whole run). */
  readonly streams: string | null;
  readonly fromMs: number;
  readonly untilMs: number;
}

/** The first buffer for `expected` arrivals: a margin over the mean (Poisson counts vary by sqrt). */
const bufferLength = (expected: number): number => Math.ceil(expected * 1.01) + 64;

/** Replays `times`, then Infinity. */
function replay(times: Float64Array): ArrivalStream {
  let i = 0;
  return {
    next(): number {
      return i < times.length ? times[i++] : Number.POSITIVE_INFINITY;
    },
  };
}

/**
 * Every time `stream` gives before `untilMs`, in a buffer sized for `expected` of them and a margin
 * (a view of it, not a copy: copying to the exact length would hold both for a moment).
 */
function drain(stream: ArrivalStream, untilMs: number, expected: number): Float64Array {
  let times = new Float64Array(bufferLength(expected));
  let n = 0;
  for (let t = stream.next(); t < untilMs; t = stream.next()) {
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = t;
  }
  return times.subarray(0, n);
}

export class ArrivalMemo {
  private readonly kept = new Map<string, { readonly key: string; readonly times: Float64Array }>();
  /** Times the kept buffers hold room for, all sources together (what the memory is). */
  private keptCapacity = 0;

  constructor(private readonly maxKeptArrivals = MAX_KEPT_ARRIVALS) {}

  /**
   * The arrivals of `traffic` over `span`: replayed when the last ones kept for its name have the
   * same key, else made by `make` (the stream a run without a memo would use) and kept.
   */
  arrivals(traffic: Traffic, span: ArrivalSpan, make: () => ArrivalStream): ArrivalStream {
    if (traffic.arrivals.kind !== 'phases') return make();
    const expected = expectedArrivals(traffic, span.untilMs);
    const key = JSON.stringify([
      span.seed,
      span.streams,
      span.fromMs,
      span.untilMs,
      traffic.mode,
      traffic.arrivals.phases,
    ]);
    const known = this.kept.get(traffic.name);
    if (known?.key === key) return replay(known.times);
    if (known) {
      this.kept.delete(traffic.name);
      this.keptCapacity -= known.times.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT;
    }
    if (!(this.keptCapacity + bufferLength(expected) <= this.maxKeptArrivals)) return make();
    const times = drain(make(), span.untilMs, expected);
    const capacity = times.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT;
    // A buffer that had to grow past its margin is replayed once and not kept if over the cap.
    if (this.keptCapacity + capacity <= this.maxKeptArrivals) {
      this.kept.set(traffic.name, { key, times });
      this.keptCapacity += capacity;
    }
    return replay(times);
  }
}
