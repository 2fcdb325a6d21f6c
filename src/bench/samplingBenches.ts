/** Draw rates of the random stream, the samplers and the arrival streams. */
import {
  type DistSpec,
  evenArrivals,
  makeSampler,
  PiecewiseLinearRate,
  poissonArrivals,
  type RateSegment,
  Rng,
} from '../engine/index.ts';
import { type Bench, type BenchResult, measure } from './bench.ts';

/** Defeats dead-code elimination: every timed loop folds its results into this. */
let sink = 0;

function rngBench(draws: number): BenchResult {
  const rng = Rng.fromSeed(2);
  let acc = 0;
  for (let i = 0; i < 100_000; i++) acc += rng.next();
  const result = measure('draws', draws, () => {
    for (let i = 0; i < draws; i++) acc += rng.next();
  });
  sink += acc;
  return result;
}

function samplerBench(spec: DistSpec, draws: number): BenchResult {
  const sampler = makeSampler(spec);
  const rng = Rng.fromSeed(3);
  let acc = 0;
  for (let i = 0; i < 100_000; i++) acc += sampler.sample(rng);
  const result = measure('draws', draws, () => {
    for (let i = 0; i < draws; i++) acc += sampler.sample(rng);
  });
  sink += acc;
  return result;
}

/** A day in minutes: 1,440 ramps following a daily wave, ~`perMs` arrivals per ms on average. */
function dailyRate(perMs: number): PiecewiseLinearRate {
  const minute = 60_000;
  const segments: RateSegment[] = [];
  const at = (m: number) => perMs * (1 + 0.8 * Math.sin((2 * Math.PI * m) / 1440));
  for (let m = 0; m < 1440; m++)
    segments.push({ start: m * minute, duration: minute, rate0: at(m), rate1: at(m + 1) });
  return new PiecewiseLinearRate(segments);
}

function arrivalsBench(kind: 'poisson' | 'even', rate: PiecewiseLinearRate, arrivals: number): BenchResult {
  const stream = kind === 'poisson' ? poissonArrivals(rate, Rng.fromSeed(4)) : evenArrivals(rate);
  let acc = 0;
  for (let i = 0; i < 100_000; i++) acc += stream.next();
  const result = measure('arrivals', arrivals, () => {
    for (let i = 0; i < arrivals; i++) acc += stream.next();
  });
  sink += acc;
  return result;
}

const DRAWS = 5_000_000;
const empiricalSamples = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);

export const samplingBenches: Bench[] = [
  { name: 'rng: next()', run: () => rngBench(20_000_000) },
  { name: 'sampler: constant', run: () => samplerBench({ kind: 'constant', value: 1 }, DRAWS) },
  { name: 'sampler: uniform', run: () => samplerBench({ kind: 'uniform', min: 1, max: 3 }, DRAWS) },
  { name: 'sampler: exponential', run: () => samplerBench({ kind: 'exponential', mean: 100 }, DRAWS) },
  { name: 'sampler: lognormal', run: () => samplerBench({ kind: 'lognormal', mu: 4, sigma: 0.5 }, DRAWS) },
  {
    name: 'sampler: normal (truncated)',
    run: () => samplerBench({ kind: 'normal', mean: 100, stddev: 30 }, DRAWS),
  },
  {
    name: 'sampler: empirical (1,000)',
    run: () => samplerBench({ kind: 'empirical', samples: empiricalSamples }, DRAWS),
  },
  {
    name: 'sampler: piecewise (5 points)',
    run: () =>
      samplerBench(
        {
          kind: 'piecewise',
          points: [
            { value: 0, p: 0 },
            { value: 10, p: 0.2 },
            { value: 50, p: 0.7 },
            { value: 200, p: 0.99 },
            { value: 1000, p: 1 },
          ],
        },
        DRAWS,
      ),
  },
  {
    name: 'arrivals: poisson, constant rate',
    run: () =>
      arrivalsBench(
        'poisson',
        new PiecewiseLinearRate([{ start: 0, duration: 1e9, rate0: 1, rate1: 1 }]),
        DRAWS,
      ),
  },
  { name: 'arrivals: poisson, 1,440 ramps', run: () => arrivalsBench('poisson', dailyRate(0.5), DRAWS) },
  { name: 'arrivals: even, 1,440 ramps', run: () => arrivalsBench('even', dailyRate(0.5), DRAWS) },
];

/** Read after the runs so the engine cannot prove the loops useless. */
export function samplingSink(): number {
  return sink;
}
