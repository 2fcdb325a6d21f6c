/**
 * lamsim as a library: what the CLI does, one call per step, and the data each step returns
 * (design principle 10: every command in src/cli/commands is a composition of these). Pure
 * functions of (scenario, seed, price table) except `loadScenario`, `writeBundle` and
 * `nodeReportAssets` (the I/O edge) and the runners behind `runTune` / `runPlan` (threads).
 *
 *   parse    parseScenario(text) -> Scenario | Issue[] (the scenario's rules and billing's checks);
 *            the quantity parsers the format uses
 *   load     loadScenario(file) -> the parsed scenario and its text; sizeProblem (the size check)
 *   run      runScenario(scenario) -> the run, its bills and summary.json's content;
 *            runReplications(scenario, R) -> replication 1's run with every figure's interval
 *   jobs     planTuneJobs / planReplicationJobs -> sweep.json and one job spec per point;
 *            runJob (one point); checkJobResults + collectTune / collectReplications
 *   shards   runShard(scenario, text, K/N) -> a partial (partial.json: partialJson / readPartial);
 *            checkPartials + mergePartials -> the whole run, as runScenario gives it;
 *            runLocalShards (every shard on this machine's worker pool)
 *   bill     billWindow / billMonthly (a run's usage), calculateCost (from averages), priceList
 *   tune     prepareTune + runTune (a memory sweep, optionally fitted to Power Tuning)
 *   plan     runPlan (capacity: breaking point, bottleneck, verified changes)
 *   compare  comparisonBundleFiles / comparisonTable over several runs with one seed
 *   diff     runDiff(base, head) -> paired deltas and budgets (common random numbers, replications);
 *            loadScenarioAtRef reads the base at a git ref; diffComment / diffText / diffBundleFiles
 *   check    checkBudgets(budgets, summaries) -> a verdict per budget; parseBudgetFile; checkText
 *   import   importStack (SAM, CloudFormation, CDK, Serverless templates) -> a written scenario
 *   calibrate readLogFile / mergeLogFiles (CloudWatch Logs) -> calibrate -> a written scenario;
 *            calibrationBundleFiles compares one run of it with the logs
 *   report   the bundles' files and the CLI's texts, from the results above
 *   write    writeBundle (atomic), nodeReportAssets (Chart.js and PNG rendering)
 */

import { billingRules } from './billing/index.ts';
import type { Result } from './result.ts';
import {
  type Issue,
  type Parsed,
  type ParseOptions,
  parseScenario as parseWritten,
} from './scenario/index.ts';

export {
  billMonthly,
  billWindow,
  type CalculatorIssue,
  type CostBreakdown,
  type CostCalculatorInput,
  type CostLine,
  calculateCost,
  calculatorIssues,
  type PriceList,
  priceList,
  type Usage,
} from './billing/index.ts';
export {
  type CalibrateStack,
  type Calibration,
  calibrate,
  calibrateStack,
  deployedAs,
  readStackForCalibration,
  type StackForCalibration,
  stackTarget,
} from './calibrate/index.ts';
export {
  type BottleneckFinding,
  type BudgetCheck,
  type BudgetStatus,
  brokenBudgets,
  checkBudgets,
  checkJobResults,
  collectProblem,
  collectReplications,
  collectTune,
  DEFAULT_MAX_INVOCATIONS,
  DEFAULT_SEARCH_SETTINGS,
  type DiffOptions,
  type DiffResult,
  databaseSaturation,
  estimateSize,
  isJobResultHead,
  JOB_RESULT_HEAD_BYTES,
  type JobResult,
  jobFileName,
  jobJson,
  jobResultJson,
  MAX_REPLICATIONS,
  type MeasureDelta,
  mergePartials,
  type NamedJobResult,
  type PlannedJobs,
  type PlanOptions,
  type PlanResult,
  type PlanRunOptions,
  type PowerTuningInput,
  parseArchitectures,
  parseMemoryGrid,
  parseSloArgument,
  planReplicationJobs,
  planTuneJobs,
  prepareTune,
  RESULTS_FOLDER,
  type RunOutput,
  readJob,
  readJobResult,
  readSweep,
  runDiff,
  runJob,
  runLocalShards,
  runPlan,
  runReplications,
  runScenario,
  runShard,
  runTune,
  STRATEGIES,
  type Strategy,
  SWEEP_FILE,
  type Sweep,
  type SweepKind,
  sizeProblem,
  sweepJson,
  type TracedTraffic,
  type TuneOptions,
  type TunePlan,
  type TunePoint,
  type TuneProblem,
  type TuneResult,
  type TuneRunOptions,
  tracedTraffic,
  tracedTrafficProblem,
} from './experiments/index.ts';
export {
  BUNDLE_MARKER,
  DEFAULT_MAX_FILE_BYTES,
  GitRefError,
  InputFileError,
  type LoadedScenario,
  loadScenario,
  loadScenarioAtRef,
  nodeReportAssets,
  notAFile,
  OutputPathError,
  OutputRefusedError,
  outputProblem,
  parseScenarioAt,
  prepareBundleWriter,
  prepareChartRenderer,
  readInputFile,
  readLogText,
  stopYoungGenerationGrowth,
  writeBundle,
  writeFilesAtomic,
} from './io/index.ts';
export {
  functionsInLogs,
  isDocumentError,
  type LogFile,
  type LogProblem,
  mergeLogFiles,
  readLogFile,
} from './logs/index.ts';
export {
  type BundleFile,
  budgetLines,
  COMPARISON_COUNTS_LINE,
  type ComparedRun,
  calibrationBundleFiles,
  calibrationText,
  chartId,
  checkJson,
  checkText,
  compareCalibration,
  comparisonBundleFiles,
  comparisonRows,
  comparisonTable,
  type DiffLabels,
  type DiffTexts,
  databaseSaturationText,
  diffBundleFiles,
  diffComment,
  diffJson,
  diffText,
  formatUsd,
  plainTable,
  planBundleFiles,
  planText,
  type ReportAssets,
  renderCostTable,
  renderPriceList,
  reportBundleFiles,
  summaryText,
  tuneBundleFiles,
  tuneText,
} from './report/index.ts';
export { err, ok, type Result } from './result.ts';
export {
  checkPartials,
  type NamedPartial,
  PARTIAL_FILE,
  type Partial,
  type Provenance,
  partialJson,
  readPartial,
  type ShardIndex,
  type Summary,
  summaryJson,
} from './results/index.ts';
export type * from './scenario/index.ts';
export {
  DATABASE_ENGINES,
  type DatabaseEngine,
  exactDecimal,
  excerpt,
  formatIssue,
  type Issue,
  KNOWN_RUNTIMES,
  type Parsed,
  type ParseOptions,
  parseBudgetFile,
  parseDuration,
  parseFraction,
  parseSize,
  parseSizeOrMb,
  readYaml,
  type Severity,
  scenarioJsonSchema,
} from './scenario/index.ts';
export { importStack, locateInTemplates, writeImportedScenario } from './stack/index.ts';
export { LAMSIM_VERSION } from './version.ts';

/**
 * The written scenario -> Scenario, or every issue found (see src/scenario/parse.ts): the
 * scenario's own rules, then billing's checks against the price tables (which sit above the
 * scenario layer, so the scenario's parser takes them as `rules`), then any `options.rules`.
 */
export function parseScenario(text: string, options: ParseOptions): Result<Parsed, Issue[]> {
  return parseWritten(text, { ...options, rules: [billingRules, ...(options.rules ?? [])] });
}
