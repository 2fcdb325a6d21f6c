/**
 * Scenario package: written YAML -> normalized Scenario (pure). See ./parse.ts for the pipeline and
 * ./types.ts for what every layer below consumes.
 */

export { unmeasurableBecause } from './budgetMeasures.ts';
export {
  DB_INSTANCE_CLASSES,
  type DbInstanceClass,
  KNOWN_DB_INSTANCE_CLASSES,
  splitInstanceClass,
} from './defaults/dbInstanceClasses.ts';
export { SQS_PROVISIONED_POLLER_DEFAULTS } from './defaults/eventSources.ts';
export { DEFAULT_IDLE_TIMEOUT } from './defaults/idleTimeout.ts';
export { defaultInit, nearestMeasuredMemory } from './defaults/initDefault.ts';
export { auroraSupports, defaultMaxConnections } from './defaults/maxConnections.ts';
export { DEFAULT_REGION, KNOWN_REGIONS, legacyBurstLimit } from './defaults/regions.ts';
export { RDS_PROXY_DEFAULTS, SECRETS_MANAGER_SERVICE } from './defaults/resources.ts';
export {
  DEFAULT_RUNTIME_PROFILE,
  isCustomRuntime,
  KNOWN_RUNTIME_PROFILES,
  KNOWN_RUNTIMES,
  type RuntimeProfile,
} from './defaults/runtimes.ts';
export { TRAFFIC_DEFAULTS } from './defaults/traffic.ts';
export {
  ASYNC_VIAS,
  GATEWAY_TIMEOUT_MS,
  isAsyncVia,
  PAYLOAD_LIMIT_BYTES,
  SYNC_VIAS,
} from './defaults/vias.ts';
export { DEFAULT_WRITE_LATENCY_MS } from './defaults/writeLatency.ts';
export { suggestion } from './didYouMean.ts';
export { excerpt } from './excerpt.ts';
export {
  formatIssue,
  formatPath,
  hasErrors,
  type Issue,
  type Path,
  type Severity,
  sortIssues,
} from './issues.ts';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.ts';
export { parseScheduleExpression } from './normalize/schedule.ts';
export { type Parsed, type ParseOptions, parseScenario, type StackExpander } from './parse.ts';
export { type BudgetFileOptions, parseBudgetFile } from './parseBudgets.ts';
export {
  exactDecimal,
  formatDuration,
  formatPercentExact,
  formatSize,
  parseDuration,
  parseDurationOrSeconds,
  parseFraction,
  parseSize,
  parseSizeOrMb,
} from './quantities.ts';
export { type Rule, trusted } from './rules/rule.ts';
export { NAME_PATTERN, SCENARIO_NAME_PATTERN } from './schema/leaves.ts';
export { DATABASE_ENGINES } from './types/resources.ts';
export * from './types.ts';
export { type Position, type ReadYamlOptions, readYaml, type Source } from './yamlSource.ts';
