/**
 * The I/O edge: reading scenario files and writing report bundles (atomically), and the assets a
 * report needs from the machine (Chart.js's source, PNG rendering). The only layer below the CLI
 * that touches the file system.
 */

export { BUNDLE_MARKER, outputProblem } from './bundleDir.ts';
export { GitRefError, type RefReader, refReader } from './gitRef.ts';
export {
  type LoadedScenario,
  loadScenario,
  loadScenarioAtRef,
  type ParseAtOptions,
  parseScenarioAt,
} from './loadScenario.ts';
export { DEFAULT_MAX_FILE_BYTES, InputFileError, readInputFile } from './readInput.ts';
export { readLogText } from './readLogText.ts';
export { prepareChartRenderer, renderChartPng } from './renderChartPng.ts';
export { nodeReportAssets } from './reportAssets.ts';
export { OutputRefusedError, prepareBundleWriter, writeBundle } from './writeBundle.ts';
export { notAFile, OutputPathError, writeFilesAtomic } from './writeFilesAtomic.ts';
export { stopYoungGenerationGrowth } from './youngGeneration.ts';
