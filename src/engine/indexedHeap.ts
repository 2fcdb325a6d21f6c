/**
 * A binary min-heap of small non-negative integer ids ordered by a numeric key given with each id
 * (ties broken by the smaller id, so the order never depends on the heap's shape), with each id's
 * position indexed, so any id can be removed — not only the top — in O(log n).
 *
 * Keys live in a typed array beside the heap and are compared directly (no comparator callback on
 * the hot path). Contract: an id is in the heap at most once; keys must not be NaN; a key does not
 * change while its id is in the heap (remove and push again). Memory: O(largest id) for the
 * position and key indexes, O(size) for the heap.
 */
import { withCapacity } from './typedArrays.ts';

const ABSENT = -1;

export class IndexedHeap {
  private heap = new Int32Array(64);
  private count = 0;
  private position = new Int32Array(64).fill(ABSENT);
  private keys = new Float64Array(64);

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id < this.position.length && this.position[id] !== ABSENT;
  }

  /** The first id (smallest key, then smallest id), or -1 when empty. */
  peek(): number {
    return this.count > 0 ? this.heap[0] : ABSENT;
  }

  /** The key `id` was pushed with (while it is in the heap). */
  keyOf(id: number): number {
    return this.keys[id];
  }

  push(id: number, key: number): void {
    // Grown only when too short: storing the same array back would cost a write barrier per push.
    if (id >= this.position.length) this.position = withCapacity(this.position, id + 1, ABSENT);
    if (id >= this.keys.length) this.keys = withCapacity(this.keys, id + 1);
    if (this.count >= this.heap.length) this.heap = withCapacity(this.heap, this.count + 1);
    this.keys[id] = key;
    const i = this.count++;
    this.heap[i] = id;
    this.position[id] = i;
    this.siftUp(i);
  }

  /** Removes and returns the first id (the heap must not be empty). */
  pop(): number {
    const top = this.heap[0];
    this.removeAt(0);
    return top;
  }

  /** Removes `id` if present. */
  remove(id: number): void {
    if (this.has(id)) this.removeAt(this.position[id]);
  }

  /** Whether id a comes before id b. */
  private before(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const id = h[i];
    const last = h[--this.count];
    this.position[id] = ABSENT;
    if (i < this.count) {
      h[i] = last;
      this.position[last] = i;
      this.siftDown(i);
      this.siftUp(this.position[last]);
    }
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const id = h[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (!this.before(id, p)) break;
      h[i] = p;
      this.position[p] = i;
      i = parent;
    }
    h[i] = id;
    this.position[id] = i;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = this.count;
    const id = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && this.before(h[r], h[l])) m = r;
      const c = h[m];
      if (!this.before(c, id)) break;
      h[i] = c;
      this.position[c] = i;
      i = m;
    }
    h[i] = id;
    this.position[id] = i;
  }
}
