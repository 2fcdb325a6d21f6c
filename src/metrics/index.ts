/**
 * Streaming aggregates for simulation output: memory never grows with the number of recorded values
 * (design principle 6). Generic: durations in ms, levels, counts over time; nothing domain-specific.
 */
export { BucketedCounts } from './bucketedCounts.ts';
export { BucketedGauge } from './bucketedGauge.ts';
export { BucketedQuantiles, type LogBinOptions } from './bucketedQuantiles.ts';
export { BucketGrid, chooseBucketMs, NICE_BUCKET_MS } from './bucketGrid.ts';
export { type CdfPoint, Histogram, type HistogramSummary } from './histogram.ts';
export { TimeWeighted } from './timeWeighted.ts';
