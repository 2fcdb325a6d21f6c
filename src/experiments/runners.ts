/**
 * Runners: how an experiment's batch of scenarios gets simulated — one after the other in this
 * thread, or in parallel on a piscina pool of worker threads. Both return the same summaries in
 * the same order (every run is a pure function of its scenario), so results never depend on the
 * runner; only the wall time does.
 *
 * This is the one module of src/experiments that touches the machine (threads, the file system,
 * the core count); the experiments themselves take a Runner and stay pure in what they compute.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { Summary } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { type AheadRun, ShortestBatchFirst } from './runQueue.ts';
import { estimateSize } from './sizeCheck.ts';
import { SHARING_TASKS, type Sharing, summaryOf } from './worker.ts';

/** Progress of a batch: runs finished (fractional while one runs in-process) out of `total`. */
export type BatchProgress = (done: number, total: number) => void;

/** How a batch is run (the summaries are the same either way). */
export interface BatchOptions {
  /**
   * The batch's runs (or those flagged, one flag per run) have the same arrivals as other runs
   * asked so (a memory sweep's points; a plan's variants at its target load): each thread draws
   * them once and its later runs replay them (./worker.ts, summaryOf), keeping each traffic
   * source's latest arrivals in memory (8 bytes each). Default false. Only a matter of time: a
   * run replays only arrivals kept under its own key (src/model/traffic/arrivalMemo.ts), so its
   * summary is the same either way.
   */
  readonly sharedArrivals?: boolean | readonly boolean[];
  /**
   * The runs that share arrivals also share their functions' handler times (compute and io
   * draws: a memory sweep's points, which differ only in how compute is scaled): replayed and
   * kept as arrivals are (src/model/handler/drawMemo.ts; 8 bytes a draw, at most 8 MB per
   * thread). Default false; only a matter of time, like sharedArrivals.
   */
  readonly sharedDraws?: boolean;
  /**
   * Called once, on this thread, when a run of the batch ends and leaves a pool thread with
   * nothing to run while the batch's other runs go on (its tail: a core idles until it ends), so
   * the caller can do there what it would do after the batch (`lamsim tune` loads the chart
   * renderer). Not called in-process, where no thread idles, nor when the last runs end together.
   * The batch's runs and their summaries do not depend on it.
   */
  readonly onThreadIdle?: () => void;
}

/** What run `i` of a batch asked with `options` shares with the thread's earlier runs. */
function sharingOf(options: BatchOptions | undefined, i: number): Sharing {
  const shared = options?.sharedArrivals;
  if (!(typeof shared === 'boolean' ? shared : shared?.[i] === true)) return 'none';
  return options?.sharedDraws === true ? 'arrivalsAndDraws' : 'arrivals';
}

export interface Runner {
  /** Summaries of `scenarios`, in the same order. */
  run(scenarios: readonly Scenario[], onProgress?: BatchProgress, options?: BatchOptions): Promise<Summary[]>;
  /**
   * One run asked ahead of need (./runQueue.ts, AheadRun): it only fills a thread nothing else
   * waits for. Absent in-process, where there is no idle thread to fill.
   */
  ahead?(scenario: Scenario, options?: BatchOptions): AheadRun<Summary>;
  /** Releases threads (a no-op in-process). */
  close(): Promise<void>;
  /** `in-process` or `pool(N threads)`, for reports and logs. */
  readonly description: string;
}

