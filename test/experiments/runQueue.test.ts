/**
 * The order a pool starts runs in (src/experiments/runQueue.ts): the smallest waiting batch first,
 * ties in the order asked, never more than `slots` runs at once, a batch asked with a slot free
 * started at once, and a slot freed by a run filled only after the reactions to that run (so a
 * search's next step competes with what already waits).
 * Runs here are promises the test settles by hand, and `defer` is a queue the test flushes: no
 * threads, no timing.
 */
import { describe, expect, it } from 'vitest';
import { poolRunner, queueRunner, type ThreadTask } from '../../src/experiments/runners.ts';
import { ShortestBatchFirst } from '../../src/experiments/runQueue.ts';
import type { Summary } from '../../src/results/summary.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { oneFunction, scenarioFrom } from './helpers.ts';

/** A queue whose runs the test ends one by one, and whose deferred fills the test flushes. */
function harness(slots: number) {
  const started: string[] = [];
  const ends = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  const deferred: (() => void)[] = [];
  const queue = new ShortestBatchFirst<string, string>(
    slots,
    (item) => {
      started.push(item);
      return new Promise<string>((resolve, reject) => ends.set(item, { resolve, reject }));
    },
    (callback) => deferred.push(callback),
  );
  /** Lets every pending callback run, then the deferred fills (repeatedly, until none is left). */
  const flush = async () => {
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const now = deferred.splice(0);
      if (now.length === 0) return;
      for (const callback of now) callback();
    }
  };
  const end = async (item: string) => {
    ends.get(item)?.resolve(`${item}!`);
    await flush();
  };
  return { queue, started, ends, flush, end };
}

describe('ShortestBatchFirst', () => {
  it('starts the smallest batch first, batches of a size in the order asked, at most `slots` at once', async () => {
    const h = harness(2);
    // Asked while both slots are free: starts at once.
    const first = h.queue.batch(['x0', 'x1']);
    expect(h.started).toEqual(['x0', 'x1']);
    const three = h.queue.batch(['a0', 'a1', 'a2']);
    const one = h.queue.batch(['s0']);
    const otherThree = h.queue.batch(['b0', 'b1', 'b2']);
    const two = h.queue.batch(['c0', 'c1']);
    await h.flush();
    expect(h.started).toEqual(['x0', 'x1']);
    await h.end('x0');
    expect(h.started.slice(2)).toEqual(['s0']);
    await h.end('x1');
    expect(h.started.slice(3)).toEqual(['c0']);
    await h.end('c0');
    expect(h.started.slice(4)).toEqual(['c1']);
    await h.end('s0');
    expect(h.started.slice(5)).toEqual(['a0']);
    await h.end('c1');
    await h.end('a0');
    expect(h.started.slice(6)).toEqual(['a1', 'a2']);
    for (const item of ['a1', 'a2', 'b0', 'b1', 'b2']) await h.end(item);
    expect(h.started.slice(8)).toEqual(['b0', 'b1', 'b2']);
    expect(await Promise.all(first)).toEqual(['x0!', 'x1!']);
    expect(await Promise.all(one)).toEqual(['s0!']);
    expect(await Promise.all(two)).toEqual(['c0!', 'c1!']);
    expect(await Promise.all(three)).toEqual(['a0!', 'a1!', 'a2!']);
    expect(await Promise.all(otherThree)).toEqual(['b0!', 'b1!', 'b2!']);
    expect(h.queue.queued).toBe(0);
  });

  it('fills a freed slot after the reactions to the run that ended', async () => {
    const h = harness(1);
    const first = h.queue.batch(['scout0']);
    expect(h.started).toEqual(['scout0']);
    h.queue.batch(['r0', 'r1', 'r2']);
    // The walk asks its next scout when its first one ends: that one, not r0, takes the slot.
    void first[0].then(() => h.queue.batch(['scout1']));
    await h.end('scout0');
    expect(h.started).toEqual(['scout0', 'scout1']);
  });

  it('a run that fails rejects its own promise and frees its slot', async () => {
    const h = harness(1);
    const [bad] = h.queue.batch(['bad']);
    const [good] = h.queue.batch(['good']);
    bad.catch(() => {});
    await h.flush();
    h.ends.get('bad')?.reject(new Error('boom'));
    await h.flush();
    await expect(bad).rejects.toThrow('boom');
    expect(h.started).toEqual(['bad', 'good']);
    await h.end('good');
    expect(await good).toBe('good!');
  });

  it('starts a run asked ahead only when nothing else waits, and drops or claims it before it starts', async () => {
    const h = harness(1);
    h.queue.batch(['busy']);
    const kept = h.queue.ahead('kept');
    const dropped = h.queue.ahead('dropped');
    const claimed = h.queue.ahead('claimed');
    h.queue.batch(['r0', 'r1']);
    // Claimed: waits as a batch of one asked now, before the batch of two asked earlier.
    claimed.claim();
    expect(dropped.drop()).toBe(true);
    expect(h.queue.onlyAheadRunning).toBe(false);
    await h.end('busy');
    expect(h.started).toEqual(['busy', 'claimed']);
    // Claimed: no longer a run asked ahead, started or not.
    expect(h.queue.onlyAheadRunning).toBe(false);
    await h.end('claimed');
    expect(h.started.slice(2)).toEqual(['r0']);
    await h.end('r0');
    await h.end('r1');
    // Nothing else waits: the run asked ahead starts; once started it is not dropped.
    expect(h.started.slice(4)).toEqual(['kept']);
    expect(h.queue.onlyAheadRunning).toBe(true);
    expect(kept.drop()).toBe(false);
    await h.end('kept');
    expect(h.queue.onlyAheadRunning).toBe(false);
    expect(await kept.result).toBe('kept!');
    expect(await claimed.result).toBe('claimed!');
    expect(h.started).not.toContain('dropped');
    expect(h.queue.queued).toBe(0);
  });

  it('starts a run asked ahead at once on a free slot', () => {
    const h = harness(2);
    h.queue.batch(['a']);
    h.queue.ahead('next');
    expect(h.started).toEqual(['a', 'next']);
  });

  it('counts idle slots only while no run waits, and after the slot of a run that ended is freed', async () => {
    const h = harness(2);
    expect(h.queue.idleSlots).toBe(2);
    const runs = h.queue.batch(['a', 'b', 'c']);
    expect(h.queue.idleSlots).toBe(0);
    let seenWhenAEnded = -1;
    void runs[0].then(() => {
      seenWhenAEnded = h.queue.idleSlots;
    });
    await h.end('a');
    // When a ended, c still waited for the deferred fill: no slot counted idle.
    expect(seenWhenAEnded).toBe(0);
    expect(h.started).toEqual(['a', 'b', 'c']);
    expect(h.queue.idleSlots).toBe(0);
    await h.end('b');
    expect(h.queue.idleSlots).toBe(1);
    await h.end('c');
    expect(h.queue.idleSlots).toBe(2);
  });

  it('refuses a number of slots below 1', () => {
    expect(() => new ShortestBatchFirst<string, string>(0, async (s) => s)).toThrow(RangeError);
  });
});

