/**
 * The simulation engine: clock and event loop, event queue, random streams, distributions and
 * arrival processes. It knows nothing of the domain being simulated, imports nothing outside this
 * folder, and touches no I/O, wall clock or global randomness.
 */
export {
  type ArrivalStream,
  evenArrivals,
  exactCountArrivals,
  mergedArrivals,
  PiecewiseLinearRate,
  poissonArrivals,
  type RateSegment,
  traceArrivals,
} from './arrivals.ts';
export { civilDate, daysFromCivil } from './calendar.ts';
export { DeadlineFifo } from './deadlineFifo.ts';
export {
  type DistSpec,
  distMean,
  erfc,
  type LognormalParams,
  lognormalFromMoments,
  lognormalFromQuantiles,
  makeSampler,
  normalCdf,
  normalQuantile,
  type Sampler,
} from './distributions.ts';
export { InvalidParameterError, SchedulingError } from './errors.ts';
export { EventQueue } from './eventQueue.ts';
export { IndexedHeap } from './indexedHeap.ts';
export { MaxBitSet } from './maxBitSet.ts';
export { Rng } from './rng.ts';
export { type EventHandler, Simulation } from './simulation.ts';
export { TimerSet } from './timerSet.ts';
export { type TypedArray, withCapacity } from './typedArrays.ts';
