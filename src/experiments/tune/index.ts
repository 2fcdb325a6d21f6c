/** Memory tuning (`lamsim tune`): the public surface. */
export {
  type ArchitectureFit,
  applyArchitectureFit,
  fitComputeIoByArchitecture,
} from './archFit.ts';
export { type ConcurrencyLimit, concurrencyLimitMemoryCannotLift } from './concurrencyLimit.ts';
export {
  applyComputeIoFit,
  type ComputeIoFit,
  type FittedPoint,
  fitComputeIo,
  fitScenarioToPowerTuning,
  type PowerTuningFit,
  type PowerTuningMeasurements,
  parsePowerTuningResult,
} from './fromPowerTuning.ts';
export {
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
  POWER_TUNING_DEFAULT_SIZES,
  parseArchitectures,
  parseMemoryGrid,
} from './grid.ts';
export type { TunePoint, Violation } from './point.ts';
export {
  buildVisualizationUrl,
  decodeVisualizationUrl,
  POWER_TUNING_VISUALIZATION_URL,
  type PowerStat,
  type PowerTuningOutput,
  powerTuningOutput,
} from './powerTuning.ts';
export {
  type PowerTuningInput,
  prepareTune,
  runTune,
  type TuneProblem,
  type TuneRunOptions,
} from './prepare.ts';
export { recommend, shortfall, type TuneConfiguration, type TuneRecommendation } from './recommend.ts';
export {
  balancedScore,
  clampWeight,
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_STRATEGY,
  rankByStrategy,
  STRATEGIES,
  type Strategy,
} from './strategies.ts';
export {
  BACKLOG_CONSTRAINT,
  DEFAULT_CONSTRAINTS,
  defaultConstraints,
  planTune,
  reduceTune,
  type TuneJob,
  type TuneOptions,
  type TunePlan,
  type TuneResult,
  tune,
  tuneJob,
  tuneScenarios,
} from './tune.ts';
