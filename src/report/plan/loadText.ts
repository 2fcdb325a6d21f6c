/**
 * Loads in a plan's sentences and tables: a peak rate in what the traffic sends (`1,024 req/s`,
 * `20.5 messages/s`, `0.02 req/s`, `300 records/s`: arrivalUnit.ts)
 * and a factor on the scenario's traffic (`1,024x`, `1.41x`, `0.125x`). Whole numbers with
 * separators from 100 on, three significant digits below, so that neither a sparse scenario's
 * rate (0.02 req/s, once "0.0") nor the search limit (1,024x, once "1020x") reads wrong. Pure.
 */
import type { ArrivalUnit } from '../../experiments/index.ts';
import { formatCount } from '../format.ts';

function significant(n: number): string {
  return n >= 100 ? formatCount(Math.round(n)) : String(Number(n.toPrecision(3)));
}

/** `req/s` (as load testers write it), `events/s`, `messages/s`, `records/s`, `objects/s`, `arrivals/s`. */
export const rateUnit = (unit: ArrivalUnit): string => `${unit === 'requests' ? 'req' : unit}/s`;

/** A peak arrival rate per second, in the unit of what arrives. */
export const loadRate = (unit: ArrivalUnit, perSecond: number): string =>
  `${significant(perSecond)} ${rateUnit(unit)}`;

/** A factor on the scenario's traffic. */
export const loadFactor = (scale: number): string => `${significant(scale)}x`;
