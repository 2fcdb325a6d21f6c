/**
 * How a traffic source invokes its target. Synchronous paths wait for the response (and may cut it:
 * API Gateway REST 29 s, HTTP API 30 s); asynchronous ones queue the event (Lambda async invoke).
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html (async);
 * Lambda quotas https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; API Gateway quotas https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html (integration timeouts).
 */
import type { AsyncVia, SyncVia } from '../types.ts';

export const SYNC_VIAS = [
  'direct',
  'api-gateway-rest',
  'api-gateway-http',
  'alb',
  'function-url',
  'cloudfront-edge',
] as const satisfies readonly SyncVia[];
export const ASYNC_VIAS = ['async', 's3', 'sns', 'eventbridge'] as const satisfies readonly AsyncVia[];

export const isAsyncVia = (via: string): boolean => (ASYNC_VIAS as readonly string[]).includes(via);
export const isSyncVia = (via: SyncVia | AsyncVia): via is SyncVia => !isAsyncVia(via);

/**
 * Default integration timeouts after which a gateway answers 504 although the function keeps
 * running (ms): the default of `traffic[].integrationTimeout`. REST: 50 ms to 29 s ("You can set a
 * timeout value starting at 50 milliseconds up to 29 seconds", AWS What's New 2017-11-21); HTTP
 * API: at most 30 s, not adjustable (AWS docs http-api-quotas).
 */
export const GATEWAY_TIMEOUT_MS: Readonly<Partial<Record<SyncVia, number>>> = {
  'api-gateway-rest': 29_000,
  'api-gateway-http': 30_000,
};

/** Shortest integration timeout API Gateway accepts (both API types; AWS API Gateway quotas). */
export const MIN_INTEGRATION_TIMEOUT_MS = 50;

/**
 * REST APIs above 29 s: since 2024-06-04 a Regional or private REST API may raise its integration
 * timeout beyond 29 s through a Service Quotas increase ("Maximum integration timeout in
 * milliseconds"), "but this might require a reduction in your account-level throttle quota limit"
 * (AWS What's New 2024-06-04, "Amazon API Gateway integration timeout limit increase beyond 29
 * seconds"; AWS docs api-gateway-execution-service-limits-table: Regional and private "Yes",
 * edge-optimized "No"). The largest value granted is reported as 300,000 ms (5 minutes), with the
 * account's 10,000 requests per second lowered to about 967 at that timeout (AWS re:Post answer
 * QUlDTc_17EQ_mOJAhR3LHNDw; terraform-provider-aws issue #37859): no AWS page states the ceiling.
 */
export const REST_DEFAULT_MAX_INTEGRATION_TIMEOUT_MS = 29_000;
export const REST_RAISED_MAX_INTEGRATION_TIMEOUT_MS = 300_000;

/** REST API endpoint types (CreateRestApi endpointConfiguration); edge-optimized is AWS's default. */
export const REST_ENDPOINT_TYPES = ['edge', 'regional', 'private'] as const;

/** Largest event payload each path accepts (bytes): sync invoke 6 MB, ALB 1 MB, async 1 MB (since 2025/26). */
export const PAYLOAD_LIMIT_BYTES: Readonly<Record<SyncVia | AsyncVia, number>> = {
  direct: 6 * 1024 ** 2,
  'api-gateway-rest': 6 * 1024 ** 2,
  'api-gateway-http': 6 * 1024 ** 2,
  alb: 1024 ** 2,
  'function-url': 6 * 1024 ** 2,
  'cloudfront-edge': 1024 ** 2,
  async: 1024 ** 2,
  s3: 1024 ** 2,
  sns: 1024 ** 2,
  eventbridge: 1024 ** 2,
};
