/**
 * How a month is made of the simulated window (`billing.month`), and the sentence that says so.
 *
 * Every usage quantity is either traffic (requests, GB-s, bytes, messages: it follows the window's
 * arrivals) or time a resource exists (NAT, endpoints, ALB, databases, shards, proxies, secrets,
 * provisioned concurrency, SnapStart cache: it runs all month, as configured in the window). A
 * month is 730 hours. Bases:
 * - `repeat` (default, the output contract's `cost.monthly`): the window repeated to fill the month;
 *   both kinds × 730 h / window.
 * - `daily-profile`: the window is one day's traffic (idle for the rest of the day when shorter):
 *   traffic × 730 / 24 (30.42 days), resources × 730 h / window.
 * - `bursts`: N bursts like the window a month; the rest of the month idle (traffic × N, resources
 *   × 730 h / window), or at a baseline rate simulated separately: the window's usage × N plus the
 *   baseline run's usage × (730 h − N × window) / baseline window.
 * Tiers and free tiers then apply to the month's totals. Pure.
 */

import { decimalText } from '../../decimalText.ts';
import type { MonthBasis } from '../../scenario/index.ts';
import {
  addUsage,
  MONTH_HOURS,
  MONTH_MS,
  MS_PER_HOUR,
  scaleUsageParts,
  type Usage,
} from '../metering/index.ts';

export const DAYS_PER_MONTH = MONTH_HOURS / 24;

/** What `cost.monthly` assumed: the basis, its factors and a sentence for people. */
export interface MonthlyBasis {
  readonly window: MonthBasis['window'];
  /** How many windows' worth of traffic the month holds. */
  readonly trafficFactor: number;
  /** Months hours of hourly resources per window hour (730 h / window, or N with a baseline). */
  readonly resourceFactor: number;
  /** The baseline run, when `bursts` has a baseline rate. */
  readonly baseline: { readonly perSecond: number; readonly hours: number } | null;
  /** Short, after "per month": `at this rate (730 h)`, `(daily profile, 30.42 days)`, ... */
  readonly label: string;
  /** The whole assumption, a sentence without the final period. */
  readonly assumption: string;
}

const fmt = (x: number, digits = 2) => decimalText(x, 0, digits);

/** The window's length in words: 10 min, 2 h, 1.5 d. */
function windowWords(windowMs: number): string {
  const minutes = windowMs / 60_000;
  if (minutes < 120) return `${fmt(minutes, 1)} min`;
  const hours = windowMs / MS_PER_HOUR;
  return hours < 48 ? `${fmt(hours, 1)} h` : `${fmt(hours / 24, 1)} d`;
}

/** Problems of a basis for a window (empty when it applies). */
export function monthBasisProblems(basis: MonthBasis, windowMs: number): string[] {
  if (basis.window === 'daily-profile' && windowMs > 24 * MS_PER_HOUR) {
    return [
      `window: daily-profile needs a window of at most 24 h, the scenario's is ${windowWords(windowMs)}`,
    ];
  }
  if (basis.window === 'bursts' && basis.burstsPerMonth * windowMs > MONTH_MS) {
    return [
      `${basis.burstsPerMonth} bursts of ${windowWords(windowMs)} exceed a 730-hour month; at most ${Math.floor(MONTH_MS / windowMs)}`,
    ];
  }
  return [];
}

/** The factors and the sentence of a basis (baselineWindowMs: the baseline run's window, if any). */
export function monthlyBasis(basis: MonthBasis, windowMs: number, baselineWindowMs?: number): MonthlyBasis {
  const w = windowWords(windowMs);
  const repeat = MONTH_MS / windowMs;
  if (basis.window === 'daily-profile') {
    return {
      window: basis.window,
      trafficFactor: DAYS_PER_MONTH,
      resourceFactor: repeat,
      baseline: null,
      label: `(daily profile, ${fmt(DAYS_PER_MONTH)} days)`,
      assumption: `the ${w} window is one day's traffic${windowMs < 24 * MS_PER_HOUR ? ' (no traffic the rest of the day)' : ''}, repeated for ${fmt(DAYS_PER_MONTH)} days; hourly resources run all 730 h`,
    };
  }
  if (basis.window === 'bursts') {
    const n = basis.burstsPerMonth;
    const restHours = (MONTH_MS - n * windowMs) / MS_PER_HOUR;
    if (basis.baselinePerSecond > 0) {
      if (baselineWindowMs === undefined) {
        throw new RangeError('monthlyBasis: a bursts basis with a baseline rate needs the baseline run');
      }
      return {
        window: basis.window,
        trafficFactor: n,
        resourceFactor: n,
        baseline: { perSecond: basis.baselinePerSecond, hours: restHours },
        label: `(${fmt(n)} bursts + ${fmt(basis.baselinePerSecond)}/s baseline)`,
        assumption: `${fmt(n)} bursts like the ${w} window a month; the other ${fmt(restHours, 1)} h at ${fmt(basis.baselinePerSecond)} requests/s per traffic source (simulated for ${windowWords(baselineWindowMs)} and scaled)`,
      };
    }
    return {
      window: basis.window,
      trafficFactor: n,
      resourceFactor: repeat,
      baseline: null,
      label: `(${fmt(n)} bursts, idle otherwise)`,
      assumption: `${fmt(n)} bursts like the ${w} window a month and no traffic the other ${fmt(restHours, 1)} h; hourly resources run all 730 h`,
    };
  }
  return {
    window: 'repeat',
    trafficFactor: repeat,
    resourceFactor: repeat,
    baseline: null,
    label: 'at this rate (730 h)',
    assumption: `the ${w} window repeated ${fmt(repeat)} times to fill a 730-hour month`,
  };
}

/**
 * The month's usage: the window scaled by the basis, plus the baseline run's usage scaled to the
 * rest of the month when the basis has one (`baseline` must then be given).
 */
export function monthUsage(usage: Usage, basis: MonthlyBasis, baseline?: Usage): Usage {
  if (!(usage.windowMs > 0)) throw new RangeError(`monthUsage: windowMs must be > 0, got ${usage.windowMs}`);
  const window = scaleUsageParts(usage, { traffic: basis.trafficFactor, resources: basis.resourceFactor });
  if (basis.baseline === null) return window;
  if (baseline === undefined || !(baseline.windowMs > 0)) {
    throw new RangeError('monthUsage: a basis with a baseline needs the baseline run');
  }
  const f = (basis.baseline.hours * MS_PER_HOUR) / baseline.windowMs;
  if (f === 0) return window;
  return addUsage(window, scaleUsageParts(baseline, { traffic: f, resources: f }));
}
