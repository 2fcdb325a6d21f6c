/**
 * Streaming aggregates for simulation output: memory never grows with the number of recorded values
 * (design principle 6). Generic: durations in ms, levels, counts over time; nothing domain-specific.
 * Each recorder turns into plain data (`toData()`); the readers of that data live beside it.
 */
export { BucketedCounts } from './bucketedCounts.ts';
export { BucketedGauge } from './bucketedGauge.ts';
export { BucketedQuantiles, type LogBinOptions } from './bucketedQuantiles.ts';
export { BucketGrid, chooseBucketMs, NICE_BUCKET_MS } from './bucketGrid.ts';
export { Histogram } from './histogram.ts';
export {
  type CdfPoint,
  type HistogramData,
  type HistogramSummary,
  histogramCdf,
  histogramMean,
  histogramPercentile,
  histogramSummary,
} from './histogramData.ts';
export {
  mergeCountSeries,
  mergeGaugeSeries,
  mergeHistogramData,
  mergeQuantileSeries,
  mergeSparseCounts,
} from './mergeData.ts';
export {
  bucketQuantile,
  type CountSeriesData,
  countTotal,
  countValues,
  type GaugeSeriesData,
  type GridData,
  gaugeMaxes,
  gaugeMeans,
  gridOf,
  type QuantileSeriesData,
  quantileCount,
  quantilesOf,
} from './seriesData.ts';
export { type SeriesMaker, seriesMaker } from './seriesMaker.ts';
export { TimeInState } from './timeInState.ts';
export { TimeWeighted } from './timeWeighted.ts';
export { TimeWeightedLevels } from './timeWeightedLevels.ts';
