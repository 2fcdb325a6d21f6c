/**
 * A set of small non-negative integers that finds its largest member in O(log32 n): a bit per
 * integer, and above it, level by level, a bit per non-empty 32-bit word of the level below, up
 * to a single word. `max` reads one word per level (its highest bit: `Math.clz32`); `add` and
 * `delete` touch a word per level only while a word turns non-empty or empty.
 *
 * Contract: members are integers >= 0; the set grows to hold any member added (memory O(largest
 * member) bits). Words are Int32Array elements, so every read stays a small integer.
 */
export class MaxBitSet {
  /** levels[0]: one bit per integer; levels[k + 1]: one bit per non-zero word of levels[k]. */
  private levels: Int32Array[] = [];
  private capacityBits = 0;

  constructor(capacity = 1024) {
    this.resize(capacity);
  }

  has(i: number): boolean {
    return i < this.capacityBits && (this.levels[0][i >>> 5] & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    if (i >= this.capacityBits) this.resize(i + 1);
    const levels = this.levels;
    let index = i;
    for (let k = 0; k < levels.length; k++) {
      const level = levels[k];
      const w = index >>> 5;
      const before = level[w];
      level[w] = before | (1 << (index & 31));
      if (before !== 0) return;
      index = w;
    }
  }

  delete(i: number): void {
    if (i >= this.capacityBits) return;
    const levels = this.levels;
    let index = i;
    for (let k = 0; k < levels.length; k++) {
      const level = levels[k];
      const w = index >>> 5;
      const after = level[w] & ~(1 << (index & 31));
      level[w] = after;
      if (after !== 0) return;
      index = w;
    }
  }

  /** The largest member, or -1 when the set is empty. */
  max(): number {
    const levels = this.levels;
    let k = levels.length - 1;
    if (levels[k][0] === 0) return -1;
    let index = 0;
    for (; k >= 0; k--) index = (index << 5) | (31 - Math.clz32(levels[k][index]));
    return index;
  }

  /** Grows to hold integers below `minBits` (at least doubling), keeping the members. */
  private resize(minBits: number): void {
    let bits = Math.max(1024, this.capacityBits * 2);
    while (bits < minBits) bits *= 2;
    const old = this.levels[0];
    const levels: Int32Array[] = [];
    for (let words = Math.ceil(bits / 32); ; words = Math.ceil(words / 32)) {
      levels.push(new Int32Array(words));
      if (words === 1) break;
    }
    this.levels = levels;
    this.capacityBits = bits;
    if (old === undefined) return;
    levels[0].set(old);
    for (let k = 1; k < levels.length; k++) {
      const below = levels[k - 1];
      for (let w = 0; w < below.length; w++) if (below[w] !== 0) levels[k][w >>> 5] |= 1 << (w & 31);
    }
  }
}
