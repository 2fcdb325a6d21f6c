/** The calibration report (`lamsim calibrate`): calibration.md, calibration.html and charts. */
import type { Calibration } from '../../calibrate/index.ts';
import type { RunOutput } from '../../experiments/index.ts';
import { type BundleFile, documentBundleFiles, type ReportAssets } from '../bundle.ts';
import { buildCalibrationReport } from './calibrationReport.ts';
import { compareCalibration } from './comparison.ts';

export { buildCalibrationReport, CALIBRATION_TOLERANCES, comparisonRows } from './calibrationReport.ts';
export { calibrationText } from './calibrationText.ts';
export { type CalibrationComparison, compareCalibration, type DistributionPair } from './comparison.ts';

/** calibration.md, calibration.html and the PNG of every chart. */
export function calibrationBundleFiles(
  calibration: Calibration,
  output: RunOutput,
  scenarioFile: string,
  sources: readonly string[],
  assets: ReportAssets,
): BundleFile[] {
  const doc = buildCalibrationReport(
    calibration,
    compareCalibration(calibration, output),
    scenarioFile,
    sources,
  );
  return documentBundleFiles(doc, assets, 'calibration');
}
