/**
 * RDS Proxy between functions and a database (RDS user guide "RDS Proxy", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-connections.html).
 *
 * Client side: each client session (per environment, or per invocation with connectionScope
 * `invocation`) opens a connection to the proxy once; client connections are counted separately
 * and never touch the database's limit. A session is pinned with probability `pinning`.
 *
 * Database side: a pool of at most poolSize = ⌊maxConnectionsFraction × max_connections⌋
 * connections. Each query is a transaction: it borrows a connection (an idle one; else a new one
 * if the pool and the database allow it, after `connect`; else it waits in a FIFO queue for up to
 * `connectionBorrowTimeout`, then fails), runs on the database, and gives the connection back at
 * the transaction boundary (multiplexing) — except a pinned session, which keeps the first
 * connection it borrows until the session ends. Idle connections above
 * ⌊maxIdleConnectionsFraction × max_connections⌋ are closed when returned. The proxy adds
 * `overhead` to each query's round trip, outside the database.
 */

import type { Rng, Sampler, Simulation } from '../../engine/index.ts';
import { DeadlineFifo, makeSampler } from '../../engine/index.ts';
import {
  type BucketedCounts,
  type BucketedGauge,
  type CountSeriesData,
  type GaugeSeriesData,
  Histogram,
  type HistogramData,
  type SeriesMaker,
  TimeWeighted,
} from '../../metrics/index.ts';
import { present } from '../../result.ts';
import type { RdsProxy } from '../../scenario/index.ts';
import { CALL_WAIT, type RequestResumer, type ResourceCall } from '../calls/resourceCall.ts';
import type { DatabaseServer, QueryListener } from './databaseServer.ts';

/** A proxy's levels over the window. */
export interface ProxyWindow {
  readonly peakClientConnections: number;
  readonly meanClientConnections: number;
  /** Pooled connections lent out to queries, time average. */
  readonly meanPoolInUse: number;
}

/** An RDS Proxy over a run, as plain data (RdsProxyModel.result()). */
export interface ProxyResult {
  readonly name: string;
  /** The database it fronts, and that database's vCPUs (what RDS Proxy bills). */
  readonly target: string;
  readonly targetVcpus: number;
  /** The pool's size: maxConnectionsPercent x max_connections. */
  readonly poolSize: number;
  readonly borrows: number;
  /** Borrows that had to queue for a pooled connection, and those that gave up after connectionBorrowTimeout. */
  readonly borrowWaits: number;
  readonly borrowTimeouts: number;
  /** Time the borrows that queued waited. */
  readonly borrowWait: HistogramData;
  readonly window: ProxyWindow;
  readonly series: {
    readonly poolInUse: GaugeSeriesData;
    /** Borrowers queued for a pooled connection. */
    readonly waiting: GaugeSeriesData;
    readonly borrowWaits: CountSeriesData;
    readonly borrowTimeouts: CountSeriesData;
  };
}

const Phase = {
  None: 0,
  ClientConnecting: 1,
  Waiting: 2,
  DbConnecting: 3,
  Querying: 4,
  Returning: 5,
} as const;

interface SlotState {
  phase: number;
  seq: number;
  session: boolean;
  pinned: boolean;
  /** A pinned session's connection (held between its queries). */
  holdsPinned: boolean;
  /** The connection borrowed for the running query (not pinned). */
  borrowed: boolean;
  waitSinceMs: number;
  /** Which wait the slot is in (unique per proxy): a served wait's deadline stays dead. */
  waitId: number;
  resumer: RequestResumer | null;
}

