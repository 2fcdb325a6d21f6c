/**
 * The order a worker pool starts runs in when several batches wait at once (a plan's breaking-
 * point search, its target's evaluation and each knob's walk ask for runs concurrently): runs of
 * the batch with the fewest runs start first; batches of the same size in the order they were
 * asked, and a batch's own runs in its order.
 *
 * Why: a batch of one run is a search that waits on that run alone (a knob's scout), and its next
 * step cannot be asked before it ends; a batch of three (an evaluation's replications) cannot end
 * before its last run. Shortest batch first ends the most waits soonest, so the chains of
 * dependent runs keep moving while the larger batches fill the other threads. A replay of
 * `lamsim plan` on api-burst in virtual time (its 42 recorded runs, each lasting what it costs on
 * a quiet machine, 27.7 s in all, on 2 threads): 14.9 s in the order asked (piscina's FIFO), 13.9 s
 * this way, the bound being 27.7 / 2 = 13.85 s.
 *
 * Which run starts when changes only the wall time: every run is a pure function of its input.
 *
 * Contract:
 * - At most `slots` runs are started and not yet settled at any time.
 * - A batch asked while a slot is free starts at once (a caller that then keeps its thread busy,
 *   as `run --replications` does with replication 0, has the pool working meanwhile).
 * - A slot freed by a run that settled is filled only after the callbacks of that run have run (one
 *   macrotask later, `defer`), so a run asked in reaction to the result competes with those
 *   already waiting.
 * - A run asked ahead (`ahead`: one a walk may ask next, ./plan/lookahead.ts) starts only when a
 *   slot is free and no other run waits, runs asked ahead in the order asked; until it starts it
 *   can be dropped (`drop`) or claimed (`claim`: it then waits as a batch of one asked at that
 *   moment). A started run is never stopped. So runs asked ahead only fill threads that would
 *   otherwise be idle, and delay an ordinary run by at most the rest of one run.
 */

import { present } from '../result.ts';

interface Waiting<T, R> {
  readonly item: T;
  /** Runs in the batch this one came with. */
  readonly batchSize: number;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
  /** Asked ahead and not claimed (see the contract). */
  ahead: boolean;
}

/** A run asked ahead of need (see the contract above). */
export interface AheadRun<R> {
  /** Its result; never settles when the run was dropped. */
  readonly result: Promise<R>;
  /** It is needed: if not started, it waits from now on as a batch of one. */
  claim(): void;
  /** It is not needed: dropped if not started (true), else it runs to its end (false). */
  drop(): boolean;
}

export class ShortestBatchFirst<T, R> {
  /** Waiting runs, in the order asked. */
  private readonly waiting: Waiting<T, R>[] = [];
  private running = 0;
  /** Runs started and not settled. */
  private readonly started = new Set<Waiting<T, R>>();
  private fillScheduled = false;

  constructor(
    private readonly slots: number,
    /** Starts one run. */
    private readonly start: (item: T) => Promise<R>,
    /** Calls back after the current callbacks have run (default: setImmediate). */
    private readonly defer: (callback: () => void) => void = (callback) => setImmediate(callback),
  ) {
    if (!(Number.isInteger(slots) && slots >= 1))
      throw new RangeError(`slots must be an integer >= 1, got ${slots}`);
  }

  /** One batch: a promise per item, in the items' order. */
  batch(items: readonly T[]): Promise<R>[] {
    const results = items.map(
      (item) =>
        new Promise<R>((resolve, reject) => {
          this.waiting.push({ item, batchSize: items.length, resolve, reject, ahead: false });
        }),
    );
    this.fill();
    return results;
  }

  /** One run asked ahead of need: it takes a slot only when nothing else waits. */
  ahead(item: T): AheadRun<R> {
    let settle: Pick<Waiting<T, R>, 'resolve' | 'reject'> | undefined;
    const result = new Promise<R>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const entry: Waiting<T, R> = { item, batchSize: 1, ...present(settle, 'the promise'), ahead: true };
    this.waiting.push(entry);
    this.fill();
    return {
      result,
      claim: () => {
        if (!entry.ahead) return;
        entry.ahead = false;
        const i = this.waiting.indexOf(entry);
        if (i < 0) return; // started (or dropped)
        // Waits as a batch of one asked now: after the ordinary runs already waiting of that size.
        this.waiting.splice(i, 1);
        this.waiting.push(entry);
        this.fill();
      },
      drop: () => {
        const i = this.waiting.indexOf(entry);
        if (i < 0) return false;
        this.waiting.splice(i, 1);
        return true;
      },
    };
  }

  /** Runs waiting to start. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Threads with nothing to run: the free slots while no run waits, else 0. */
  get idleSlots(): number {
    return this.waiting.length === 0 ? this.slots - this.running : 0;
  }

  /** True when runs are running and every one was asked ahead and not claimed. */
  get onlyAheadRunning(): boolean {
    for (const run of this.started) if (!run.ahead) return false;
    return this.started.size > 0;
  }

  private scheduleFill(): void {
    if (this.fillScheduled) return;
    this.fillScheduled = true;
    this.defer(() => {
      this.fillScheduled = false;
      this.fill();
    });
  }

  private fill(): void {
    while (this.running < this.slots && this.waiting.length > 0) {
      // The first of the smallest batches (strictly smaller wins: ties keep the order asked); runs
      // asked ahead last, in the order asked.
      let next = 0;
      for (let i = 1; i < this.waiting.length; i++) {
        const a = this.waiting[i];
        const b = this.waiting[next];
        if (a.ahead !== b.ahead ? b.ahead : a.batchSize < b.batchSize) next = i;
      }
      const [run] = this.waiting.splice(next, 1);
      this.running++;
      this.started.add(run);
      const settled = () => {
        this.running--;
        this.started.delete(run);
        this.scheduleFill();
      };
      let started: Promise<R>;
      try {
        started = this.start(run.item);
      } catch (error) {
        started = Promise.reject(error);
      }
      started.then(
        (result) => {
          settled();
          run.resolve(result);
        },
        (error: unknown) => {
          settled();
          run.reject(error);
        },
      );
    }
  }
}
