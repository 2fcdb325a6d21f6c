/**
 * A FIFO of fixed-width numeric records in typed arrays (struct of arrays), growing by doubling:
 * how queues and stream shards hold messages without an object per message (design principle 6).
 *
 * Records are addressed by absolute index: the first record ever pushed is 0, the next 1, ...;
 * `first` is the index of the oldest record still held and `end` one past the newest. Reading or
 * writing an index outside [first, end) is a bug (not checked on the hot path). push, pop and
 * shift are O(1) amortised (a deque: push and pop at the newest end, shift at the oldest);
 * memory is 8 bytes per column per record held, at most twice the peak.
 */
export class Ring {
  private cols: Float64Array[];
  private capacity: number;
  /** Physical position of `first`. */
  private head = 0;
  /** Absolute index of the oldest record held. */
  first = 0;
  /** Records held. */
  size = 0;

  constructor(
    readonly columns: number,
    initialCapacity = 16,
  ) {
    this.capacity = initialCapacity;
    this.cols = Array.from({ length: columns }, () => new Float64Array(initialCapacity));
  }

  /** One past the absolute index of the newest record. */
  get end(): number {
    return this.first + this.size;
  }

  /** Appends a record (columns beyond those given are 0) and returns its absolute index. */
  push(c0: number, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0): number {
    if (this.size === this.capacity) this.grow();
    const pos = (this.head + this.size) % this.capacity;
    const cols = this.cols;
    cols[0][pos] = c0;
    if (this.columns > 1) cols[1][pos] = c1;
    if (this.columns > 2) cols[2][pos] = c2;
    if (this.columns > 3) cols[3][pos] = c3;
    if (this.columns > 4) cols[4][pos] = c4;
    if (this.columns > 5) cols[5][pos] = c5;
    this.size++;
    return this.first + this.size - 1;
  }

  /** Column `col` of the record at absolute index `i`. */
  get(col: number, i: number): number {
    return this.cols[col][(this.head + (i - this.first)) % this.capacity];
  }

  set(col: number, i: number, value: number): void {
    this.cols[col][(this.head + (i - this.first)) % this.capacity] = value;
  }

  /** Drops the newest record. */
  pop(): void {
    this.size--;
  }

  /** Drops the oldest record. */
  shift(): void {
    this.head = (this.head + 1) % this.capacity;
    this.first++;
    this.size--;
  }

  private grow(): void {
    const next = this.capacity * 2;
    this.cols = this.cols.map((col) => {
      const fresh = new Float64Array(next);
      for (let i = 0; i < this.size; i++) fresh[i] = col[(this.head + i) % this.capacity];
      return fresh;
    });
    this.head = 0;
    this.capacity = next;
  }
}
