/**
 * What a tuned function serves, in words: requests, or (a function invoked only with batches) the
 * messages and records its batches processed (TunePoint.servedUnit). Pure.
 */
import type { TunePoint } from '../../experiments/index.ts';

/** `request served` / `record processed`: after "per". */
export const servedOne = (p: Pick<TunePoint, 'servedUnit'>): string =>
  p.servedUnit === 'records' ? 'record processed' : 'request served';

/** `requests served` / `records processed`: after a count. */
export const servedMany = (p: Pick<TunePoint, 'servedUnit'>): string =>
  p.servedUnit === 'records' ? 'records processed' : 'requests served';
