/**
 * Loads in a plan's sentences and tables: a peak rate (`1,024 req/s`, `20.5 req/s`, `0.02 req/s`)
 * and a factor on the scenario's traffic (`1,024x`, `1.41x`, `0.125x`). Whole numbers with
 * separators from 100 on, three significant digits below, so that neither a sparse scenario's
 * rate (0.02 req/s, once "0.0") nor the search limit (1,024x, once "1020x") reads wrong. Pure.
 */
import { formatCount } from '../format.ts';

function significant(n: number): string {
  return n >= 100 ? formatCount(Math.round(n)) : String(Number(n.toPrecision(3)));
}

/** A peak arrival rate per second. */
export const loadRate = (perSecond: number): string => `${significant(perSecond)} req/s`;

/** A factor on the scenario's traffic. */
export const loadFactor = (scale: number): string => `${significant(scale)}x`;