export class RdsProxyModel implements QueryListener {
  readonly poolSize: number;
  readonly maxIdle: number;
  private open = 0;
  private inUse = 0;
  private opening = 0;
  private readonly waiters: number[] = [];
  private waiterHead = 0;
  private readonly slots: SlotState[] = [];
  private readonly overhead: Sampler;
  private readonly clientConnect: Sampler;
  private readonly dbConnect: Sampler;
  private readonly query: Sampler;
  private readonly kinds: {
    clientConnected: number;
    dbConnected: number;
    returned: number;
  };
  /**
   * (slot, wait id): the borrow deadlines, connectionBorrowTimeout after each wait began, the same
   * for every borrower, so one event pending per proxy; a wait served first never becomes an event.
   */
  private readonly borrowDeadlines: DeadlineFifo;
  private nextWaitId = 0;
  private clientConnections = 0;
  private waiting = 0;
  private readonly clientLevel = new TimeWeighted();
  /** The window's levels, once it closed. */
  private frozen: ProxyWindow | null = null;
  private readonly poolInUseLevel = new TimeWeighted();

  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  private borrows = 0;
  private borrowWaits = 0;
  private borrowTimeouts = 0;
  private borrowWait = new Histogram();
  private readonly poolInUseSeries: BucketedGauge;
  private readonly waitingSeries: BucketedGauge;
  /** Borrows that had to queue, and borrows that gave up, per time bucket. */
  private readonly borrowWaitsSeries: BucketedCounts;
  private readonly borrowTimeoutsSeries: BucketedCounts;

  constructor(
    readonly config: RdsProxy,
    readonly db: DatabaseServer,
    private readonly sim: Simulation,
    private readonly rng: Rng,
    private readonly windowMs: number,
    series: SeriesMaker,
  ) {
    this.poolSize = Math.floor(config.maxConnectionsFraction * db.config.maxConnections);
    this.maxIdle = Math.floor(config.maxIdleConnectionsFraction * db.config.maxConnections);
    this.overhead = makeSampler(config.overheadMs);
    this.clientConnect = makeSampler(db.config.connectMs);
    this.dbConnect = makeSampler(db.config.connectMs);
    this.query = makeSampler(db.config.queryMs);
    const name = config.name;
    this.kinds = {
      clientConnected: sim.on(`proxy-client-connected:${name}`, (slot, seq) =>
        this.onClientConnected(slot, seq),
      ),
      dbConnected: sim.on(`proxy-db-connected:${name}`, (slot, seq) => this.onDbConnected(slot, seq)),
      returned: sim.on(`proxy-returned:${name}`, (slot, seq) => this.onReturned(slot, seq)),
    };
    this.borrowDeadlines = new DeadlineFifo(
      sim,
      `proxy-borrow-timeout:${name}`,
      (slot, waitId) => {
        const s = this.slots[slot];
        return s.phase === Phase.Waiting && s.waitId === waitId;
      },
      (slot) => this.onBorrowTimeout(slot),
    );
    this.poolInUseSeries = series.gauge();
    this.waitingSeries = series.gauge();
    this.borrowWaitsSeries = series.counts();
    this.borrowTimeoutsSeries = series.counts();
  }

  private state(slot: number): SlotState {
    let s = this.slots[slot];
    if (!s) {
      s = {
        phase: Phase.None,
        seq: -1,
        session: false,
        pinned: false,
        holdsPinned: false,
        borrowed: false,
        waitSinceMs: 0,
        waitId: -1,
        resumer: null,
      };
      this.slots[slot] = s;
    }
    return s;
  }

  /** One query of the request in `slot` (called by ProxyCall.begin). */
  begin(slot: number, resumer: RequestResumer, nowMs: number): number {
    const s = this.state(slot);
    s.seq = resumer.sequenceOf(slot);
    s.resumer = resumer;
    if (!s.session) {
      s.session = true;
      // Pinning is decided per client session: one draw when the session opens.
      s.pinned = this.rng.next() < this.config.pinning;
      this.setClients(this.clientConnections + 1, nowMs);
      s.phase = Phase.ClientConnecting;
      this.sim.at(nowMs + this.clientConnect.sample(this.rng), this.kinds.clientConnected, slot, s.seq);
      return CALL_WAIT;
    }
    this.borrow(slot, s, nowMs);
    return CALL_WAIT;
  }

  private onClientConnected(slot: number, seq: number): void {
    const s = this.state(slot);
    if (s.seq !== seq || s.phase !== Phase.ClientConnecting) return;
    this.borrow(slot, s, this.sim.now);
  }

