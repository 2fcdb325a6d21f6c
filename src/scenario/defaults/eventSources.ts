/**
 * Defaults of event source mappings, asynchronous destinations and provisioned concurrency
 * (Lambda API reference, CreateEventSourceMapping; Application Auto Scaling for Lambda):
 *
 * - sqs: batchSize 10, maximumBatchingWindow 0s, no maximumConcurrency, whole-batch failures,
 *   pollerScaling nov-2023, not in provisioned mode; provisionedPollers min 2 and max 200
 *   (ProvisionedPollerConfig's defaults for SQS, Lambda API reference).
 * - kinesis / dynamodb: batchSize 100, maximumBatchingWindow 0s, parallelizationFactor 1,
 *   maximumRetryAttempts -1 and maximumRecordAge -1 (both: until the records expire; Infinity
 *   inside), bisectBatchOnFunctionError false, no on-failure destination, the shared-throughput
 *   iterator (enhancedFanOut false).
 * - destinations: none.
 * - provisionedConcurrency: 0; a change takes allocationTime 1m to start its environments ("a
 *   minute or two" in Lambda's documentation of provisioned concurrency; the value is an
 *   assumption ⚠); auto scaling targets 70% utilisation (AWS's recommendation).
 */
import type {
  Destinations,
  ProvisionedConfig,
  ProvisionedPollers,
  SqsEventSource,
  StreamEventSource,
} from '../types.ts';

export const SQS_EVENT_DEFAULTS: Pick<
  SqsEventSource,
  'batchSize' | 'maximumBatchingWindowMs' | 'maximumConcurrency' | 'pollerScaling'
> = {
  batchSize: 10,
  maximumBatchingWindowMs: 0,
  maximumConcurrency: null,
  pollerScaling: 'nov-2023',
};

export const SQS_PROVISIONED_POLLER_DEFAULTS: ProvisionedPollers = { min: 2, max: 200 };

export const STREAM_EVENT_DEFAULTS: Omit<StreamEventSource, 'kind' | 'streamType' | 'stream'> = {
  batchSize: 100,
  maximumBatchingWindowMs: 0,
  parallelizationFactor: 1,
  maximumRetryAttempts: Number.POSITIVE_INFINITY,
  maximumRecordAgeMs: Number.POSITIVE_INFINITY,
  bisectBatchOnFunctionError: false,
  onFailure: null,
  enhancedFanOut: false,
};

export const NO_DESTINATIONS: Destinations = { onSuccess: null, onFailure: null };

export const DEFAULT_ALLOCATION_MS = 60_000;
export const DEFAULT_TARGET_UTILIZATION = 0.7;

/** Provisioned concurrency that never changes during the window. */
export const NO_PROVISIONED_CHANGES: ProvisionedConfig = {
  allocationMs: DEFAULT_ALLOCATION_MS,
  schedule: [],
  autoScaling: null,
};
