/**
 * How long one invocation's handler runs, before any shared resource is involved:
 * compute (scaled by the CPU share of the memory size) + io + the fixed-latency calls
 * (internet calls — through the NAT gateway for a function in a VPC — calls through VPC
 * endpoints and to secrets), all before any database call; and how long the fixed-latency calls
 * made during INIT (`phase: init`) add to an environment's INIT. Each part draws from its
 * own RNG stream, one draw per sample, so changing the memory size changes the times, never
 * which random numbers are used.
 */
import type { DistSpec, Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { LambdaFunction } from '../../scenario/index.ts';
import type { Route } from '../network/route.ts';
import { computeTimeScale } from './cpuShare.ts';
import type { DrawMemo, Draws } from './drawMemo.ts';

interface FixedCall {
  readonly count: number;
  readonly bytes: number;
  readonly latency: Sampler;
  readonly rng: Rng;
  /** The NAT gateway, VPC endpoint or secret the call goes through (null: straight out, no VPC). */
  readonly route: Route | null;
}

/** Where a function's fixed-latency calls go: the internet (NAT in a VPC), or a resource (VPC endpoint, secret). */
export interface CallRoutes {
  readonly internet: Route | null;
  readonly resources: ReadonlyMap<string, Route>;
}

const NO_ROUTES: CallRoutes = { internet: null, resources: new Map() };

/**
 * The factor from `fn.model.computeMs` (measured at computeAtMb on computeArchitecture) to the
 * compute time at fn's memory size and architecture: the CPU share of the memory size, then the
 * architecture's speed against the one compute was measured on.
 */
export function computeScaleOf(fn: LambdaFunction): number {
  const m = fn.model;
  return (
    computeTimeScale(fn.memoryMb, m.computeAtMb, m.threads) *
    (m.archSpeed[m.computeArchitecture] / m.archSpeed[fn.architecture])
  );
}

export class HandlerModel {
  private readonly compute: Sampler;
  private readonly io: Sampler;
  private readonly computeScale: number;
  private readonly fixedCalls: readonly FixedCall[];
  private readonly initCalls: readonly FixedCall[];
  private readonly computeRng: Rng;
  private readonly ioRng: Rng;
  /** The compute and io draws through a memo (./drawMemo.ts), or null: drawn here. */
  private readonly computeDraws: Draws | null;
  private readonly ioDraws: Draws | null;
  private readonly errorRng: Rng;
  readonly errorRate: number;

  /**
   * `routes`: the NAT gateway of a VPC function's internet calls, and the VPC endpoints and
   * secrets. `memo`: compute and io times drawn by an earlier run of the same streams are replayed
   * from it (the same numbers), and this run's are kept in it.
   */
  constructor(fn: LambdaFunction, rng: Rng, routes: CallRoutes = NO_ROUTES, memo: DrawMemo | null = null) {
    const m = fn.model;
    this.compute = makeSampler(m.computeMs);
    this.io = makeSampler(m.ioMs);
    this.computeScale = computeScaleOf(fn);
    this.computeRng = rng.fork('compute');
    this.ioRng = rng.fork('io');
    const memoDraws = (part: string, spec: DistSpec, sampler: Sampler, stream: Rng) =>
      memo === null
        ? null
        : memo.draws(`${fn.name}/${part}`, `${stream.originKey()} ${JSON.stringify(spec)}`, sampler, stream);
    this.computeDraws = memoDraws('compute', m.computeMs, this.compute, this.computeRng);
    this.ioDraws = memoDraws('io', m.ioMs, this.io, this.ioRng);
    this.errorRng = rng.fork('errors');
    this.errorRate = m.errorRate;
    const calls: FixedCall[] = [];
    const initCalls: FixedCall[] = [];
    m.calls.forEach((call, i) => {
      if (call.kind === 'function') return; // function calls: resource calls (../invocation/functionCall.ts)
      const endpoint = call.kind === 'resource' ? routes.resources.get(call.resource) : undefined;
      if (call.kind === 'resource' && !endpoint) return; // databases and proxies: resource calls
      (call.phase === 'init' ? initCalls : calls).push({
        count: call.count,
        bytes: call.bytes,
        latency: makeSampler(call.latencyMs),
        rng: rng.fork(`call-${i}`),
        route: endpoint ?? routes.internet,
      });
    });
    this.fixedCalls = calls;
    this.initCalls = initCalls;
    this.recordCompute = makeSampler(m.perRecordComputeMs);
    this.recordIo = makeSampler(m.perRecordIoMs);
    this.recordRng = rng.fork('per-record');
    this.hasPerRecord = this.recordCompute.mean > 0 || this.recordIo.mean > 0;
  }

  private readonly recordCompute: Sampler;
  private readonly recordIo: Sampler;
  private readonly recordRng: Rng;
  private readonly hasPerRecord: boolean;

  /**
   * Handler time in ms of one invocation with `records` records (a batch; 1 for a single event),
   * excluding shared-resource calls: the per-invocation part plus `records` per-record times.
   * `nowMs` is when the handler starts: the bytes of its calls are metered on their route (NAT
   * gateway, VPC endpoint) at that time.
   */
  sampleDurationMs(nowMs: number, records = 1): number {
    const computeMs =
      this.computeDraws === null ? this.compute.sample(this.computeRng) : this.computeDraws.next();
    const ioMs = this.ioDraws === null ? this.io.sample(this.ioRng) : this.ioDraws.next();
    let ms = computeMs * this.computeScale + ioMs;
    if (this.hasPerRecord) {
      ms +=
        sumOf(this.recordCompute, records, this.recordRng) * this.computeScale +
        sumOf(this.recordIo, records, this.recordRng);
    }
    // Most functions make no fixed-latency call: the loop is skipped, not run over nothing.
    return this.fixedCalls.length === 0 ? ms : ms + callsMs(this.fixedCalls, nowMs);
  }

  /**
   * Time the `phase: init` calls add to one INIT starting at `nowMs` (0 without such calls); their
   * bytes and calls are metered on their routes at that time.
   */
  sampleInitCallsMs(nowMs: number): number {
    return this.initCalls.length === 0 ? 0 : callsMs(this.initCalls, nowMs);
  }

  /**
   * True if this invocation ends in a function error (one draw per invocation). With `records` > 1
   * the error rate is per record: the batch fails when any record does, 1 - (1 - rate)^records.
   */
  sampleError(records = 1): boolean {
    const p = records === 1 ? this.errorRate : 1 - (1 - this.errorRate) ** records;
    return this.errorRng.next() < p;
  }
}

/** The summed latency of `calls` made in sequence at `nowMs`, each metered on its route. */
function callsMs(calls: readonly FixedCall[], nowMs: number): number {
  let ms = 0;
  for (const call of calls) {
    for (let k = 0; k < call.count; k++) {
      ms += call.latency.sample(call.rng);
      if (call.route) ms += call.route.pass(call.bytes, nowMs);
    }
  }
  return ms;
}

/** Draws summed exactly up to this many records; beyond, a sum with the same mean and variance. */
const EXACT_RECORDS = 16;

/**
 * The sum of `n` independent draws. Up to EXACT_RECORDS draws it is exact; beyond, it is
 * n μ + sqrt(n / k) (Σ of k draws - k μ) with k = EXACT_RECORDS: the same mean and variance as the
 * exact sum at O(k) cost (the shape tends to the normal the central limit theorem gives), at least 0.
 */
function sumOf(sampler: Sampler, n: number, rng: Rng): number {
  if (n <= 0) return 0;
  if (sampler.mean === 0) return 0;
  const k = Math.min(n, EXACT_RECORDS);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += sampler.sample(rng);
  if (n === k) return sum;
  const mean = sampler.mean;
  return Math.max(0, n * mean + Math.sqrt(n / k) * (sum - k * mean));
}
