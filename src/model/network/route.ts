/**
 * A network path a fixed-latency call takes — a NAT gateway, a VPC endpoint, a secret's API: it
 * counts the calls and the bytes it processes (what AWS bills), per time bucket too, and adds its
 * own latency. Paths chain: a VPC function reaches a secret through a NAT gateway or an endpoint.
 */
import type { DistSpec, Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import type { BucketedCounts, CountSeriesData, SeriesMaker } from '../../metrics/index.ts';

export interface Route {
  /** One call of `bytes` through the path at simulation time `nowMs`: returns the latency it adds (ms). */
  pass(bytes: number, nowMs: number): number;
}

/** A metered route over a run, as plain data (MeteredRoute.result()). */
export interface RouteResult {
  readonly name: string;
  readonly calls: number;
  /** Bytes processed over the run, as billed (calls of requests still running after the window included). */
  readonly processedBytes: number;
  /** Bytes processed per time bucket over the window. */
  readonly processedBytesSeries: CountSeriesData;
}

/** A route with a configured latency distribution, metered for billing. */
export class MeteredRoute<C extends { readonly name: string; readonly latencyMs: DistSpec }>
  implements Route
{
  private readonly latency: Sampler;
  private processedBytes = 0;
  private calls = 0;
  /**
   * Bytes processed per time bucket over the window (calls after it land in `ignored`; the bill
   * uses `processedBytes`, which counts them).
   */
  private readonly processedBytesSeries: BucketedCounts;

  constructor(
    readonly config: C,
    private readonly rng: Rng,
    series: SeriesMaker,
  ) {
    this.latency = makeSampler(config.latencyMs);
    this.processedBytesSeries = series.counts();
  }

  result(): RouteResult {
    return {
      name: this.config.name,
      calls: this.calls,
      processedBytes: this.processedBytes,
      processedBytesSeries: this.processedBytesSeries.toData(),
    };
  }

  /** Forgets the calls and bytes before `nowMs` (a time shard's warm-up). */
  startRecording(_nowMs: number): void {
    this.calls = 0;
    this.processedBytes = 0;
    this.processedBytesSeries.clear();
  }

  pass(bytes: number, nowMs: number): number {
    this.calls++;
    this.processedBytes += bytes;
    this.processedBytesSeries.add(nowMs, bytes);
    return this.latency.sample(this.rng);
  }
}

/** Two routes one after the other (e.g. the NAT gateway, then Secrets Manager): both metered, latencies added. */
export class ChainedRoute implements Route {
  constructor(
    private readonly first: Route,
    private readonly second: Route,
  ) {}

  pass(bytes: number, nowMs: number): number {
    return this.first.pass(bytes, nowMs) + this.second.pass(bytes, nowMs);
  }
}
