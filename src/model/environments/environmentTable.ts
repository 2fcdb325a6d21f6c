/**
 * Every live execution environment of a run, in struct-of-arrays form.
 *
 * Contract: slots of environments that died are reused (free list), so memory is bounded by the
 * peak number of environments alive at once, never by the number of invocations. A slot's
 * `generation` increases each time it is freed, so an event carrying (slot, generation) can tell
 * whether it still refers to the environment it was scheduled for. An environment serves one
 * request at a time; the request's fields live in the environment's slot while it runs.
 */

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

  fn: Int32Array;
  state: Uint8Array;
  provisioned: Uint8Array;
  generation: Float64Array;
  createdAtMs: Float64Array;
  /** Deadline at which an idle environment is reclaimed (set each time it becomes idle). */
  idleDeadlineMs: Float64Array;
  /** Time of the one reclamation check event pending for this slot (Infinity: none). */
  expiryCheckAtMs: Float64Array;
  /** Monotonic creation number (for the `newest` placement). */
  serial: Float64Array;

  // The request currently served (valid while Initializing or Busy).
  requestArrivalMs: Float64Array;
  requestOverheadMs: Float64Array;
  requestSource: Int32Array;
  requestInitMs: Float64Array;
  requestStartMs: Float64Array;
  requestDurationMs: Float64Array;
  requestOutcome: Uint8Array;
  /** Opaque per-request integer owned by the invocation path (e.g. retry attempt). */
  requestTag: Float64Array;
  /** Unique number of the request now running (-1 between requests); events carry it. */
  requestSeq: Float64Array;
  /** Resource-call program position: index of the current call and repetitions left. */
  requestStep: Int32Array;
  requestRepeat: Int32Array;
  /** 1 when the handler will end in a function error (drawn at start). */
  requestError: Uint8Array;
  /** Records in the request's batch (1 for a single event); handler time and errors scale with it. */
  requestRecords: Int32Array;
  /**
   * Hops of the chain of invocations this request belongs to (0: started by traffic or a schedule);
   * what the request writes or invokes carries depth + 1 (recursive loop detection).
   */
  requestDepth: Float64Array;

  constructor(initialCapacity = 256) {
    this.capacity = initialCapacity;
    this.fn = new Int32Array(initialCapacity);
    this.state = new Uint8Array(initialCapacity);
    this.provisioned = new Uint8Array(initialCapacity);
    this.generation = new Float64Array(initialCapacity);
    this.createdAtMs = new Float64Array(initialCapacity);
    this.idleDeadlineMs = new Float64Array(initialCapacity);
    this.expiryCheckAtMs = new Float64Array(initialCapacity).fill(Number.POSITIVE_INFINITY);
    this.serial = new Float64Array(initialCapacity);
    this.requestArrivalMs = new Float64Array(initialCapacity);
    this.requestOverheadMs = new Float64Array(initialCapacity);
    this.requestSource = new Int32Array(initialCapacity);
    this.requestInitMs = new Float64Array(initialCapacity);
    this.requestStartMs = new Float64Array(initialCapacity);
    this.requestDurationMs = new Float64Array(initialCapacity);
    this.requestOutcome = new Uint8Array(initialCapacity);
    this.requestTag = new Float64Array(initialCapacity);
    this.requestSeq = new Float64Array(initialCapacity).fill(-1);
    this.requestStep = new Int32Array(initialCapacity);
    this.requestRepeat = new Int32Array(initialCapacity);
    this.requestError = new Uint8Array(initialCapacity);
    this.requestRecords = new Int32Array(initialCapacity);
    this.requestDepth = new Float64Array(initialCapacity);
  }

  /** Slots allocated so far (the arrays' used length); for memory checks in tests. */
  get slotsInUse(): number {
    return this.used;
  }

  /** Allocates a slot for a new environment of function `fn`. O(1) amortised. */
  allocate(fn: number, nowMs: number, serial: number, provisioned: boolean): number {
    let slot: number;
    if (this.freeSlots.length > 0) slot = this.freeSlots.pop()!;
    else {
      if (this.used === this.capacity) this.grow();
      slot = this.used++;
    }
    this.fn[slot] = fn;
    this.state[slot] = EnvState.Dead; // the caller moves it to its first state
    this.provisioned[slot] = provisioned ? 1 : 0;
    this.createdAtMs[slot] = nowMs;
    this.serial[slot] = serial;
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
    const growF64 = (a: Float64Array, fill = 0) => {
      const b = new Float64Array(next);
      b.set(a);
      if (fill !== 0) b.fill(fill, a.length);
      return b;
    };
    const growI32 = (a: Int32Array) => {
      const b = new Int32Array(next);
      b.set(a);
      return b;
    };
    const growU8 = (a: Uint8Array) => {
      const b = new Uint8Array(next);
      b.set(a);
      return b;
    };
    this.fn = growI32(this.fn);
    this.state = growU8(this.state);
    this.provisioned = growU8(this.provisioned);
    this.generation = growF64(this.generation);
    this.createdAtMs = growF64(this.createdAtMs);
    this.idleDeadlineMs = growF64(this.idleDeadlineMs);
    this.expiryCheckAtMs = growF64(this.expiryCheckAtMs, Number.POSITIVE_INFINITY);
    this.serial = growF64(this.serial);
    this.requestArrivalMs = growF64(this.requestArrivalMs);
    this.requestOverheadMs = growF64(this.requestOverheadMs);
    this.requestSource = growI32(this.requestSource);
    this.requestInitMs = growF64(this.requestInitMs);
    this.requestStartMs = growF64(this.requestStartMs);
    this.requestDurationMs = growF64(this.requestDurationMs);
    this.requestOutcome = growU8(this.requestOutcome);
    this.requestTag = growF64(this.requestTag);
    this.requestSeq = growF64(this.requestSeq, -1);
    this.requestStep = growI32(this.requestStep);
    this.requestRepeat = growI32(this.requestRepeat);
    this.requestError = growU8(this.requestError);
    this.requestRecords = growI32(this.requestRecords);
    this.requestDepth = growF64(this.requestDepth);
    this.capacity = next;
  }
}
