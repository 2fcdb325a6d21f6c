/**
 * A network path a fixed-latency call takes out of a VPC — a NAT gateway or a VPC endpoint: it
 * counts the calls and the bytes it processes (what AWS bills), and adds its own latency.
 */
import type { DistSpec, Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';

export interface Route {
  /** One call of `bytes` through the path: returns the latency it adds (ms). */
  pass(bytes: number): number;
}

/** A route with a configured latency distribution, metered for billing. */
export class MeteredRoute<C extends { readonly name: string; readonly latencyMs: DistSpec }>
  implements Route
{
  private readonly latency: Sampler;
  processedBytes = 0;
  calls = 0;

  constructor(
    readonly config: C,
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
