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
 * operation (amortised) and holds only slot numbers of environments (bounded by their count).
 */
import { MaxBitSet, type Rng, withCapacity } from '../../engine/index.ts';
import type { Placement } from '../../scenario/index.ts';

export interface IdleSet {
  readonly size: number;
  /**
   * The function's environment in `slot` was created (before it is first added). Called for every
   * environment the set may hold, in creation order: `newest` orders them by these calls.
   */
  created(slot: number): void;
  /** The environment in `slot` is gone (it is not in the set); its slot may be created again. */
  destroyed(slot: number): void;
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

  /** Makes room for `slot` once, when its environment is created, not at each add. */
  created(slot: number): void {
    this.prev = withCapacity(this.prev, slot + 1, NONE);
    this.next = withCapacity(this.next, slot + 1, NONE);
    this.member = withCapacity(this.member, slot + 1);
  }

  destroyed(): void {}

  has(slot: number): boolean {
    return slot < this.member.length && this.member[slot] === 1;
  }

  add(slot: number): void {
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

/**
 * The idle environment created last. Each environment gets a rank when created (0, 1, 2, ...: the
 * order in which the function created them), and the idle ones are a bit set over ranks, whose largest
 * member is the newest idle environment. When the ranks run out, the live ones are renumbered in
 * order (or the table doubles when most are live), so memory stays O(live environments).
 */
class NewestIdleSet implements IdleSet {
  private idle = new MaxBitSet();
  /** Rank by slot (NONE: no environment). */
  private rankOf = new Int32Array(64).fill(NONE);
  /** Slot by rank (NONE: the environment is gone). */
  private slotAt = new Int32Array(1024).fill(NONE);
  private nextRank = 0;
  private live = 0;
  size = 0;

  created(slot: number): void {
    if (this.nextRank === this.slotAt.length) this.renumber();
    this.rankOf = withCapacity(this.rankOf, slot + 1, NONE);
    const rank = this.nextRank++;
    this.rankOf[slot] = rank;
    this.slotAt[rank] = slot;
    this.live++;
  }

  destroyed(slot: number): void {
    this.slotAt[this.rankOf[slot]] = NONE;
    this.rankOf[slot] = NONE;
    this.live--;
  }

  has(slot: number): boolean {
    return slot < this.rankOf.length && this.rankOf[slot] !== NONE && this.idle.has(this.rankOf[slot]);
  }

  add(slot: number): void {
    this.idle.add(this.rankOf[slot]);
    this.size++;
  }

  remove(slot: number): void {
    this.idle.delete(this.rankOf[slot]);
    this.size--;
  }

  take(): number {
    const rank = this.idle.max();
    this.idle.delete(rank);
    this.size--;
    return this.slotAt[rank];
  }

  /** Gives the live environments ranks 0..live-1 in the same order (the table doubles if half are live). */
  private renumber(): void {
    const capacity = this.live * 2 > this.slotAt.length ? this.slotAt.length * 2 : this.slotAt.length;
    const slotAt = new Int32Array(capacity).fill(NONE);
    const idle = new MaxBitSet(capacity);
    let next = 0;
    for (let rank = 0; rank < this.nextRank; rank++) {
      const slot = this.slotAt[rank];
      if (slot === NONE) continue;
      slotAt[next] = slot;
      this.rankOf[slot] = next;
      if (this.idle.has(rank)) idle.add(next);
      next++;
    }
    this.slotAt = slotAt;
    this.idle = idle;
    this.nextRank = next;
  }
}

/** Array with swap-removal; `take` draws one uniform index from its own RNG stream. */
class RandomIdleSet implements IdleSet {
  private items: number[] = [];
  private position = new Int32Array(64).fill(NONE);

  constructor(private readonly rng: Rng) {}

  /** Makes room for `slot` once, when its environment is created, not at each add. */
  created(slot: number): void {
    this.position = withCapacity(this.position, slot + 1, NONE);
  }

  destroyed(): void {}

  get size(): number {
    return this.items.length;
  }

  has(slot: number): boolean {
    return slot < this.position.length && this.position[slot] !== NONE;
  }

  add(slot: number): void {
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

export function makeIdleSet(placement: Placement, rng: Rng): IdleSet {
  switch (placement) {
    case 'newest':
      return new NewestIdleSet();
    case 'mru':
      return new RecencyIdleSet(true);
    case 'lru':
      return new RecencyIdleSet(false);
    case 'random':
      return new RandomIdleSet(rng);
  }
}
