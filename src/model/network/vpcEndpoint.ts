/**
 * A VPC endpoint (aws-facts.md E): calls from functions in the VPC to an AWS service that stay
 * off the NAT gateway. Gateway endpoints (S3, DynamoDB) are free; interface endpoints
 * (PrivateLink) bill per AZ-hour and per GB processed.
 */
import type { Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { VpcEndpoint } from '../../scenario/types.ts';
import type { Route } from './route.ts';

export class VpcEndpointModel implements Route {
  private readonly latency: Sampler;
  processedBytes = 0;
  calls = 0;

  constructor(
    readonly config: VpcEndpoint,
    private readonly rng: Rng,
  ) {
    this.latency = makeSampler(config.latencyMs);
  }

  pass(bytes: number): number {
    this.calls++;
    this.processedBytes += bytes;
    return this.latency.sample(this.rng);
  }
}
