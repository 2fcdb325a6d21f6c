/** What a monthly figure assumes, in words next to the figure (run, compare, tune, plan). Pure. */
import type { MonthlyBasis } from '../billing/index.ts';

/** The period of a monthly figure, with its basis in short: `per month at this rate (730 h)`. */
export const monthlyPeriod = (basis: MonthlyBasis): string => `per month ${basis.label}`;

/** How a monthly figure makes a month of the window, for a note next to it. */
export const perMonthNote = (basis: MonthlyBasis): string =>
  `Per month: ${basis.assumption}; tiers and the free tier apply to the month's totals.`;

/** What the cost table's two columns assume, the monthly basis in full. */
export const costNote = (basis: MonthlyBasis): string =>
  `The window is billed as one month. ${perMonthNote(basis)}`;
