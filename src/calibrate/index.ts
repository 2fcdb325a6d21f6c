/**
 * Calibration: the logs of one function (src/logs) -> a scenario that reproduces them, with the
 * fits and what was observed. Pure; sits beside src/scenario (it writes the same text a user would).
 */
export {
  type CalibrateOptions,
  type Calibration,
  calibrate,
  type DataFile,
  type TrafficMode,
} from './calibrate.ts';
export { type DistributionFit, type FitMode, fitDistribution, quantileSorted } from './fitDistribution.ts';
export {
  type CdfStep,
  ksDistance,
  ksDistanceToSteps,
  ksTwoSampleCritical5,
  lillieforsCritical5,
} from './ks.ts';
export { type Observed, observe } from './observed.ts';
export { runtimeOfVersion } from './runtime.ts';
export {
  type CalibrateStack,
  calibrateStack,
  readStackForCalibration,
  type StackForCalibration,
} from './stackScenario.ts';
export { deployedAs, isGeneratedName, type StackTarget, stackTarget } from './stackTarget.ts';
export { arrivalsCsv, type FittedPhase, fitPhases, MINUTE_MS, perMinuteCounts } from './traffic.ts';