  private borrow(slot: number, s: SlotState, nowMs: number): void {
    this.borrows++;
    if (s.holdsPinned) {
      this.startQuery(slot, s, nowMs);
      return;
    }
    const idle = this.open - this.inUse - this.opening;
    if (idle > 0) {
      this.take(s, nowMs);
      this.startQuery(slot, s, nowMs);
      return;
    }
    if (this.open < this.poolSize && this.db.tryOpen(nowMs, false)) {
      this.open++;
      this.opening++;
      s.phase = Phase.DbConnecting;
      this.sim.at(nowMs + this.dbConnect.sample(this.rng), this.kinds.dbConnected, slot, s.seq);
      return;
    }
    this.borrowWaits++;
    this.borrowWaitsSeries.add(nowMs, 1);
    s.phase = Phase.Waiting;
    s.waitSinceMs = nowMs;
    s.waitId = this.nextWaitId++;
    this.waiters.push(slot);
    this.setWaiting(this.waiting + 1, nowMs);
    this.borrowDeadlines.add(nowMs + this.config.connectionBorrowTimeoutMs, slot, s.waitId);
  }

  private take(s: SlotState, nowMs: number): void {
    this.setInUse(this.inUse + 1, nowMs);
    if (s.pinned) s.holdsPinned = true;
    else s.borrowed = true;
  }

  private onDbConnected(slot: number, seq: number): void {
    const nowMs = this.sim.now;
    this.opening--;
    const s = this.state(slot);
    if (s.seq !== seq || s.phase !== Phase.DbConnecting) {
      this.giveBack(nowMs); // the request gave up meanwhile: the new connection joins the pool
      return;
    }
    this.take(s, nowMs);
    this.startQuery(slot, s, nowMs);
  }

  private startQuery(slot: number, s: SlotState, nowMs: number): void {
    s.phase = Phase.Querying;
    this.db.startQuery(slot, this.query.sample(this.rng), this, nowMs);
  }

  queryDone(slot: number, nowMs: number): void {
    const s = this.state(slot);
    // Transaction boundary: an unpinned session returns its connection now.
    if (s.borrowed) {
      s.borrowed = false;
      this.setInUse(this.inUse - 1, nowMs);
      this.giveBack(nowMs);
    }
    s.phase = Phase.Returning;
    this.sim.at(nowMs + this.overhead.sample(this.rng), this.kinds.returned, slot, s.seq);
  }

  private onReturned(slot: number, seq: number): void {
    const s = this.state(slot);
    if (s.seq !== seq || s.phase !== Phase.Returning) return;
    s.phase = Phase.None;
    present(s.resumer, 'the resumer of a returning borrow').resume(slot, seq, true);
  }

  /** Deadline of a wait still waiting (DeadlineFifo checked it). */
  private onBorrowTimeout(slot: number): void {
    const s = this.state(slot);
    const seq = s.seq;
    const nowMs = this.sim.now;
    this.borrowTimeouts++;
    this.borrowTimeoutsSeries.add(nowMs, 1);
    this.leaveQueue(s, nowMs);
    present(s.resumer, 'the resumer of a timed-out borrow').resume(slot, seq, false);
  }

  private leaveQueue(s: SlotState, nowMs: number): void {
    s.phase = Phase.None; // its queue entry is skipped when reached
    this.borrowWait.record(nowMs - s.waitSinceMs);
    this.setWaiting(this.waiting - 1, nowMs);
  }

  /** A connection came free (returned or newly opened with nobody to use it): next waiter, or idle. */
  private giveBack(nowMs: number): void {
    while (this.waiterHead < this.waiters.length) {
      const slot = this.waiters[this.waiterHead++];
      const s = this.slots[slot];
      if (s.phase !== Phase.Waiting) continue; // timed out or gave up
      this.leaveQueue(s, nowMs);
      this.take(s, nowMs);
      this.startQuery(slot, s, nowMs);
      this.compactQueue();
      return;
    }
    this.compactQueue();
    const idle = this.open - this.inUse - this.opening;
    if (idle > this.maxIdle) {
      this.open--;
      this.db.close(nowMs);
    }
  }

  private compactQueue(): void {
    if (this.waiterHead > 1024 && this.waiterHead * 2 > this.waiters.length) {
      this.waiters.splice(0, this.waiterHead);
      this.waiterHead = 0;
    }
  }

  /** The request in `slot` timed out during a query call. */
  abort(slot: number, nowMs: number): void {
    const s = this.state(slot);
    if (s.phase === Phase.Waiting) this.leaveQueue(s, nowMs);
    else if (s.phase === Phase.Querying) {
      this.db.abortQuery(slot, nowMs);
      if (s.borrowed) {
        s.borrowed = false;
        this.setInUse(this.inUse - 1, nowMs);
        this.giveBack(nowMs);
      }
    }
    s.phase = Phase.None;
    s.seq = -1;
  }

