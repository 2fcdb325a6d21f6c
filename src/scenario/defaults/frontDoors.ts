/**
 * Latency a synchronous front door adds to the caller's round trip (request and response
 * combined): the default of `traffic[].overhead` by `via`.
 *
 * Sources:
 * - HTTP API: "99% of all requests (p99) have less than 10 ms of additional latency from HTTP
 *   API", and "up to 60% reduction in latency" against REST APIs — AWS Compute Blog, "Building
 *   faster, lower cost, better APIs – HTTP APIs now generally available" (2020-03).
 *   REST p99 is derived from that ratio: 10 ms / (1 - 0.6) = 25 ms. The p50s are assumptions (⚠).
 * - ALB, function URLs and CloudFront/Lambda@Edge: no AWS figure found; HTTP API's is used (⚠).
 * - direct (the Invoke API from a client): not modelled, 0 ms.
 * Asynchronous callers do not wait for the function, so their overhead is 0.
 */
import type { DistSpec } from '../../engine/index.ts';
import { lognormalFromQuantiles } from '../../engine/index.ts';
import type { SyncVia } from '../types.ts';

const lognormal = (p50Ms: number, p99Ms: number): DistSpec => ({
  kind: 'lognormal',
  ...lognormalFromQuantiles(p50Ms, p99Ms),
});

const HTTP_API_OVERHEAD = lognormal(4, 10);

export const FRONT_DOOR_OVERHEAD_MS: Readonly<Record<SyncVia, DistSpec>> = {
  direct: { kind: 'constant', value: 0 },
  'api-gateway-rest': lognormal(10, 25),
  'api-gateway-http': HTTP_API_OVERHEAD,
  alb: HTTP_API_OVERHEAD,
  'function-url': HTTP_API_OVERHEAD,
  'cloudfront-edge': HTTP_API_OVERHEAD,
};
