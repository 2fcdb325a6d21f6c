/** The AWS world on the engine: public surface of the model. */
export { ConcurrencyLimits, ThrottleReason } from './concurrency/concurrencyLimits.ts';
export {
  AUTO_SCALING_PERIOD_MS,
  ProvisionedController,
  SCALE_IN_POINTS,
  SCALE_OUT_POINTS,
} from './concurrency/provisionedController.ts';
export { REQUESTS_PER_SECOND_PER_CONCURRENCY, RequestRateLimit } from './concurrency/requestRateLimit.ts';
export { makeScalingLimiter, type ScalingLimiter } from './concurrency/scalingLimiter.ts';
export { TokenBucket } from './concurrency/tokenBucket.ts';
export type { DatabaseResult, DatabaseWindow } from './database/databaseServer.ts';
export type { ProxyResult, ProxyWindow } from './database/rdsProxy.ts';
export { EnvironmentTable, EnvState } from './environments/environmentTable.ts';
export { type IdleSet, makeIdleSet } from './environments/idleSets.ts';
export { type ColdStart, INIT_LIMIT_MS, makeColdStart } from './function/coldStart.ts';
export { FunctionEnvironments } from './function/environments.ts';
export { FunctionRuntime, type RuntimeContext } from './function/functionRuntime.ts';
export { ProvisionedPool } from './function/provisionedPool.ts';
export {
  type InvokeRequest,
  invokeRequest,
  Outcome,
  RequestTable,
  type RequestView,
} from './function/requests.ts';
export { computeTimeScale, MAX_VCPUS, MB_PER_VCPU, usableVcpus, vcpuShare } from './handler/cpuShare.ts';
export { DrawMemo, MAX_KEPT_DRAWS } from './handler/drawMemo.ts';
export { computeScaleOf, HandlerModel } from './handler/handlerModel.ts';
export type { AsyncQueueResult } from './invocation/asyncQueue.ts';
export { type AsyncDrops, AsyncQueue, totalDrops } from './invocation/asyncQueue.ts';
export { SyncFunctionCall, WriteCall } from './invocation/functionCall.ts';
export { type InvocationSource, SourceRegistry } from './invocation/invocationSource.ts';
export type { ScheduleResult } from './invocation/scheduleSource.ts';
export { nextFiring, ScheduleSource } from './invocation/scheduleSource.ts';
export type { SqsSourceResult } from './invocation/sqsEventSource.ts';
export { SQS_INVOKES_PER_EVENT_POLLER, SQS_SCALING, SqsEventSource } from './invocation/sqsEventSource.ts';
export type { StreamSourceResult } from './invocation/streamEventSource.ts';
export { StreamEventSource } from './invocation/streamEventSource.ts';
export { maxRetryBackoffMs, SyncCaller, sdkRetryDelayMs } from './invocation/syncCaller.ts';
export type { DataStreamResult } from './messaging/dataStream.ts';
export { DataStreamModel, KINESIS_SHARD_RECORDS_PER_SECOND } from './messaging/dataStream.ts';
export type { NotifierResult } from './messaging/notifier.ts';
export { NotifierModel } from './messaging/notifier.ts';
export { Ring } from './messaging/ring.ts';
export { type MessageSink, RECURSION_LIMIT } from './messaging/sink.ts';
export type { SqsQueueResult, SqsQueueWindow } from './messaging/sqsQueue.ts';
export { keepsWholeWindow, SqsQueueModel } from './messaging/sqsQueue.ts';
export type { RouteResult } from './network/route.ts';
export { continuedQueueNames, queueAgeSampleTimes, unreadQueues } from './resources.ts';
export type {
  EndpointResult,
  EventSourcesResult,
  FunctionResult,
  InvocationKind,
  NatResult,
  ProvisionedResult,
  ResourcesResult,
  RunData,
  TrafficResult,
} from './runData.ts';
export type {
  FunctionSeriesData,
  FunctionStatsResult,
  LevelSummary,
  WindowLevels,
} from './stats/functionResult.ts';
export { FunctionStats } from './stats/functionStats.ts';
export { ArrivalMemo, type ArrivalSpan, MAX_KEPT_ARRIVALS } from './traffic/arrivalMemo.ts';
export { arrivalsFor, expectedArrivals, rateSegments } from './traffic/arrivalsFor.ts';
export { TrafficSource, type TrafficTarget } from './traffic/trafficSource.ts';
export { usageOf } from './usage.ts';
export { type SimulateOptions, simulate } from './world.ts';
