/** Benchmarks (an edge: wall clock and process memory allowed). Run with `npm run bench`. */
export { type Bench, type BenchResult, measure } from './bench.ts';
export { benches } from './benches.ts';
