/**
 * How long one invocation's handler runs, before any shared resource is involved:
 * compute (scaled by the CPU share of the memory size) + io + the fixed-latency calls
 * (internet calls — through the NAT gateway for a function in a VPC — and calls through VPC
 * endpoints), all before any database call. Each part draws from its
 * own RNG stream, one draw per sample, so changing the memory size changes the times, never
 * which random numbers are used.
 */
import type { Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { LambdaFunction } from '../../scenario/types.ts';
import type { Route } from '../network/route.ts';
import { computeTimeScale } from './cpuShare.ts';

interface FixedCall {
  readonly count: number;
  readonly bytes: number;
  readonly latency: Sampler;
  readonly rng: Rng;
  /** The NAT gateway or VPC endpoint the call goes through (null: straight out, no VPC). */
  readonly route: Route | null;
}

/** Where a function's fixed-latency calls go: the internet (NAT in a VPC) or VPC endpoints. */
export interface CallRoutes {
  readonly internet: Route | null;
  readonly endpoints: ReadonlyMap<string, Route>;
}

const NO_ROUTES: CallRoutes = { internet: null, endpoints: new Map() };

export class HandlerModel {
  private readonly compute: Sampler;
  private readonly io: Sampler;
  private readonly computeScale: number;
  private readonly fixedCalls: readonly FixedCall[];
  private readonly computeRng: Rng;
  private readonly ioRng: Rng;
  private readonly errorRng: Rng;
  readonly errorRate: number;
  /** Bytes sent to the internet by one invocation (for NAT and data-transfer billing). */
  readonly internetBytesPerInvocation: number;

  /** `routes`: the NAT gateway of a VPC function's internet calls, and the VPC endpoints. */
  constructor(fn: LambdaFunction, rng: Rng, routes: CallRoutes = NO_ROUTES) {
    const m = fn.model;
    this.compute = makeSampler(m.computeMs);
    this.io = makeSampler(m.ioMs);
    this.computeScale = computeTimeScale(fn.memoryMb, m.computeAtMb, m.threads);
    this.computeRng = rng.fork('compute');
    this.ioRng = rng.fork('io');
    this.errorRng = rng.fork('errors');
    this.errorRate = m.errorRate;
    const calls: FixedCall[] = [];
    let bytes = 0;
    m.calls.forEach((call, i) => {
      const endpoint = call.kind === 'resource' ? routes.endpoints.get(call.resource) : undefined;
      if (call.kind === 'resource' && !endpoint) return; // databases and proxies: resource calls
      calls.push({
        count: call.count,
        bytes: call.bytes,
        latency: makeSampler(call.latencyMs),
        rng: rng.fork(`call-${i}`),
        route: endpoint ?? routes.internet,
      });
      if (call.kind === 'internet') bytes += call.count * call.bytes;
    });
    this.fixedCalls = calls;
    this.internetBytesPerInvocation = bytes;
  }

  /** Handler time in ms of one invocation, excluding shared-resource calls. */
  sampleDurationMs(): number {
    let ms = this.compute.sample(this.computeRng) * this.computeScale + this.io.sample(this.ioRng);
    for (const call of this.fixedCalls) {
      for (let k = 0; k < call.count; k++) {
        ms += call.latency.sample(call.rng);
        if (call.route) ms += call.route.pass(call.bytes);
      }
    }
    return ms;
  }

  /** True if this invocation ends in a function error (one draw per invocation). */
  sampleError(): boolean {
    return this.errorRng.next() < this.errorRate;
  }
}
