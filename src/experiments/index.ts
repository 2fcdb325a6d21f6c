/**
 * Experiments: one scenario expanded into many runs and reduced — memory tuning (`tune`) and
 * capacity planning (`plan`) — with the scenario edits, SLO checks, replication statistics and
 * runners (in-process or a worker pool) they are built from. The public surface of the folder
 * (run.ts and sizeCheck.ts are exported from src/index.ts directly).
 */

export { type ArrivalUnit, arrivalUnit } from './arrivalUnit.ts';
export { type BacklogEstimate, backlogText, largestBacklog, MAX_HELD_MESSAGES } from './backlogEstimate.ts';
export { type BudgetCheck, type BudgetStatus, brokenBudgets, checkBudgets } from './budgets.ts';
export { type CostLeftOut, costsLeftOut } from './costsLeftOut.ts';
export { type DatabaseSaturation, databaseSaturation } from './databaseLoad.ts';
export * from './diff/index.ts';
export {
  findFunction,
  peakRate,
  scaleDist,
  scaleTraffic,
  withFunction,
  withMemory,
} from './edits.ts';
export * from './jobs/index.ts';
export * from './plan/index.ts';
export { type ReplicationRunOptions, runReplications } from './replicationRunner.ts';
export {
  figureInterval,
  MAX_REPLICATIONS,
  REPLICATION_CONFIDENCE,
  replicationScenario,
  replicationSeeds,
  replicationsSummary,
  withReplications,
} from './replications.ts';
export { finishRun, type RunOutput, runScenario } from './run.ts';
export {
  type BatchProgress,
  builtWorkerFile,
  chooseRunner,
  inProcessRunner,
  POOL_MIN_BATCH_SECONDS,
  type PoolOptions,
  poolRunner,
  type Runner,
} from './runners.ts';
export { WARMUP_CAP_MS, warmupMsOf } from './shardPlan.ts';
export { type LocalShardsOptions, runLocalShards } from './shardRunner.ts';
export { mergePartials, runShard, type ShardOptions } from './shards.ts';
export { DEFAULT_MAX_INVOCATIONS, estimateSize, sizeProblem } from './sizeCheck.ts';
export {
  checkObjectives,
  measure,
  mergeObjectives,
  type ObjectiveCheck,
  objectivesJson,
  parseSloArgument,
  parseSloValue,
  SLO_METRIC_INFO,
} from './slo.ts';
export { sloSummary } from './sloReport.ts';
export {
  confidenceBelow,
  incompleteBeta,
  type MeanAndError,
  meanAndError,
  type PairedDifference,
  pairedDifference,
  studentTCdf,
  studentTQuantile,
} from './statistics.ts';
export * from './tune/index.ts';
