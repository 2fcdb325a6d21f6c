/**
 * Placement policies: which idle environment of a function takes the next request.
 *
 *   newest  the most recently created idle environment (older ones age out and get reclaimed)
 *   mru     the environment that became idle most recently (a stack)
 *   lru     the environment idle the longest (a queue: spreads work, keeps everything warm)
 *   random  uniformly at random among the idle ones
 *
 * AWS does not document its placement; `newest` matches the observation that bursts leave a
 * tail of older environments that are then reclaimed. Every set here is O(1) or O(log n) per
 * operation and holds only slot numbers of idle environments (bounded by the environment count).
 */
import { IndexedHeap, type Rng, withCapacity } from '../../engine/index.ts';
import type { Placement } from '../../scenario/index.ts';

export interface IdleSet {
  readonly size: number;
  /** The environment in `slot` became idle. */
  add(slot: number): void;
  /** The environment in `slot` leaves the set (reclaimed or retired). It must be in the set. */
  remove(slot: number): void;
  /** Removes and returns the environment the policy picks. The set must not be empty. */
  take(): number;
  has(slot: number): boolean;
}

const NONE = -1;

/** Doubly linked list ordered by the time environments became idle: head = most recent. */
class RecencyIdleSet implements IdleSet {
  private prev = new Int32Array(64).fill(NONE);
  private next = new Int32Array(64).fill(NONE);
  private member = new Int32Array(64).fill(0);
  private head = NONE;
  private tail = NONE;
  size = 0;

  constructor(private readonly takeMostRecent: boolean) {}

  has(slot: number): boolean {
    return slot < this.member.length && this.member[slot] === 1;
  }

  add(slot: number): void {
    this.prev = withCapacity(this.prev, slot + 1, NONE);
    this.next = withCapacity(this.next, slot + 1, NONE);
    this.member = withCapacity(this.member, slot + 1);
    this.prev[slot] = NONE;
    this.next[slot] = this.head;
    if (this.head !== NONE) this.prev[this.head] = slot;
    else this.tail = slot;
    this.head = slot;
    this.member[slot] = 1;
    this.size++;
  }

  remove(slot: number): void {
    const p = this.prev[slot];
    const n = this.next[slot];
    if (p !== NONE) this.next[p] = n;
    else this.head = n;
    if (n !== NONE) this.prev[n] = p;
    else this.tail = p;
    this.member[slot] = 0;
    this.size--;
  }

  take(): number {
    const slot = this.takeMostRecent ? this.head : this.tail;
    this.remove(slot);
    return slot;
  }
}

/** Indexed binary heap on the environments' creation serial numbers (unique), newest first. */
class NewestIdleSet implements IdleSet {
  private readonly heap = new IndexedHeap();

  constructor(private readonly serialOf: (slot: number) => number) {}

  get size(): number {
    return this.heap.size;
  }

  has(slot: number): boolean {
    return this.heap.has(slot);
  }

  add(slot: number): void {
    this.heap.push(slot, -this.serialOf(slot));
  }

  remove(slot: number): void {
    this.heap.remove(slot);
  }

  take(): number {
    return this.heap.pop();
  }
}

/** Array with swap-removal; `take` draws one uniform index from its own RNG stream. */
class RandomIdleSet implements IdleSet {
  private items: number[] = [];
  private position = new Int32Array(64).fill(NONE);

  constructor(private readonly rng: Rng) {}

  get size(): number {
    return this.items.length;
  }

  has(slot: number): boolean {
    return slot < this.position.length && this.position[slot] !== NONE;
  }

  add(slot: number): void {
    this.position = withCapacity(this.position, slot + 1, NONE);
    this.position[slot] = this.items.length;
    this.items.push(slot);
  }

  remove(slot: number): void {
    const i = this.position[slot];
    const last = this.items[this.items.length - 1];
    this.items.pop();
    this.position[slot] = NONE;
    if (last !== slot) {
      this.items[i] = last;
      this.position[last] = i;
    }
  }

  take(): number {
    const slot = this.items[this.rng.int(this.items.length)];
    this.remove(slot);
    return slot;
  }
}

export function makeIdleSet(placement: Placement, serialOf: (slot: number) => number, rng: Rng): IdleSet {
  switch (placement) {
    case 'newest':
      return new NewestIdleSet(serialOf);
    case 'mru':
      return new RecencyIdleSet(true);
    case 'lru':
      return new RecencyIdleSet(false);
    case 'random':
      return new RandomIdleSet(rng);
  }
}
