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

/** Integration timeouts after which a gateway answers 504 although the function keeps running (ms). */
export const GATEWAY_TIMEOUT_MS: Readonly<Partial<Record<SyncVia, number>>> = {
  'api-gateway-rest': 29_000,
  'api-gateway-http': 30_000,
};

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
