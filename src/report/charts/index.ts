/**
 * Chart descriptions as data (Chart.js configurations built from run results). The same spec is
 * rendered to PNG at the I/O edge (src/io/renderChartPng.ts) and drawn live in report.html.
 */
export {
  CHART_FONT_FAMILY,
  CHART_HEIGHT_PX,
  CHART_WIDTH_PX,
  type ChartConfig,
  type ChartPoint,
  type ChartSpec,
  chartId,
  chartSpec,
  type DatasetSpec,
} from './chartSpec.ts';
export {
  baseOptions,
  CHART_LOCALE,
  type Limit,
  limitDataset,
  lineDataset,
  subtitleLines,
  valueAxis,
  visibleLimits,
} from './common.ts';
export {
  type ComparedSeries,
  compareColdStartsChart,
  compareConcurrencyChart,
  compareCostChart,
  compareDatabaseChart,
  compareFailuresChart,
  compareLatencyCdfChart,
  compareLatencyChart,
} from './compareCharts.ts';
export {
  type ComparedMessaging,
  compareAsyncQueueChart,
  compareNatChart,
  compareSqsQueueChart,
  compareStreamChart,
} from './compareMessagingCharts.ts';
export { concurrencyChart, concurrencyLimitsOf } from './concurrencyChart.ts';
export { costChart } from './costChart.ts';
export { environmentsChart } from './environmentsChart.ts';
export { functionCharts } from './functionCharts.ts';
export { cdfPoints, latencyAxis, latencyCdfChart, latencyOverTimeChart } from './latencyCharts.ts';
export {
  applyLegendMarkers,
  declaresLegendMarkers,
  LEGEND_MARKERS_SCRIPT,
  type LegendMarker,
} from './legendMarkers.ts';
export {
  asyncQueueChart,
  asyncQueueNote,
  asyncQueueWaited,
  sqsQueueChart,
  streamChart,
} from './messagingCharts.ts';
export {
  type AsyncQueueChartData,
  asyncQueueChartData,
  asyncQueueDataOf,
  type NatChartData,
  natChartData,
  type SqsConsumerChartData,
  type SqsQueueChartData,
  type StreamChartData,
  type StreamConsumerChartData,
  sqsQueueChartData,
  streamChartData,
} from './messagingData.ts';
export { natChart } from './networkCharts.ts';
export { COLORS, SERIES_COLORS, seriesColor } from './palette.ts';
export { ratesChart } from './ratesChart.ts';
export { type RateUnit, rateUnitFor, toRate } from './rateUnit.ts';
export {
  type DatabaseChartData,
  databaseChartData,
  databaseCharts,
  databaseConnectionsChart,
  type ProxyChartData,
  proxyChart,
} from './resourceCharts.ts';
export { bucketPoints, formatBucket, timeScale, timeUnitFor } from './timeAxis.ts';
export { type AgeUnit, ageUnitFor, type ByteRateUnit, byteRateUnitFor, toByteRate } from './valueUnits.ts';
