/**
 * Reports are data first (design principle 15): results -> a ReportDocument (tables, chart specs,
 * code) -> Markdown and self-contained HTML; chart specs -> PNG at the I/O edge. Pure.
 */

export {
  type BundleFile,
  bundleFileData,
  comparisonBundleFiles,
  diffBundleFiles,
  documentBundleFiles,
  type ReportAssets,
  reportBundleFiles,
} from './bundle.ts';
export {
  calibrationBundleFiles,
  calibrationText,
  compareCalibration,
  comparisonRows,
} from './calibration/index.ts';
export * from './charts/index.ts';
export {
  buildComparisonReport,
  COMPARISON_COUNTS_LINE,
  type ComparedRun,
  changeText,
  comparisonCharts,
  comparisonCostTable,
  comparisonJson,
  comparisonTable,
} from './compareReport.ts';
export { costsLeftOutText } from './costsLeftOutText.ts';
export { renderCostTable, renderPriceList } from './costText.ts';
export { databaseSaturationText } from './databaseText.ts';
export * from './diff/index.ts';
export {
  type Block,
  type Column,
  chartsOf,
  type ReportDocument,
  type Section,
  type Table,
  withUniqueChartIds,
} from './document.ts';
export {
  describeObjective,
  formatBytes,
  formatCount,
  formatMean,
  formatMs,
  formatPercent,
  formatQuantity,
  formatSloValue,
  formatUsd,
  formatUsdFine,
  usdCents,
} from './format.ts';
export { reportHtml } from './html.ts';
export { markdownTable, reportMarkdown } from './markdown.ts';
export { plainTable } from './plainTable.ts';
export * from './plan/index.ts';
export { buildRunReport } from './runReport.ts';
export { costTable, functionsTable, latencyTable, provenanceTable, resourceTables } from './tables.ts';
export { summaryText } from './text.ts';
export * from './tune/index.ts';
