/**
 * The run's data as the model hands it out (src/model/runData.ts and the result types of its
 * components), re-exported so that experiments and reports read runs from this layer and never
 * import the model.
 */

export {
  type AsyncDrops,
  type AsyncQueueResult,
  type DatabaseResult,
  type DatabaseWindow,
  type DataStreamResult,
  type EndpointResult,
  type EventSourcesResult,
  type FunctionResult,
  type FunctionSeriesData,
  type FunctionStatsResult,
  type InvocationKind,
  type LevelSummary,
  type NatResult,
  type NotifierResult,
  type ProvisionedResult,
  type ProxyResult,
  type ProxyWindow,
  type ResourcesResult,
  type RouteResult,
  type RunData,
  type ScheduleResult,
  type SqsQueueResult,
  type SqsQueueWindow,
  type SqsSourceResult,
  type StreamSourceResult,
  type TrafficResult,
  totalDrops,
  type WindowLevels,
} from '../model/index.ts';
