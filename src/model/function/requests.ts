/**
 * The request an execution environment is serving, in struct-of-arrays form beside the
 * environment table (one slot per environment, memory bounded by the peak number of environments).
 *
 * Who writes what (the only writers):
 * - the function runtime: `begin` (what the source asked for, from its InvokeRequest), `setColdStart`
 *   or `setWarmStart`,
 *   `setStartMs`, `end` (outcome and duration);
 * - the call program of a handler with resource calls: `setSequence`, `setHandlerError`, the
 *   program position (`step`, `repeat`).
 * Sources and resource calls read through `RequestView`. A finished request's fields stay readable
 * until the slot's next request begins: a source reads the outcome in `onFinished`.
 */
import { withCapacity } from '../../engine/index.ts';

/** Outcome of a finished invocation attempt. */
export const Outcome = { Success: 1, FunctionError: 2, Timeout: 3 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * What a source asks the runtime to run. A source keeps one and refills it before each `invoke`
 * (the runtime copies it at once, so nothing is allocated per invocation).
 */
export interface InvokeRequest {
  /** The source to tell when the request finishes (its index in the SourceRegistry). */
  readonly source: number;
  /** When the request first arrived (latency counts from here; retries keep it). */
  arrivalMs: number;
  /** The source's own number for this request (retry state, batch slot, lane, caller). */
  tag: number;
  /** Records in the batch (1 for a single event): handler time and errors scale with it. */
  records: number;
  /** Hops of the chain of invocations the request belongs to (recursive loop detection). */
  depth: number;
  /**
   * A synchronous Invoke request, counted against the account's request-rate quota (traffic through
   * a synchronous front door, synchronous calls between functions); asynchronous events and event
   * source mappings are not.
   */
  readonly rateLimited: boolean;
}

/** A fresh request record for the source registered as `source`; `rateLimited` for synchronous callers. */
export function invokeRequest(source: number, rateLimited = false): InvokeRequest {
  return { source, arrivalMs: 0, tag: 0, records: 1, depth: 0, rateLimited };
}

/** Read access to the request in a slot, for sources and resource calls. */
export interface RequestView {
  arrivalMs(slot: number): number;
  tag(slot: number): number;
  records(slot: number): number;
  depth(slot: number): number;
  outcome(slot: number): Outcome;
  /** The request waited for a cold start (its INIT or restore). */
  wasCold(slot: number): boolean;
  /** The handler itself was drawn to fail (not a failed call or a timeout). */
  handlerError(slot: number): boolean;
  /** Unique number of the request running in the slot with resource calls (-1: none). */
  sequence(slot: number): number;
}

export class RequestTable implements RequestView {
  private arrival: Float64Array<ArrayBuffer>;
  private sourceOf: Int32Array<ArrayBuffer>;
  private init: Float64Array<ArrayBuffer>;
  private start: Float64Array<ArrayBuffer>;
  private duration: Float64Array<ArrayBuffer>;
  private outcomeOf: Uint8Array<ArrayBuffer>;
  private tagOf: Float64Array<ArrayBuffer>;
  private seq: Float64Array<ArrayBuffer>;
  private stepOf: Int32Array<ArrayBuffer>;
  private repeatOf: Int32Array<ArrayBuffer>;
  private error: Uint8Array<ArrayBuffer>;
  private recordsOf: Int32Array<ArrayBuffer>;
  private depthOf: Float64Array<ArrayBuffer>;
  private coldOf: Uint8Array<ArrayBuffer>;

  constructor(capacity: number) {
    this.arrival = new Float64Array(capacity);
    this.sourceOf = new Int32Array(capacity);
    this.init = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
    this.duration = new Float64Array(capacity);
    this.outcomeOf = new Uint8Array(capacity);
    this.tagOf = new Float64Array(capacity);
    this.seq = new Float64Array(capacity).fill(-1);
    this.stepOf = new Int32Array(capacity);
    this.repeatOf = new Int32Array(capacity);
    this.error = new Uint8Array(capacity);
    this.recordsOf = new Int32Array(capacity);
    this.depthOf = new Float64Array(capacity);
    this.coldOf = new Uint8Array(capacity);
  }

  /** The environment table grew to `capacity` slots. */
  grow(capacity: number): void {
    this.arrival = withCapacity(this.arrival, capacity);
    this.sourceOf = withCapacity(this.sourceOf, capacity);
    this.init = withCapacity(this.init, capacity);
    this.start = withCapacity(this.start, capacity);
    this.duration = withCapacity(this.duration, capacity);
    this.outcomeOf = withCapacity(this.outcomeOf, capacity);
    this.tagOf = withCapacity(this.tagOf, capacity);
    this.seq = withCapacity(this.seq, capacity, -1);
    this.stepOf = withCapacity(this.stepOf, capacity);
    this.repeatOf = withCapacity(this.repeatOf, capacity);
    this.error = withCapacity(this.error, capacity);
    this.recordsOf = withCapacity(this.recordsOf, capacity);
    this.depthOf = withCapacity(this.depthOf, capacity);
    this.coldOf = withCapacity(this.coldOf, capacity);
  }

  // Written by the runtime.

  /** A request begins in `slot`: what the source asked for. */
  begin(slot: number, request: InvokeRequest): void {
    this.arrival[slot] = request.arrivalMs;
    this.sourceOf[slot] = request.source;
    this.tagOf[slot] = request.tag;
    this.recordsOf[slot] = request.records;
    this.depthOf[slot] = request.depth;
  }

  /** A cold start: the INIT (or restore) the request waits for, ms (0 is possible: `init: 0ms`). */
  setColdStart(slot: number, initMs: number): void {
    this.init[slot] = initMs;
    this.coldOf[slot] = 1;
  }

  /** A warm start: no INIT. */
  setWarmStart(slot: number): void {
    this.init[slot] = 0;
    this.coldOf[slot] = 0;
  }

  /** When the handler started. */
  setStartMs(slot: number, ms: number): void {
    this.start[slot] = ms;
  }

  /** How the request ends and how long its handler ran (billed duration before rounding). */
  end(slot: number, outcome: Outcome, durationMs: number): void {
    this.outcomeOf[slot] = outcome;
    this.duration[slot] = durationMs;
  }

  source(slot: number): number {
    return this.sourceOf[slot];
  }

  initMs(slot: number): number {
    return this.init[slot];
  }

  startMs(slot: number): number {
    return this.start[slot];
  }

  durationMs(slot: number): number {
    return this.duration[slot];
  }

  // Written by the call program.

  setSequence(slot: number, seq: number): void {
    this.seq[slot] = seq;
  }

  setHandlerError(slot: number, error: boolean): void {
    this.error[slot] = error ? 1 : 0;
  }

  /** Index of the call running (-1: the fixed part, or none). */
  step(slot: number): number {
    return this.stepOf[slot];
  }

  /** Repetitions of the current call still to make. */
  repeat(slot: number): number {
    return this.repeatOf[slot];
  }

  setPosition(slot: number, step: number, repeat: number): void {
    this.stepOf[slot] = step;
    this.repeatOf[slot] = repeat;
  }

  setStep(slot: number, step: number): void {
    this.stepOf[slot] = step;
  }

  // RequestView.

  arrivalMs(slot: number): number {
    return this.arrival[slot];
  }

  tag(slot: number): number {
    return this.tagOf[slot];
  }

  records(slot: number): number {
    return this.recordsOf[slot];
  }

  depth(slot: number): number {
    return this.depthOf[slot];
  }

  outcome(slot: number): Outcome {
    return this.outcomeOf[slot] as Outcome;
  }

  wasCold(slot: number): boolean {
    return this.coldOf[slot] === 1;
  }

  handlerError(slot: number): boolean {
    return this.error[slot] === 1;
  }

  sequence(slot: number): number {
    return this.seq[slot];
  }
}