/** A pool of `threads` worker threads running the TypeScript worker. */
const tsxPool = (threads: number) =>
  poolRunner({
    workerFile: new URL('../../src/experiments/worker.ts', import.meta.url).pathname,
    threads,
    execArgv: ['--import', 'tsx'],
  });

/**
 * `scenarios` asked of a queueRunner of `threads` threads whose runs end when the test says:
 * `end(i)` settles the i-th run started (its summary a stand-in carrying the scenario's seed);
 * `idleAt` holds the runs done when onThreadIdle was called; `all` is the batch's promise.
 */
function steeredBatch(threads: number, scenarios: readonly Scenario[]) {
  const ends: (() => void)[] = [];
  const runner = queueRunner(
    'steered',
    threads,
    (task: ThreadTask) =>
      new Promise<Summary>((resolve) => {
        ends.push(() => resolve({ seed: task.scenario.seed } as unknown as Summary));
      }),
    async () => {},
  );
  const idleAt: number[] = [];
  let done = 0;
  const all = runner.run(
    scenarios,
    (d) => {
      done = d;
    },
    { onThreadIdle: () => idleAt.push(done) },
  );
  return { all, idleAt, end: (i: number) => ends[i](), started: () => ends.length };
}

/**
 * Lets the settled runs' callbacks and then the queue's deferred fill (a setImmediate those
 * callbacks schedule) run: three turns of the event loop.
 */
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('onThreadIdle of a runner on threads', () => {
  const scenarios = [0, 1, 2, 3].map((i) => ({
    ...scenarioFrom(oneFunction({ compute: '10ms' }, 5, '10s')),
    seed: i,
  }));

  it('is called once, when a run ends with nothing left to start while others run', async () => {
    // Three threads, four runs: the first to end makes room for the fourth (no call); when the
    // fourth ends, nothing waits and two still run: a thread idles (the call, after 2 of 4); when
    // the next ends, another thread idles (no second call).
    const { all, idleAt, end, started } = steeredBatch(3, scenarios);
    await turn();
    expect(started()).toBe(3);
    end(0);
    await turn();
    expect(started()).toBe(4);
    expect(idleAt).toEqual([]);
    end(3);
    await turn();
    expect(idleAt).toEqual([2]);
    end(1);
    await turn();
    end(2);
    const summaries = await all;
    expect(idleAt).toEqual([2]);
    expect(summaries.map((s) => s.seed)).toEqual([0, 1, 2, 3]);
  });

  it('waits while a run is still to start, even when two runs end at once', async () => {
    // The first two runs end in the same turn, before the fourth has started: no thread idles
    // then (one is about to take the fourth run); the call comes when the third ends.
    const { all, idleAt, end, started } = steeredBatch(3, scenarios);
    await turn();
    end(0);
    end(1);
    await turn();
    expect(started()).toBe(4);
    expect(idleAt).toEqual([]);
    end(2);
    await turn();
    expect(idleAt).toEqual([3]);
    end(3);
    await all;
    expect(idleAt).toEqual([3]);
  });
});

describe('a pool of worker threads', () => {
  it('starts a batch of one before a batch of three asked at the same time', async () => {
    const base = scenarioFrom(oneFunction({ compute: '10ms' }, 5, '1m'));
    const pool = tsxPool(1);
    try {
      const ended: string[] = [];
      const three = pool.run([1, 2, 3].map((seed) => ({ ...base, seed }))).then((s) => {
        ended.push('three');
        return s;
      });
      const one = pool.run([{ ...base, seed: 4 }]).then((s) => {
        ended.push('one');
        return s;
      });
      const [threeSummaries, oneSummaries] = await Promise.all([three, one]);
      // One thread: the batch of one ran first, so it ended while the three were still to run.
      expect(ended).toEqual(['one', 'three']);
      expect(threeSummaries.map((s) => s.seed)).toEqual([1, 2, 3]);
      expect(oneSummaries.map((s) => s.seed)).toEqual([4]);
    } finally {
      await pool.close();
    }
  });
});
