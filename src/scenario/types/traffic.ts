/** Normalized traffic sources: how requests arrive, through which front door. */
import type { DistSpec } from '../../engine/index.ts';

export type SyncVia =
  | 'direct'
  | 'api-gateway-rest'
  | 'api-gateway-http'
  | 'alb'
  | 'function-url'
  | 'cloudfront-edge';
export type AsyncVia = 'async' | 's3' | 'sns' | 'eventbridge';
export type Via = SyncVia | AsyncVia;
export type ArrivalMode = 'poisson' | 'uniform';
/** Lambda@Edge trigger of a `cloudfront-edge` traffic source (CloudFront `EventType`). */
export type EdgeEventType = 'viewer-request' | 'viewer-response' | 'origin-request' | 'origin-response';

export interface Phase {
  readonly name: string;
  /** Start of the phase in the window (phases run back to back). */
  readonly startMs: number;
  readonly durationMs: number;
  /** Arrivals per second at the start of the phase (written `arrivalRate`). */
  readonly arrivalsPerSecond: number;
  /** Arrivals per second at the end of the phase (written `rampTo`; = arrivalsPerSecond when there is no ramp). */
  readonly rampToPerSecond: number;
  /**
   * Written as `arrivalCount`: the phase has exactly round(arrivalsPerSecond × duration) arrivals
   * in `poisson` mode too (a Poisson process conditioned on its count), as `uniform` spaces them.
   * A phase scaled by a factor (plan) keeps it, its count rounded.
   */
  readonly exactCount?: true;
}

export type Arrivals =
  | { readonly kind: 'phases'; readonly phases: readonly Phase[] }
  /** Replayed arrival times in ms from the start of the window, ascending. */
  | { readonly kind: 'trace'; readonly timesMs: readonly number[] };

export interface Traffic {
  readonly name: string;
  /** Name of a function or of a resource (queue, stream). */
  readonly target: string;
  readonly targetKind: 'function' | 'resource';
  readonly via: Via;
  readonly mode: ArrivalMode;
  readonly arrivals: Arrivals;
  /** Event payload size (metering of async requests in 64 KB chunks, gateway metering). */
  readonly payloadBytes: number;
  /** Bytes of each successful response returned over the internet (data transfer out). */
  readonly responseBytes: number;
  /**
   * Latency the front door (`via`) adds to a synchronous caller's round trip (extension key
   * `overhead`; default by `via`, see src/model/invocation/frontDoors.ts).
   */
  readonly overheadMs: DistSpec;
  /**
   * Caller-side retries of throttles (429) by a synchronous caller, as the AWS SDK's standard
   * retry mode does them: at most `maxAttempts` attempts in all (1 = no retry). Default 3 for
   * `direct` (SDK default), 1 for the other front doors (they return the error to the client).
   */
  readonly retry: RetryPolicy;
  /** Lambda@Edge trigger (via cloudfront-edge only; default origin-request). */
  readonly edgeEventType: EdgeEventType;
  /**
   * API Gateway's integration timeout (`integrationTimeout`): after it the gateway answers 504 while
   * the function runs on. Default 29 s (REST) or 30 s (HTTP API); Infinity for other vias.
   */
  readonly integrationTimeoutMs: number;
  /** REST API endpoint type (`endpointType`, api-gateway-rest only; default edge, as AWS's). */
  readonly endpointType: RestEndpointType;
}

export type RestEndpointType = 'edge' | 'regional' | 'private';

/** AWS SDK standard retry mode for throttling errors (@smithy/util-retry). */
export interface RetryPolicy {
  /** Attempts in all, first included (SDK `maxAttempts`, default 3). */
  readonly maxAttempts: number;
}
