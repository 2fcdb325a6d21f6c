/** What a monthly figure assumes, in words next to the figure (run, compare, tune, plan). Pure. */
import type { CostBreakdown, MonthlyBasis } from '../billing/index.ts';
import { formatMs } from './format.ts';

/** The period of a monthly figure, with its basis in short: `per month at this rate (730 h)`. */
export const monthlyPeriod = (basis: MonthlyBasis): string => `per month ${basis.label}`;

/** How a monthly figure makes a month of the window, for a note next to it. */
export const perMonthNote = (basis: MonthlyBasis): string =>
  `Per month: ${basis.assumption}; tiers and the free tier apply to the month's totals.`;

/** What the cost table's two columns assume, the monthly basis in full. */
export const costNote = (basis: MonthlyBasis): string =>
  `The window is billed as one month. ${perMonthNote(basis)}`;

/** AWS's minimum SnapStart cache time per published version (pricing page, aws-facts A8). */
const SNAPSTART_CACHE_MINIMUM_MS = 3 * 3_600_000;

/**
 * What the window's SnapStart cache line covers, when the window bills one (else null): each
 * version's active time inside the window, as for every resource that outlives the window; AWS's
 * 3-hour minimum applies to a version's whole life, which the window does not see.
 */
export function snapStartCacheNote(window: CostBreakdown, windowMs: number): string | null {
  if (!window.lines.some((l) => l.item === 'snapstart cache' && l.quantity > 0)) return null;
  const minimum = formatMs(SNAPSTART_CACHE_MINIMUM_MS);
  return (
    `SnapStart cache: ${formatMs(windowMs)} per version, its active time in the window (the version ` +
    `lives on after it); AWS bills at least ${minimum} per version over its life` +
    (windowMs < SNAPSTART_CACHE_MINIMUM_MS
      ? `, so a version published for this window alone bills ${minimum}.`
      : '.')
  );
}
