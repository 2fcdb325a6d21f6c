/**
 * The resource calls of a function's handler (databases, proxies), run as a small step machine:
 * after the handler's fixed part (compute, io, fixed-latency calls), each call in order, each
 * repeated `count` times, with the function timeout stopping the request wherever it is (a step
 * that ends exactly at the timeout is cut by it: the timeout runs first at equal times).
 *
 * Contract with the runtime: `start` takes over a request that has just begun its handler; when
 * the request ends (success, function error, failed call, timeout) the program releases what the
 * calls hold for the invocation and calls `finish(slot, nowMs, outcome)`. Events carry the request's
 * sequence number; a request that ended makes them stale (`requestSeq` = -1). Calls resume the
 * request through this object (it is their RequestResumer).
 *
 * The function timeout is the same for every request, so the timeouts wait in a DeadlineFifo (one
 * pending event per function); the timeout of a request that ended first never becomes an event.
 */
import { DeadlineFifo, type Simulation } from '../../engine/index.ts';
import { Outcome, type RequestTable } from '../function/requests.ts';
import { CALL_FAILED, CALL_WAIT, type RequestResumer, type ResourceCall } from './resourceCall.ts';

/** A resource call in a function's program, made `count` times in a row. */
export interface ProgramCall {
  readonly call: ResourceCall;
  readonly count: number;
}

export interface CallProgramContext {
  readonly sim: Simulation;
  readonly requests: RequestTable;
  /** Unique request sequence numbers (shared by all functions). */
  nextRequestSeq(): number;
}

export class CallProgram implements RequestResumer {
  private program: readonly ProgramCall[] = [];
  /** Distinct calls of the program, told when requests and environments end. */
  private distinct: readonly ResourceCall[] = [];
  /** (slot, request seq): a fixed-duration part of the handler ended. */
  private readonly stepDoneKind: number;
  /** (slot, request seq): the function timeouts of handlers with resource calls, in start order. */
  private readonly timeouts: DeadlineFifo;

  constructor(
    /** The function's name (event kind labels). */
    name: string,
    private readonly ctx: CallProgramContext,
    private readonly finish: (slot: number, nowMs: number, outcome: Outcome) => void,
  ) {
    const requests = ctx.requests;
    this.stepDoneKind = ctx.sim.on(`step-done:${name}`, (slot, seq) => {
      if (requests.sequence(slot) === seq) this.advance(slot, ctx.sim.now);
    });
    this.timeouts = new DeadlineFifo(
      ctx.sim,
      `request-timeout:${name}`,
      (slot, seq) => requests.sequence(slot) === seq,
      (slot) => this.onRequestTimeout(slot),
    );
  }

  /** Sets the calls (built once the runtime exists, since calls resume requests through it). */
  attach(program: readonly ProgramCall[]): void {
    this.program = program;
    this.distinct = [...new Set(program.map((p) => p.call))];
  }

  get isEmpty(): boolean {
    return this.program.length === 0;
  }

  /**
   * Runs the request in `slot`: its fixed part of `workMs`, then the calls; `error`: the handler
   * ends in a function error if the calls succeed.
   */
  start(slot: number, nowMs: number, workMs: number, error: boolean, timeoutMs: number): void {
    const requests = this.ctx.requests;
    const seq = this.ctx.nextRequestSeq();
    requests.setSequence(slot, seq);
    requests.setHandlerError(slot, error);
    requests.setPosition(slot, -1, 0);
    // The timeout is added first (DeadlineFifo reserves its sequence number at add), so it runs
    // before any step of this request that ends at the same time: work (or a call) reaching the
    // timeout is a timeout, as for a handler without calls (Lambda stops a function at its timeout).
    this.timeouts.add(nowMs + timeoutMs, slot, seq);
    this.ctx.sim.at(nowMs + workMs, this.stepDoneKind, slot, seq);
  }

  sequenceOf(slot: number): number {
    return this.ctx.requests.sequence(slot);
  }

  resume(slot: number, seq: number, ok: boolean): void {
    if (this.ctx.requests.sequence(slot) !== seq) return; // the request timed out meanwhile
    const nowMs = this.ctx.sim.now;
    if (ok) this.advance(slot, nowMs);
    else this.end(slot, nowMs, Outcome.FunctionError);
  }

  /** Event: the function timeout (already checked for seq). */
  private onRequestTimeout(slot: number): void {
    const nowMs = this.ctx.sim.now;
    const step = this.ctx.requests.step(slot);
    if (step >= 0) this.program[step].call.abort(slot, nowMs);
    this.end(slot, nowMs, Outcome.Timeout);
  }

  /** The environment in `slot` is going away: the calls release what they hold for it. */
  endEnvironment(slot: number, nowMs: number): void {
    for (const call of this.distinct) call.endEnvironment(slot, nowMs);
  }

  /** Moves the request to its next call, or ends it. */
  private advance(slot: number, nowMs: number): void {
    const requests = this.ctx.requests;
    let step = requests.step(slot);
    let repeat = requests.repeat(slot);
    for (;;) {
      if (repeat === 0) {
        step++;
        if (step >= this.program.length) {
          requests.setStep(slot, -1);
          this.end(slot, nowMs, requests.handlerError(slot) ? Outcome.FunctionError : Outcome.Success);
          return;
        }
        repeat = this.program[step].count;
        continue;
      }
      repeat--;
      requests.setPosition(slot, step, repeat);
      const result = this.program[step].call.begin(slot, nowMs);
      if (result === CALL_WAIT) return;
      if (result === CALL_FAILED) {
        requests.setStep(slot, -1);
        this.end(slot, nowMs, Outcome.FunctionError);
        return;
      }
      this.ctx.sim.at(nowMs + result, this.stepDoneKind, slot, requests.sequence(slot));
      return;
    }
  }

  private end(slot: number, nowMs: number, outcome: Outcome): void {
    this.ctx.requests.setSequence(slot, -1); // pending step, timeout and resume events go stale
    for (const call of this.distinct) call.endInvocation(slot, nowMs);
    this.finish(slot, nowMs, outcome);
  }
}
