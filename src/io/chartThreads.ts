/**
 * PNG charts drawn on worker threads (./chartWorker.ts), off a command's critical path: a command
 * starts the threads when it starts, they load the canvas, Chart.js and the font (about 0.1 s of
 * CPU each, and a warm-up chart) while it simulates, and a report's charts are then drawn there,
 * in parallel, while the main thread builds and writes the rest of the bundle.
 *
 * Contract:
 * - `start(spec)` resolves to the same bytes as renderChartPng(spec) in this thread (the threads
 *   run that renderer, and a PNG does not depend on what was drawn before it).
 * - A chart goes to the thread with the fewest charts waiting (ties: the first).
 * - Never a hang: a chart whose drawing throws rejects with ChartThreadError and the thread's
 *   message; a thread that ends (its module failed to load, it crashed, close()) rejects every
 *   chart it had with ChartThreadError, and later charts go to the threads left, or are rejected
 *   at once when none is. A rejection nobody awaits (the bundle's write failed first) is not an
 *   unhandled one.
 * - A thread keeps the process alive only while it has a chart to draw, so a command that stops
 *   early (bad input, exit 2) never waits for the threads' start. `close()` ends them.
 *
 * Not piscina, which runs lamsim's simulation pool: when the worker module fails to load
 * (piscina 5.3.2, measured), it starts a new thread each time and `run()` never settles.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChartSpec, OffThreadPngRenderer } from '../report/index.ts';
import type { ChartReply, ChartRequest } from './chartWorker.ts';

/** A chart the threads could not draw (the message says which and why). */
export class ChartThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartThreadError';
  }
}

export interface ChartThreadsOptions {
  /** The thread's module (absolute path); default: the built chartWorker.js beside this module. */
  readonly workerFile: string;
  /** How many threads (at least 1). */
  readonly threads: number;
  /** Extra Node flags for the threads (tests run the TypeScript module with `--import tsx`). */
  readonly execArgv?: readonly string[];
}

export interface ChartThreads extends OffThreadPngRenderer {
  /** Ends the threads; charts still waiting are rejected. */
  close(): Promise<void>;
}

interface Waiting {
  readonly file: string;
  resolve(png: Uint8Array): void;
  reject(error: ChartThreadError): void;
}

interface Thread {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting>;
  /** Why the thread ended; null while it runs. */
  ended: string | null;
}

/** The built thread module beside this one, when this module runs from `dist/`; else null. */
export function builtChartWorkerFile(): string | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const file = fileURLToPath(new URL('./chartWorker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

/** Threads a command starts: two where two cores are (a report has 2 to 17 charts), else one. */
export function chartThreadCount(): number {
  return Math.min(2, availableParallelism());
}

/**
 * A chart thread's young generation, in MB (V8's default is 16 or more): measured on the SimFaaS
 * workload's run with two threads, the peak memory went from 191-211 MB to 181 MB while the
 * threads' instruction count stayed the same (callgrind: 4.00 G against 3.99 G).
 */
export const CHART_THREAD_YOUNG_GENERATION_MB = 2;

function spawn(options: ChartThreadsOptions): Thread {
  const worker = new Worker(options.workerFile, {
    execArgv: [...(options.execArgv ?? [])],
    resourceLimits: { maxYoungGenerationSizeMb: CHART_THREAD_YOUNG_GENERATION_MB },
  });
  const thread: Thread = { worker, waiting: new Map(), ended: null };
  worker.on('message', (reply: ChartReply) => {
    const waiting = thread.waiting.get(reply.id);
    if (waiting === undefined) return;
    thread.waiting.delete(reply.id);
    if (thread.waiting.size === 0) worker.unref();
    if (reply.kind === 'png') waiting.resolve(reply.png);
    else
      waiting.reject(
        new ChartThreadError(`lamsim: drawing the chart ${waiting.file} failed: ${reply.message}`),
      );
  });
  const end = (reason: string) => {
    if (thread.ended !== null) return;
    thread.ended = reason;
    for (const waiting of thread.waiting.values()) {
      waiting.reject(new ChartThreadError(`lamsim: the chart ${waiting.file} was not drawn: ${reason}`));
    }
    thread.waiting.clear();
  };
  worker.on('error', (error) => end(`its thread failed: ${error.message}`));
  worker.on('exit', (code) => end(`its thread ended (exit code ${code})`));
  // After the listeners: adding a 'message' listener refs the thread's port again.
  worker.unref();
  return thread;
}

/** Starts `options.threads` chart threads (see the contract above). */
export function startChartThreads(options: ChartThreadsOptions): ChartThreads {
  const threads = Array.from({ length: Math.max(1, options.threads) }, () => spawn(options));
  let nextId = 0;
  return {
    start(spec: ChartSpec): Promise<Uint8Array> {
      const live = threads.filter((t) => t.ended === null);
      const promise =
        live.length === 0
          ? Promise.reject(
              new ChartThreadError(`lamsim: the chart ${spec.file} was not drawn: ${threads[0].ended}`),
            )
          : new Promise<Uint8Array>((resolve, reject) => {
              const thread = live.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
              const id = nextId++;
              thread.waiting.set(id, { file: spec.file, resolve, reject });
              thread.worker.ref();
              thread.worker.postMessage({ id, spec } satisfies ChartRequest);
            });
      promise.catch(() => {});
      return promise;
    },
    async close() {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
