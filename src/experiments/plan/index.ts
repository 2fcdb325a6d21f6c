/** Capacity planning (`lamsim plan`): the public surface. */
export {
  BOTTLENECK_RULES,
  type BottleneckContext,
  type BottleneckFinding,
  type BottleneckRule,
  type FindingFacts,
  findBottlenecks,
} from './bottleneck.ts';
export {
  DEFAULT_REPLICATION_SETTINGS,
  type Evaluation,
  Evaluator,
  type MetricEstimate,
  type ReplicationSettings,
  replicationSeed,
} from './evaluate.ts';
export { DEFAULT_GUARDS, type GuardStep, type GuardWarning, guardWarnings } from './guards.ts';
export { type Change, type ChangeReason, type Knob, knobsFor, REMEDIES } from './knobs.ts';
export {
  DEFAULT_TARGET_SCALE,
  type PlanAlternative,
  type PlanOptions,
  type PlanRecommendation,
  type PlanResult,
  plan,
  planProblems,
  type TracedTraffic,
  tracedTraffic,
  tracedTrafficProblem,
} from './plan.ts';
export { type Alternative, type FailedRemedy, type RecommendationSearch, recommendAt } from './recommend.ts';
export { type PlanRunOptions, runPlan } from './runPlan.ts';
export {
  DEFAULT_SEARCH_SETTINGS,
  type SearchResult,
  type SearchSettings,
  type SearchStop,
  searchBreakingPoint,
} from './search.ts';
