/**
 * Written distributions (the contract's table), all of durations:
 *   `40ms` | `{ p50, p99 }` | `{ dist: constant|exponential|lognormal|uniform|normal|empirical|cdf, ... }`.
 * `cdf` (points of a piecewise-linear CDF) is a lamsim extension. Which keys go together inside a
 * `dist` mapping (lognormal: p50+p99 or mean+stddev; empirical: samples or file) and value checks
 * (p50 <= p99, min <= max, CDF points ascending) are checked in ../normalize/distribution.ts.
 */
import * as z from 'zod';
import { DURATION_HELP, describeValue } from '../quantities.ts';
import { duration, list, mapping, number, oneOf, text } from './leaves.ts';
import { choice, doc, isRecord, named } from './registry.ts';

export const DIST_KINDS = [
  'constant',
  'exponential',
  'lognormal',
  'uniform',
  'normal',
  'empirical',
  'cdf',
] as const;

const kind = <K extends (typeof DIST_KINDS)[number]>(k: K) => z.literal(k);

const cdfPoint = doc(
  z.tuple([duration, number(0, 1)], {
    error: (iss) =>
      `expected a CDF point [value, cumulative probability], e.g. [5m, 0.5]; got ${describeValue(iss.input)}`,
  }),
  'A CDF point: [value, cumulative probability 0..1].',
);

const byDist = z.discriminatedUnion(
  'dist',
  [
    mapping({ dist: kind('constant'), value: duration }, 'a constant distribution'),
    mapping({ dist: kind('exponential'), mean: duration }, 'an exponential distribution'),
    mapping(
      {
        dist: kind('lognormal'),
        p50: duration.optional(),
        p99: duration.optional(),
        mean: duration.optional(),
        stddev: duration.optional(),
      },
      'a lognormal distribution',
    ),
    mapping({ dist: kind('uniform'), min: duration, max: duration }, 'a uniform distribution'),
    mapping(
      { dist: kind('normal'), mean: duration, stddev: duration },
      'a normal distribution (truncated at 0)',
    ),
    mapping(
      {
        dist: kind('empirical'),
        samples: list(duration, 'durations').optional(),
        file: text.optional(),
        unit: oneOf(['ms', 's', 'm', 'h'], 'a unit').optional(),
      },
      'an empirical distribution',
    ),
    mapping({ dist: kind('cdf'), points: list(cdfPoint, 'CDF points', 2) }, 'a piecewise-linear CDF'),
  ],
  {
    error: (iss) => {
      const input = iss.input as Record<string, unknown> | undefined;
      const written = input?.dist;
      const allowed = DIST_KINDS.join(', ');
      if (written === undefined) return `expected one of: ${allowed}`;
      return `unknown distribution ${describeValue(written)}; expected dist: ${allowed}`;
    },
  },
);

export const DISTRIBUTION_HELP = `a distribution: a duration (40ms), { p50: 12ms, p99: 40ms } or { dist: ${DIST_KINDS.join(' | ')}, ... }`;

/** Any `<dist>` of durations. */
export const distribution = named(
  choice(
    [duration, mapping({ p50: duration, p99: duration }, 'a lognormal by quantiles'), byDist],
    (input) => {
      if (typeof input === 'string' || typeof input === 'number') return 0;
      if (!isRecord(input)) return undefined;
      return 'dist' in input ? 2 : 1;
    },
    DISTRIBUTION_HELP,
  ),
  'Distribution',
  `A distribution of durations: a constant (${DURATION_HELP}), { p50, p99 } (lognormal fitted to two quantiles), or { dist: ${DIST_KINDS.join(' | ')}, ... }.`,
);
