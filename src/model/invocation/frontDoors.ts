/**
 * What sits between a synchronous caller and the function: the latency it adds (request and
 * response combined) and the time after which it gives up on the function and answers 504.
 *
 * Sources (see also aws-facts.md C8):
 * - HTTP API overhead: "99% of all requests (p99) have less than 10 ms of additional latency from
 *   HTTP API", and "up to 60% reduction in latency" against REST APIs — AWS Compute Blog,
 *   "Building faster, lower cost, better APIs – HTTP APIs now generally available" (2020-03).
 *   REST p99 is derived from that ratio: 10 ms / (1 - 0.6) = 25 ms. The p50s are assumptions (⚠).
 * - ALB, function URLs and CloudFront/Lambda@Edge: no AWS figure found; HTTP API's is used (⚠).
 * - Integration timeouts: REST 29 s, HTTP API 30 s (not adjustable). Function URLs and ALB wait
 *   for the function's own timeout.
 * A scenario overrides the overhead per traffic source (`traffic[].overhead`).
 */
import type { DistSpec } from '../../engine/index.ts';
import { lognormalFromQuantiles } from '../../engine/index.ts';
import type { SyncVia } from '../../scenario/types.ts';

export interface FrontDoor {
  readonly via: SyncVia;
  /** Latency added to the caller's round trip. */
  readonly overheadMs: DistSpec;
  /** The caller gets a timeout error when the function has not answered after this. */
  readonly cutMs: number;
}

const lognormal = (p50Ms: number, p99Ms: number): DistSpec => ({
  kind: 'lognormal',
  ...lognormalFromQuantiles(p50Ms, p99Ms),
});

const HTTP_API_OVERHEAD = lognormal(4, 10);

export const FRONT_DOORS: Readonly<Record<SyncVia, FrontDoor>> = {
  direct: { via: 'direct', overheadMs: { kind: 'constant', value: 0 }, cutMs: Number.POSITIVE_INFINITY },
  'api-gateway-rest': { via: 'api-gateway-rest', overheadMs: lognormal(10, 25), cutMs: 29_000 },
  'api-gateway-http': { via: 'api-gateway-http', overheadMs: HTTP_API_OVERHEAD, cutMs: 30_000 },
  alb: { via: 'alb', overheadMs: HTTP_API_OVERHEAD, cutMs: Number.POSITIVE_INFINITY },
  'function-url': { via: 'function-url', overheadMs: HTTP_API_OVERHEAD, cutMs: Number.POSITIVE_INFINITY },
  'cloudfront-edge': {
    via: 'cloudfront-edge',
    overheadMs: HTTP_API_OVERHEAD,
    cutMs: Number.POSITIVE_INFINITY,
  },
};
