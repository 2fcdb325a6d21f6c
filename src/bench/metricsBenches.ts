/** Recording rates of the streaming aggregates (one record per invocation or level change). */
import { Rng } from '../engine/index.ts';
import { BucketedGauge, BucketedQuantiles, Histogram } from '../metrics/index.ts';
import { type Bench, type BenchResult, measure } from './bench.ts';

const DAY_MS = 86_400_000;
const N = 2_000_000;

/** Lognormal-ish latencies (ms) and increasing times over a day, pre-drawn so only recording is timed. */
function inputs(): { times: Float64Array; values: Float64Array } {
  const rng = Rng.fromSeed(5);
  const times = new Float64Array(N);
  const values = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    times[i] = (i / N) * DAY_MS;
    values[i] = Math.exp(4 + 0.8 * (rng.next() + rng.next() + rng.next() - 1.5));
  }
  return { times, values };
}

function histogramBench(): BenchResult {
  const { values } = inputs();
  const h = new Histogram();
  for (let i = 0; i < 100_000; i++) h.record(values[i]);
  return measure('records', N, () => {
    for (let i = 0; i < N; i++) h.record(values[i]);
  });
}

function quantilesBench(): BenchResult {
  const { times, values } = inputs();
  const q = new BucketedQuantiles(DAY_MS);
  const warm = new BucketedQuantiles(DAY_MS);
  for (let i = 0; i < 100_000; i++) warm.record(times[i], values[i]);
  return measure('records', N, () => {
    for (let i = 0; i < N; i++) q.record(times[i], values[i]);
  });
}

function gaugeBench(): BenchResult {
  const { times } = inputs();
  const warm = new BucketedGauge(DAY_MS);
  for (let i = 0; i < 100_000; i++) warm.add(times[i], i & 1 ? -1 : 1);
  return measure('updates', N, () => {
    const g = new BucketedGauge(DAY_MS); // times restart at 0 on each repeat
    for (let i = 0; i < N; i++) g.add(times[i], i & 1 ? -1 : 1);
  });
}

export const metricsBenches: Bench[] = [
  { name: 'metrics: Histogram.record', run: histogramBench },
  { name: 'metrics: BucketedQuantiles.record (1 d)', run: quantilesBench },
  { name: 'metrics: BucketedGauge.add (1 d)', run: gaugeBench },
];
