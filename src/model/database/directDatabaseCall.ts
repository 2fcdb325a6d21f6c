/**
 * A query from a function straight to a database (no proxy), one per repetition of the call.
 *
 * connectionScope `environment`: the environment opens a connection at its first query (after
 * `connect`) and keeps it, idle or not, until the environment is reclaimed — the classic way
 * Lambda bursts exhaust max_connections. `invocation`: every invocation opens its own and closes
 * it when it ends. Opening over the limit fails the invocation at once ("too many connections").
 */
import type { Rng, Sampler, Simulation } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import { CALL_FAILED, CALL_WAIT, type RequestResumer, type ResourceCall } from '../calls/resourceCall.ts';
import type { DatabaseServer, QueryListener } from './databaseServer.ts';

export class DirectDatabaseCall implements ResourceCall, QueryListener {
  private readonly connect: Sampler;
  private readonly query: Sampler;
  private readonly connectedKind: number;

  constructor(
    private readonly db: DatabaseServer,
    private readonly resumer: RequestResumer,
    private readonly sim: Simulation,
    private readonly rng: Rng,
    kindName: string,
  ) {
    this.connect = makeSampler(db.config.connectMs);
    this.query = makeSampler(db.config.queryMs);
    this.connectedKind = sim.on(kindName, (slot, seq) => this.onConnected(slot, seq));
  }

  begin(slot: number, nowMs: number): number {
    if (this.db.holds(slot)) {
      this.db.startQuery(slot, this.query.sample(this.rng), this, nowMs);
      return CALL_WAIT;
    }
    if (!this.db.tryOpen(nowMs)) return CALL_FAILED; // "too many connections" (counted by the server)
    this.db.setHeld(slot, true);
    this.sim.at(
      nowMs + this.connect.sample(this.rng),
      this.connectedKind,
      slot,
      this.resumer.sequenceOf(slot),
    );
    return CALL_WAIT;
  }

  private onConnected(slot: number, seq: number): void {
    if (this.resumer.sequenceOf(slot) !== seq) return; // timed out while connecting
    this.db.startQuery(slot, this.query.sample(this.rng), this, this.sim.now);
  }

  queryDone(slot: number, nowMs: number): void {
    void nowMs;
    this.resumer.resume(slot, this.resumer.sequenceOf(slot), true);
  }

  abort(slot: number, nowMs: number): void {
    this.db.abortQuery(slot, nowMs);
  }

  endInvocation(slot: number, nowMs: number): void {
    if (this.db.config.connectionScope === 'invocation') this.release(slot, nowMs);
  }

  endEnvironment(slot: number, nowMs: number): void {
    this.release(slot, nowMs);
  }

  private release(slot: number, nowMs: number): void {
    if (!this.db.holds(slot)) return;
    this.db.setHeld(slot, false);
    this.db.close(nowMs);
  }
}
