/**
 * Billing's metering: what AWS counts and how it rounds it, per invocation and per request
 * (billed duration, init and SnapStart rules, payload chunks), the units it bills in, and `Usage`,
 * what a window consumed. Below the model in the layer order (the model meters as it runs);
 * prices live in ../pricing. Pure.
 */
export {
  eventBridgeBilledEvents,
  httpApiMeteredRequests,
  kinesisPutPayloadUnits,
  lambdaAsyncBilledRequests,
  RESPONSE_STREAMING_INCLUDED_BYTES,
  responseStreamingBilledBytes,
  snsBilledRequests,
  sqsBilledRequests,
} from './metering.ts';
export {
  billedDurationMs,
  isInitBilled,
  isSnapStartCharged,
  MAX_INVOCATION_MS,
  PROVISIONED_STEP_MS,
  provisionedBilledMs,
} from './rounding.ts';
export {
  BYTES_PER_GB,
  BYTES_PER_KB,
  BYTES_PER_MB,
  gbSeconds,
  MB_PER_GB,
  MONTH_HOURS,
  MONTH_MS,
  MS_PER_HOUR,
  MS_PER_SECOND,
} from './units.ts';
export {
  type AlbUsage,
  type ApiGatewayUsage,
  addUsage,
  type DatabaseInstanceUsage,
  type EventBridgeUsage,
  emptyLambdaUsage,
  type KinesisStreamUsage,
  type LambdaUsage,
  type NatGatewayUsage,
  type ProvisionedInterval,
  type RdsProxyUsage,
  type S3BucketUsage,
  type SecretsManagerUsage,
  type SnsTopicUsage,
  type SqsUsage,
  scaleUsage,
  scaleUsageParts,
  type Usage,
  type VpcEndpointUsage,
} from './usage.ts';
