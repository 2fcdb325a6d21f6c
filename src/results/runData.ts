/**
 * The run's data as the model hands it out (src/model/runData.ts and the result types of its
 * components), re-exported so that experiments and reports read runs from this layer and never
 * import the model.
 */

export type { DatabaseResult, DatabaseWindow } from '../model/database/databaseServer.ts';
export type { ProxyResult, ProxyWindow } from '../model/database/rdsProxy.ts';
export {
  type AsyncDrops,
  type AsyncQueueResult,
  totalDrops,
} from '../model/invocation/asyncQueue.ts';
export type { ScheduleResult } from '../model/invocation/scheduleSource.ts';
export type { SqsSourceResult } from '../model/invocation/sqsEventSource.ts';
export type { StreamSourceResult } from '../model/invocation/streamEventSource.ts';
export type { DataStreamResult } from '../model/messaging/dataStream.ts';
export type { NotifierResult } from '../model/messaging/notifier.ts';
export type { SqsQueueResult, SqsQueueWindow } from '../model/messaging/sqsQueue.ts';
export type { RouteResult } from '../model/network/route.ts';
export type {
  EndpointResult,
  EventSourcesResult,
  FunctionResult,
  NatResult,
  ProvisionedResult,
  ResourcesResult,
  RunData,
  TrafficResult,
} from '../model/runData.ts';
export type {
  FunctionSeriesData,
  FunctionStatsResult,
  LevelSummary,
  WindowLevels,
} from '../model/stats/functionStats.ts';
