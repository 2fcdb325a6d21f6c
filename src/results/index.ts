/**
 * Results: what a run measured, as plain data, and the summary built from it (summary.json).
 * Sits between the model (and billing's pricing) and the experiments: experiments and reports
 * read runs through this layer, never through the model's live objects. Pure.
 */

export { type CountIdentity, countIdentities, eventsOnly, notifierIdentities } from './countIdentities.ts';
export {
  GROWING_BACKLOG_WARN_SHARE,
  type GrowingBacklog,
  growingBacklogs,
  hasConsumedBacklogs,
} from './growingBacklogs.ts';
export { mergeRuns, type RunParts, type RunSlice } from './mergeRuns.ts';
export {
  checkPartials,
  type NamedPartial,
  PARTIAL_FILE,
  PARTIAL_FORMAT,
  type Partial,
  type PartialInput,
  partialJson,
  partialOf,
  readPartial,
  type ShardIndex,
  sliceOf,
  slicesOf,
} from './partial.ts';
export { canonicalJson, otherLamsim, type Provenance, provenanceOf, textHash } from './provenance.ts';
export {
  type DatabaseSummary,
  type EndpointSummary,
  type NatSummary,
  type NotifierSummary,
  type ProxySummary,
  type QueueSummary,
  type ResourceScalar,
  type ResourceSummary,
  resourceScalars,
  type SecretSummary,
  type SqsConsumerSummary,
  type StreamConsumerSummary,
  type StreamSummary,
  summarizeResources,
} from './resourceSummary.ts';
export * from './runData.ts';
export {
  type AsyncSummary,
  type BriefPercentiles,
  buildSummary,
  type FunctionSummary,
  type ShardProvenance,
  type SloCheckSummary,
  type SloSummary,
  type Summary,
  summarizeFunction,
  summaryJson,
} from './summary.ts';
export {
  type FigureInterval,
  REPLICATIONS_FORMAT,
  type ReplicationsSummary,
  summaryFigures,
} from './summaryFigures.ts';
export { ms, type Percentiles, percentiles, ratio } from './summaryNumbers.ts';
export { parseTaggedJson, taggedJson } from './taggedJson.ts';
