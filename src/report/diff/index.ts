/** `lamsim diff` and `lamsim check` in words: comment, text, JSON, the report and its bundle. */
export { budgetLine, budgetTable, evidenceText, formatBudgetFigure, limitText } from './budgetText.ts';
export { checkJson, checkText } from './checkText.ts';
export { type CommentOptions, diffComment } from './diffComment.ts';
export { deltaText, formatChange, formatFigure, intervalText, measureLabel } from './diffFormat.ts';
export {
  buildDiffReport,
  changedCharts,
  comparedRuns,
  type DiffLabels,
  type DiffTexts,
  diffVerdict,
  measuresTable,
  movedMeasures,
} from './diffReport.ts';
export { budgetLines, diffJson, diffText } from './diffText.ts';
