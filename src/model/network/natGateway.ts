/**
 * A NAT gateway: the only way out to the internet for a function in a VPC (aws-facts.md E).
 * Each internet call of such a function adds the gateway's latency, and its bytes are processed
 * (billed per GB) by the gateway. No AWS latency figure exists; the default is 1 ms (⚠).
 */
import type { Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { NatGateway } from '../../scenario/types.ts';
import type { Route } from './route.ts';

export class NatGatewayModel implements Route {
  private readonly latency: Sampler;
  processedBytes = 0;
  calls = 0;

  constructor(
    readonly config: NatGateway,
    private readonly rng: Rng,
  ) {
    this.latency = makeSampler(config.latencyMs);
  }

  /** One call of `bytes` through the gateway: returns the latency it adds. */
  pass(bytes: number): number {
    this.calls++;
    this.processedBytes += bytes;
    return this.latency.sample(this.rng);
  }
}
