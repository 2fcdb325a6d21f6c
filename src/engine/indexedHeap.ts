/**
 * A binary min-heap of small non-negative integer ids ordered by the caller's `before(a, b)`,
 * with each id's position indexed, so any id can be removed — not only the top — in O(log n).
 *
 * Contract: `before` must be a strict total order on the ids present (break ties, e.g. by id) so
 * the order never depends on the heap's shape; an id is in the heap at most once; the keys
 * `before` reads must not change while the id is in the heap (remove, change, push again).
 * Memory: O(largest id) for the position index.
 */
import { withCapacity } from './typedArrays.ts';

const ABSENT = -1;

export class IndexedHeap {
  private readonly heap: number[] = [];
  private position = new Int32Array(64).fill(ABSENT);

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.heap.length;
  }

  has(id: number): boolean {
    return id < this.position.length && this.position[id] !== ABSENT;
  }

  /** The first id, or -1 when empty. */
  peek(): number {
    return this.heap.length > 0 ? this.heap[0] : ABSENT;
  }

  push(id: number): void {
    this.position = withCapacity(this.position, id + 1, ABSENT);
    this.heap.push(id);
    this.position[id] = this.heap.length - 1;
    this.siftUp(this.heap.length - 1);
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

  private removeAt(i: number): void {
    const h = this.heap;
    const id = h[i];
    const last = h[h.length - 1];
    h.pop();
    this.position[id] = ABSENT;
    if (i < h.length) {
      h[i] = last;
      this.position[last] = i;
      this.siftDown(i);
      this.siftUp(this.position[last]);
    }
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l], h[m])) m = l;
      if (r < h.length && this.before(h[r], h[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const h = this.heap;
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
    this.position[h[i]] = i;
    this.position[h[j]] = j;
  }
}
