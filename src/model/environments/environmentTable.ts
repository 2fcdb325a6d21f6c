/**
 * Every live execution environment of a run, in struct-of-arrays form.
 *
 * Contract: slots of environments that died are reused (free list), so memory is bounded by the
 * peak number of environments alive at once, never by the number of invocations. A slot's
 * `generation` increases each time it is freed, so an event carrying (slot, generation) can tell
 * whether it still refers to the environment it was scheduled for. An environment serves one
 * request at a time; the request's fields live in the same slot of `requests` while it runs.
 */
import { withCapacity } from '../../engine/index.ts';
import { RequestTable } from '../function/requests.ts';

export const EnvState = {
  Dead: 0,
  /** Running INIT for the request it was created for (a cold start). */
  Initializing: 1,
  /** Running INIT with no request (provisioned concurrency being allocated or recycled). */
  Provisioning: 2,
  Busy: 3,
  Idle: 4,
} as const;
export type EnvState = (typeof EnvState)[keyof typeof EnvState];

export class EnvironmentTable {
  private capacity: number;
  private freeSlots: number[] = [];
  /** Number of slots ever handed out (the high-water mark of the arrays in use). */
  private used = 0;

  state: Uint8Array<ArrayBuffer>;
  provisioned: Uint8Array<ArrayBuffer>;
  generation: Float64Array<ArrayBuffer>;
  createdAtMs: Float64Array<ArrayBuffer>;
  /** Deadline at which an idle environment is reclaimed (set each time it becomes idle). */
  idleDeadlineMs: Float64Array<ArrayBuffer>;
  /**
   * Time the slot's one reclamation check is set for (Infinity: none): the function's TimerSet
   * holds the check, this copy is what every idle transition reads (a typed-array load).
   */
  expiryCheckAtMs: Float64Array<ArrayBuffer>;

  /** The request each environment serves (valid while Initializing or Busy). */
  readonly requests: RequestTable;

  constructor(initialCapacity = 256) {
    this.capacity = initialCapacity;
    this.state = new Uint8Array(initialCapacity);
    this.provisioned = new Uint8Array(initialCapacity);
    this.generation = new Float64Array(initialCapacity);
    this.createdAtMs = new Float64Array(initialCapacity);
    this.idleDeadlineMs = new Float64Array(initialCapacity);
    this.expiryCheckAtMs = new Float64Array(initialCapacity).fill(Number.POSITIVE_INFINITY);
    this.requests = new RequestTable(initialCapacity);
  }

  /** Slots allocated so far (the arrays' used length); for memory checks in tests. */
  get slotsInUse(): number {
    return this.used;
  }

  /** Allocates a slot for a new environment. O(1) amortised. */
  allocate(nowMs: number, provisioned: boolean): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      if (this.used === this.capacity) this.grow();
      slot = this.used++;
    }
    this.state[slot] = EnvState.Dead; // the caller moves it to its first state
    this.provisioned[slot] = provisioned ? 1 : 0;
    this.createdAtMs[slot] = nowMs;
    this.idleDeadlineMs[slot] = Number.POSITIVE_INFINITY;
    this.expiryCheckAtMs[slot] = Number.POSITIVE_INFINITY;
    return slot;
  }

  /** Frees a slot; events still pending for it see a different generation. */
  free(slot: number): void {
    this.state[slot] = EnvState.Dead;
    this.generation[slot] += 1;
    this.expiryCheckAtMs[slot] = Number.POSITIVE_INFINITY;
    this.freeSlots.push(slot);
  }

  private grow(): void {
    const next = this.capacity * 2;
    this.state = withCapacity(this.state, next);
    this.provisioned = withCapacity(this.provisioned, next);
    this.generation = withCapacity(this.generation, next);
    this.createdAtMs = withCapacity(this.createdAtMs, next);
    this.idleDeadlineMs = withCapacity(this.idleDeadlineMs, next);
    this.expiryCheckAtMs = withCapacity(this.expiryCheckAtMs, next, Number.POSITIVE_INFINITY);
    this.requests.grow(next);
    this.capacity = next;
  }
}
