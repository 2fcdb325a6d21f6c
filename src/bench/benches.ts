/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
import type { Bench } from './bench.ts';
import { holdBenches } from './holdModel.ts';
import { metricsBenches } from './metricsBenches.ts';
import { samplingBenches } from './samplingBenches.ts';
import { simulationBenches } from './simulationBenches.ts';

export const benches: readonly Bench[] = [
  ...holdBenches,
  ...samplingBenches,
  ...metricsBenches,
  ...simulationBenches,
];
