/**
 * An RDS / Aurora database as Lambda sees it (RDS user guide, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections): a hard limit of `maxConnections`
 * open connections (an attempt over it is refused at once: "too many connections"), and a CPU
 * shared by every running query (processor sharing on the instance's vCPUs).
 *
 * Connections are opened and closed by clients (direct callers, or an RDS Proxy's pool); the
 * server only counts them. Queries are jobs on the CPU; when one completes, the server tells the
 * listener that started it. Job ids are environment slots (one query per slot at a time).
 */

import { type Simulation, withCapacity } from '../../engine/index.ts';
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
import type { Database, DatabaseEngine } from '../../scenario/index.ts';
import { ProcessorSharing } from './processorSharing.ts';

/** A database's levels over the window. */
export interface DatabaseWindow {
  readonly meanConnections: number;
  readonly peakConnections: number;
  /** Mean vCPUs busy with queries. */
  readonly meanBusyVcpus: number;
}

/** A database over a run, as plain data (DatabaseServer.result()). */
export interface DatabaseResult {
  readonly name: string;
  readonly type: DatabaseEngine;
  readonly instanceClass: string;
  readonly maxConnections: number;
  readonly vcpus: number;
  /** Connection attempts refused ("too many connections"). */
  readonly connectionErrors: number;
  readonly queries: number;
  /** Time queries spent on the database, CPU contention included. */
  readonly queryTime: HistogramData;
  readonly window: DatabaseWindow;
  readonly series: {
    /** Open connections (from functions directly, or from proxies' pools). */
    readonly connections: GaugeSeriesData;
    /** Refused connection attempts per bucket. */
    readonly connectionErrors: CountSeriesData;
  };
}

export interface QueryListener {
  /** The query of the request in `slot` completed at `nowMs`. */
  queryDone(slot: number, nowMs: number): void;
}

export class DatabaseServer {
  private readonly cpu: ProcessorSharing;
  private listeners: (QueryListener | undefined)[] = [];
  private queryStartMs = new Float64Array(64);
  private scheduledAtMs = Number.POSITIVE_INFINITY;
  private open = 0;
  private readonly openLevel = new TimeWeighted();
  /** Connections held by environments (direct callers), by slot: 1 when held. */
  private heldBySlot = new Uint8Array(64);
  /** The window's levels, once it closed. */
  private frozen: DatabaseWindow | null = null;

  /** Where the recorded part of the run starts: 0, or a time shard's slice start (startRecording). */
  private recordFromMs = 0;
  private connectionErrors = 0;
  /** Refused connection attempts per time bucket. */
  private readonly connectionErrorsSeries: BucketedCounts;
  private queries = 0;
  /** Time queries spent on the database, CPU contention included. */
  private queryTime = new Histogram();
  private readonly connectionsSeries: BucketedGauge;

  /** The timer of the next completion (moved earlier when a shorter query arrives: no stale events). */
  private readonly completionTimer: number;

  constructor(
    readonly config: Database,
    private readonly sim: Simulation,
    private readonly windowMs: number,
    series: SeriesMaker,
  ) {
    this.completionTimer = sim.timer(`db-completion:${config.name}`, () => this.onCompletion(sim.now));
    this.cpu = new ProcessorSharing(config.vcpus);
    this.connectionsSeries = series.gauge();
    this.connectionErrorsSeries = series.counts();
  }

  get openConnections(): number {
    return this.open;
  }

  /**
   * Opens one connection if the limit allows; false otherwise. `refusalIsError`: a client for
   * whom a refusal is a "too many connections" error (a direct caller), not a reason to wait (a
   * proxy's pool), so it is counted.
   */
  tryOpen(nowMs: number, refusalIsError = true): boolean {
    if (this.open >= this.config.maxConnections) {
      if (refusalIsError) {
        this.connectionErrors++;
        this.connectionErrorsSeries.add(nowMs, 1);
      }
      return false;
    }
    this.setOpen(this.open + 1, nowMs);
    return true;
  }

  close(nowMs: number): void {
    this.setOpen(this.open - 1, nowMs);
  }

  private setOpen(value: number, nowMs: number): void {
    this.open = value;
    if (this.frozen) return;
    this.openLevel.set(nowMs, value);
    this.connectionsSeries.set(nowMs, value);
  }

