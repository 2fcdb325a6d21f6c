/**
 * lamsim as a library: everything the CLI does is a composition of these functions
 * (design principle 10). Pure functions of (scenario, seed, price table) except the io helpers.
 */
export * from './billing/index.ts';
export * from './experiments/index.ts';
export { type RunOutput, runScenario } from './experiments/run.ts';
export { DEFAULT_MAX_INVOCATIONS, estimateSize, sizeProblem } from './experiments/sizeCheck.ts';
export { BUNDLE_MARKER, outputProblem } from './io/bundleDir.ts';
export { type LoadedScenario, loadScenario } from './io/loadScenario.ts';
export { OutputRefusedError, writeBundle } from './io/writeBundle.ts';
export { simulate } from './model/index.ts';
export * from './report/index.ts';
export * from './report/plan/index.ts';
export { summaryText } from './report/text.ts';
export * from './report/tune/index.ts';
export type { Result } from './result.ts';
export * from './results/index.ts';
export * from './scenario/index.ts';
export type * from './scenario/types.ts';
export { LAMSIM_VERSION } from './version.ts';
