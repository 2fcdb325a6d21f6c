/**
 * Handler times drawn in one run, kept for the next run that draws them the same way. A memory
 * sweep's points differ in how compute time is scaled, not in the draws it is scaled from: the
 * k-th draw of a function's compute (or io) time is the quantile of the k-th number of its own
 * random stream (`handler/compute`, `handler/io`: one number per draw, design principle 4), so it
 * is the same in every point. A run given a memo replays the kept draws instead of drawing them
 * again (a lognormal draw is a random number, a normal quantile and an exp: ~8 % of a summary-only
 * run of api-burst), and is the same run to the last bit: a replayed stream hands out the same
 * numbers, and its random stream feeds nothing else.
 *
 * Contract:
 * - `draws(slot, key, sampler, rng)` gives the draws `sampler.sample(rng)` would give, in order,
 *   for as many as the run asks. `key` must name everything they depend on: the stream's origin
 *   (`rng.originKey()`) and the distribution. Per slot, the draws of the last key asked are kept.
 * - A run that asks for more draws than are kept first moves its stream past the kept ones (one
 *   `rng.next()` each, as every sampler draws), then draws on and keeps the new draws too.
 * - At most `maxKeptDraws` (MAX_KEPT_DRAWS by default) draws are kept, all slots together, 8
 *   bytes each, in whole blocks of 65,536; past that a run draws without keeping, so the memory
 *   is bounded whatever the run.
 * - One run at a time per memo (each thread of a pool has its own): a slot's draws are appended
 *   to by the run that asked for them last.
 */
import type { Rng, Sampler } from '../../engine/index.ts';

/**
 * Draws a memo keeps at most, all its slots together (8 bytes each: 8 MB per pool thread). 2^20:
 * api-burst's tune points draw up to 514 k compute and 514 k io times each.
 */
export const MAX_KEPT_DRAWS = 1 << 20;

/**
 * Draws are kept in blocks of 2^BLOCK_BITS (512 KB), added as a slot fills: a block once filled
 * is never copied, so keeping never holds two copies of the draws at once.
 */
export const BLOCK_BITS = 16;

/** One sampler's draws from one stream: the k-th `next()` is the k-th draw. */
export interface Draws {
  next(): number;
}

/** The draws kept for one slot, `count` of them in `blocks`, of the stream and distribution `key` names. */
class Kept {
  readonly blocks: Float64Array[] = [];
  count = 0;
  /** Draw i is `blocks[i >>> bits][i & mask]`. */
  readonly mask: number;
  constructor(
    readonly key: string,
    readonly bits: number,
  ) {
    this.mask = (1 << bits) - 1;
  }
}

/** Replays `kept`, then draws on from `rng` (moved past the kept draws first), keeping while there is room. */
class Replayed implements Draws {
  private i = 0;
  /** Whether `rng` has been moved past the draws that were kept when this run began. */
  private caughtUp = false;
  constructor(
    private readonly kept: Kept,
    private readonly sampler: Sampler,
    private readonly rng: Rng,
    private readonly memo: DrawMemo,
  ) {}

  next(): number {
    const kept = this.kept;
    if (this.i < kept.count) {
      const i = this.i++;
      return kept.blocks[i >>> kept.bits][i & kept.mask];
    }
    return this.drawOn();
  }

  private drawOn(): number {
    const kept = this.kept;
    if (!this.caughtUp) {
      for (let k = 0; k < this.i; k++) this.rng.next();
      this.caughtUp = true;
    }
    const value = this.sampler.sample(this.rng);
    // Kept only while this run's draws continue the kept ones (no other run appended meanwhile).
    if (this.i === kept.count && (kept.count < kept.blocks.length << kept.bits || this.memo.grow(kept))) {
      const i = kept.count++;
      kept.blocks[i >>> kept.bits][i & kept.mask] = value;
    }
    this.i++;
    return value;
  }
}

export class DrawMemo {
  private readonly kept = new Map<string, Kept>();
  private capacity = 0;

  /** `blockBits`: blocks of 2^blockBits draws (smaller in tests, to cross blocks and the cap often). */
  constructor(
    private readonly maxKeptDraws = MAX_KEPT_DRAWS,
    private readonly blockBits = BLOCK_BITS,
  ) {}

  /** Draws the kept buffers hold room for, all slots together (what the memory is). */
  get keptCapacity(): number {
    return this.capacity;
  }

  /** The draws of `sampler` from `rng` for `slot` (see the contract). */
  draws(slot: string, key: string, sampler: Sampler, rng: Rng): Draws {
    let kept = this.kept.get(slot);
    if (kept?.key !== key) {
      if (kept) this.capacity -= kept.blocks.length << kept.bits;
      kept = new Kept(key, this.blockBits);
      this.kept.set(slot, kept);
    }
    return new Replayed(kept, sampler, rng, this);
  }

  /** Gives `kept` one more block; false when the memo has no room for one. */
  grow(kept: Kept): boolean {
    const length = 1 << kept.bits;
    if (this.capacity + length > this.maxKeptDraws) return false;
    kept.blocks.push(new Float64Array(length));
    this.capacity += length;
    return true;
  }
}