  /** Whether the environment in `slot` holds a direct connection to this database. */
  holds(slot: number): boolean {
    return slot < this.heldBySlot.length && this.heldBySlot[slot] === 1;
  }

  setHeld(slot: number, held: boolean): void {
    this.heldBySlot = withCapacity(this.heldBySlot, slot + 1);
    this.heldBySlot[slot] = held ? 1 : 0;
  }

  /** Starts the query of `slot` needing `workMs` of one vCPU; `listener` hears when it is done. */
  startQuery(slot: number, workMs: number, listener: QueryListener, nowMs: number): void {
    this.queryStartMs = withCapacity(this.queryStartMs, slot + 1);
    this.queries++;
    this.listeners[slot] = listener;
    this.queryStartMs[slot] = nowMs;
    this.cpu.add(slot, workMs, nowMs);
    this.afterChange(nowMs);
  }

  /** Abandons the running query of `slot` (its request timed out). */
  abortQuery(slot: number, nowMs: number): void {
    if (!this.cpu.has(slot)) return;
    this.cpu.remove(slot, nowMs);
    this.listeners[slot] = undefined;
    this.afterChange(nowMs);
  }

  /** Timer: the earliest query completed. `atMs` is the timer's time (scheduledAtMs). */
  private onCompletion(atMs: number): void {
    this.scheduledAtMs = Number.POSITIVE_INFINITY;
    let completed = false;
    for (;;) {
      const slot = this.cpu.popCompleted(atMs);
      if (slot < 0) break;
      completed = true;
      const listener = present(this.listeners[slot], 'the listener of a finished query');
      this.listeners[slot] = undefined;
      this.queryTime.record(atMs - this.queryStartMs[slot]);
      this.afterChange(atMs);
      listener.queryDone(slot, atMs);
    }
    // After a completion, afterChange has run since the last change (above, or in what the
    // listener started or aborted): the timer is up to date. Without one (the pending completion
    // was a query a newcomer has slowed down since), the timer is armed again here.
    if (!completed) this.afterChange(atMs);
  }

  /**
   * Keeps the completion timer at the earliest possible completion. It only moves earlier: a
   * later completion than the one pending (a query slowed by a newcomer) is found when the pending
   * one runs, as before timers replaced events here.
   */
  private afterChange(nowMs: number): void {
    const next = this.cpu.nextCompletionMs(nowMs);
    if (next < this.scheduledAtMs) {
      this.scheduledAtMs = next;
      this.sim.setTimer(this.completionTimer, next);
    }
  }

  /**
   * Forgets what the database measured before `nowMs` (a time shard's warm-up): refused
   * connections, queries and their times from zero; the connections open and the queries running
   * carry on, and so do the levels, their series and the CPU's utilisation from `nowMs`.
   */
  startRecording(nowMs: number): void {
    this.connectionErrors = 0;
    this.connectionErrorsSeries.clear();
    this.queries = 0;
    this.queryTime = new Histogram();
    this.openLevel.restartAt(nowMs);
    this.connectionsSeries.restartAt(nowMs);
    this.cpu.startRecording(nowMs);
    this.recordFromMs = nowMs;
  }

  /**
   * Freezes the time averages over [recordFromMs, endMs) (the window, or a time shard's slice;
   * see FunctionStats.closeWindow) and returns them. Idempotent.
   */
  closeWindow(endMs = this.windowMs): DatabaseWindow {
    if (this.frozen) return this.frozen;
    this.frozen = {
      meanConnections: this.openLevel.mean(endMs, this.recordFromMs),
      peakConnections: this.openLevel.max,
      meanBusyVcpus: this.cpu.meanBusyServers(endMs),
    };
    this.connectionsSeries.finish(endMs);
    return this.frozen;
  }

  /** The database over the run, as plain data (closes the window first if nobody did). */
  result(): DatabaseResult {
    const window = this.closeWindow();
    const c = this.config;
    return {
      name: c.name,
      type: c.type,
      instanceClass: c.instanceClass,
      maxConnections: c.maxConnections,
      vcpus: c.vcpus,
      connectionErrors: this.connectionErrors,
      queries: this.queries,
      queryTime: this.queryTime.toData(),
      window,
      series: {
        connections: this.connectionsSeries.toData(),
        connectionErrors: this.connectionErrorsSeries.toData(),
      },
    };
  }
}
