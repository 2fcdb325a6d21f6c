/** `lamsim diff` as data: the compared figures, their paired deltas and the budgets' verdicts. */
export {
  DIFF_CONFIDENCE,
  type DiffOptions,
  type DiffResult,
  type MeasureDelta,
  measureDeltas,
  runDiff,
} from './diff.ts';
export {
  type Better,
  diffMeasures,
  type MeasureKey,
  type MeasureUnit,
  type MeasureValue,
} from './measures.ts';