  /** The client session of `slot` ends: a pinned connection goes back to the pool. */
  endSession(slot: number, nowMs: number): void {
    const s = this.slots[slot];
    if (!s?.session) return;
    if (s.holdsPinned) {
      s.holdsPinned = false;
      this.setInUse(this.inUse - 1, nowMs);
      this.giveBack(nowMs);
    }
    s.session = false;
    s.pinned = false;
    s.phase = Phase.None;
    s.seq = -1;
    this.setClients(this.clientConnections - 1, nowMs);
  }

  private setClients(value: number, nowMs: number): void {
    this.clientConnections = value;
    if (!this.frozen) this.clientLevel.set(nowMs, value);
  }

  private setInUse(value: number, nowMs: number): void {
    this.inUse = value;
    if (this.frozen) return;
    this.poolInUseLevel.set(nowMs, value);
    this.poolInUseSeries.set(nowMs, value);
  }

  private setWaiting(value: number, nowMs: number): void {
    this.waiting = value;
    if (!this.frozen) this.waitingSeries.set(nowMs, value);
  }

  /**
   * Forgets what the proxy measured before `nowMs` (a time shard's warm-up): borrows, waits,
   * timeouts and wait times from zero; the client sessions (pinned or not), the pool's connections
   * and the borrowers waiting carry on, and so do the levels and series from `nowMs`.
   */
  startRecording(nowMs: number): void {
    this.borrows = 0;
    this.borrowWaits = 0;
    this.borrowTimeouts = 0;
    this.borrowWait = new Histogram();
    this.clientLevel.restartAt(nowMs);
    this.poolInUseLevel.restartAt(nowMs);
    this.poolInUseSeries.restartAt(nowMs);
    this.waitingSeries.restartAt(nowMs);
    this.borrowWaitsSeries.clear();
    this.borrowTimeoutsSeries.clear();
    this.recordFromMs = nowMs;
  }

  /**
   * Freezes the levels and series over [recordFromMs, endMs) (the window, or a time shard's
   * slice), and returns the levels. Idempotent.
   */
  closeWindow(endMs = this.windowMs): ProxyWindow {
    if (this.frozen) return this.frozen;
    const from = this.recordFromMs;
    this.frozen = {
      peakClientConnections: this.clientLevel.max,
      meanClientConnections: this.clientLevel.mean(endMs, from),
      meanPoolInUse: this.poolInUseLevel.mean(endMs, from),
    };
    this.poolInUseSeries.finish(endMs);
    this.waitingSeries.finish(endMs);
    return this.frozen;
  }

  /** The proxy over the run, as plain data (closes the window first if nobody did). */
  result(): ProxyResult {
    const window = this.closeWindow();
    return {
      name: this.config.name,
      target: this.config.target,
      targetVcpus: this.db.config.vcpus,
      poolSize: this.poolSize,
      borrows: this.borrows,
      borrowWaits: this.borrowWaits,
      borrowTimeouts: this.borrowTimeouts,
      borrowWait: this.borrowWait.toData(),
      window,
      series: {
        poolInUse: this.poolInUseSeries.toData(),
        waiting: this.waitingSeries.toData(),
        borrowWaits: this.borrowWaitsSeries.toData(),
        borrowTimeouts: this.borrowTimeoutsSeries.toData(),
      },
    };
  }
}

/** A function's call through a proxy: one transaction per repetition. */
export class ProxyCall implements ResourceCall {
  constructor(
    private readonly proxy: RdsProxyModel,
    private readonly resumer: RequestResumer,
  ) {}

  begin(slot: number, nowMs: number): number {
    return this.proxy.begin(slot, this.resumer, nowMs);
  }

  abort(slot: number, nowMs: number): void {
    this.proxy.abort(slot, nowMs);
  }

  endInvocation(slot: number, nowMs: number): void {
    if (this.proxy.db.config.connectionScope === 'invocation') this.proxy.endSession(slot, nowMs);
  }

  endEnvironment(slot: number, nowMs: number): void {
    this.proxy.endSession(slot, nowMs);
  }
}
