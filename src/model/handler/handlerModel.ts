/**
 * How long one invocation's handler runs, before any shared resource is involved:
 * compute (scaled by the CPU share of the memory size) + io + the fixed-latency calls
 * (internet calls, through the NAT gateway for a function in a VPC). Each part draws from its
 * own RNG stream, one draw per sample, so changing the memory size changes the times, never
 * which random numbers are used.
 */
import type { Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { LambdaFunction } from '../../scenario/types.ts';
import type { NatGatewayModel } from '../network/natGateway.ts';
import { computeTimeScale } from './cpuShare.ts';

interface InternetCall {
  readonly count: number;
  readonly bytes: number;
  readonly latency: Sampler;
  readonly rng: Rng;
}

export class HandlerModel {
  private readonly compute: Sampler;
  private readonly io: Sampler;
  private readonly computeScale: number;
  private readonly internetCalls: readonly InternetCall[];
  private readonly computeRng: Rng;
  private readonly ioRng: Rng;
  private readonly errorRng: Rng;
  readonly errorRate: number;
  /** Bytes sent to the internet by one invocation (for NAT and data-transfer billing). */
  readonly internetBytesPerInvocation: number;

  /** `nat`: the gateway a VPC function's internet calls go through (null outside a VPC). */
  constructor(
    fn: LambdaFunction,
    rng: Rng,
    private readonly nat: NatGatewayModel | null = null,
  ) {
    const m = fn.model;
    this.compute = makeSampler(m.computeMs);
    this.io = makeSampler(m.ioMs);
    this.computeScale = computeTimeScale(fn.memoryMb, m.computeAtMb, m.threads);
    this.computeRng = rng.fork('compute');
    this.ioRng = rng.fork('io');
    this.errorRng = rng.fork('errors');
    this.errorRate = m.errorRate;
    const calls: InternetCall[] = [];
    let bytes = 0;
    m.calls.forEach((call, i) => {
      if (call.kind !== 'internet') return;
      calls.push({
        count: call.count,
        bytes: call.bytes,
        latency: makeSampler(call.latencyMs),
        rng: rng.fork(`call-${i}`),
      });
      bytes += call.count * call.bytes;
    });
    this.internetCalls = calls;
    this.internetBytesPerInvocation = bytes;
  }

  /** Handler time in ms of one invocation, excluding shared-resource calls. */
  sampleDurationMs(): number {
    let ms = this.compute.sample(this.computeRng) * this.computeScale + this.io.sample(this.ioRng);
    for (const call of this.internetCalls) {
      for (let k = 0; k < call.count; k++) {
        ms += call.latency.sample(call.rng);
        if (this.nat) ms += this.nat.pass(call.bytes);
      }
    }
    return ms;
  }

  /** True if this invocation ends in a function error (one draw per invocation). */
  sampleError(): boolean {
    return this.errorRng.next() < this.errorRate;
  }
}