/** Runs one scenario after the other in this thread, reporting progress within each run. */
export function inProcessRunner(): Runner {
  return {
    description: 'in-process',
    async run(scenarios, onProgress, options) {
      const out: Summary[] = [];
      for (const [i, scenario] of scenarios.entries()) {
        const onFraction = onProgress && ((f: number) => onProgress(i + f, scenarios.length));
        out.push(summaryOf(scenario, sharingOf(options, i), onFraction));
        onProgress?.(i + 1, scenarios.length);
        // Let timers (progress bars, signals) run between runs.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out;
    },
    async close() {},
  };
}

export interface PoolOptions {
  /** The worker module (absolute path): the built `dist/experiments/worker.js`. */
  readonly workerFile: string;
  readonly threads: number;
  /** Extra Node flags for the workers (tests run the TypeScript worker with `--import tsx`). */
  readonly execArgv?: readonly string[];
}

/** piscina, required when a pool is made (commands that run in-process never load it). */
function piscina(): typeof Piscina {
  return (createRequire(import.meta.url)('piscina') as typeof import('piscina')).Piscina;
}

/**
 * Runs scenarios in parallel on a pool of worker threads. Batches asked at once share the threads
 * smallest batch first (./runQueue.ts): the pool is handed a run only when a thread is free, so
 * the order runs start in is the queue's, not piscina's first-in first-out.
 */
export function poolRunner(options: PoolOptions): Runner {
  const pool = new (piscina())<Scenario, Summary>({
    filename: options.workerFile,
    minThreads: options.threads,
    maxThreads: options.threads,
    ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
  });
  return queueRunner(
    `pool(${options.threads} threads)`,
    options.threads,
    (task) => pool.run(task.scenario, task.name === undefined ? {} : { name: task.name }),
    // Runs asked ahead that nobody asked for are stopped, not waited for (a run takes up to a
    // second or so); otherwise the pool closes when its runs end.
    (onlyAheadRunning) => (onlyAheadRunning ? pool.destroy() : pool.close()),
  );
}

/** One run for a thread: a scenario and the worker's export that runs it (undefined: the default, runSummary). */
export interface ThreadTask {
  readonly scenario: Scenario;
  readonly name: string | undefined;
}

/**
 * The Runner of `threads` threads that `start` hands runs to (poolRunner's piscina pool, or a
 * test's stand-in), through a ShortestBatchFirst queue: progress, onThreadIdle (called once, when
 * a run ends and leaves a thread with nothing to start while the batch's other runs go on), runs
 * asked ahead. `close` is told whether only runs asked ahead (and never claimed) are running.
 */
export function queueRunner(
  description: string,
  threads: number,
  start: (task: ThreadTask) => Promise<Summary>,
  close: (onlyAheadRunning: boolean) => Promise<void>,
  defer?: (callback: () => void) => void,
): Runner {
  const queue = new ShortestBatchFirst<ThreadTask, Summary>(threads, start, defer);
  return {
    description,
    async run(scenarios, onProgress, batchOptions) {
      const taskName = (i: number) => SHARING_TASKS[sharingOf(batchOptions, i)];
      let done = 0;
      let onThreadIdle = batchOptions?.onThreadIdle;
      return Promise.all(
        queue.batch(scenarios.map((scenario, i) => ({ scenario, name: taskName(i) }))).map(async (run) => {
          const summary = await run;
          onProgress?.(++done, scenarios.length);
          if (onThreadIdle && done < scenarios.length && queue.idleSlots > 0) {
            const call = onThreadIdle;
            onThreadIdle = undefined;
            call();
          }
          return summary;
        }),
      );
    },
    ahead: (scenario, batchOptions) =>
      queue.ahead({
        scenario,
        name: SHARING_TASKS[sharingOf(batchOptions, 0)],
      }),
    close: () => close(queue.onlyAheadRunning),
  };
}

/** The built worker next to this module, when this module runs from `dist/`; else null. */
export function builtWorkerFile(): string | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

/** Below this much estimated simulation time per batch, threads cost more than they save. */
export const POOL_MIN_BATCH_SECONDS = 2;

export interface RunnerChoice {
  /** Scenarios of a typical batch (sizes are estimated from them). */
  readonly sample: readonly Scenario[];
  /** Cap on threads (default: the machine's available parallelism). */
  readonly maxThreads?: number;
}

/**
 * A pool when it pays off — more than one core, more than one run per batch, a built worker,
 * and a batch estimated to take longer than POOL_MIN_BATCH_SECONDS — else in-process.
 */
export function chooseRunner(choice: RunnerChoice): Runner {
  const cores = Math.min(choice.maxThreads ?? Number.POSITIVE_INFINITY, availableParallelism());
  const threads = Math.min(cores, choice.sample.length);
  const worker = builtWorkerFile();
  const seconds = choice.sample.reduce((sum, s) => sum + estimateSize(s).seconds, 0);
  if (threads < 2 || worker === null || seconds < POOL_MIN_BATCH_SECONDS) return inProcessRunner();
  return poolRunner({ workerFile: worker, threads });
}
