/**
 * Probability that a request arriving after N idle minutes hits a cold start on AWS Lambda
 * (measured January 2021): the source of the default `platform.idleTimeout`.
 *
 * Source: Mikhail Shilkov, mikhailshilkov/mikhailio-hugo, `data/coldstart_aws_interval.json`
 * (published at https://mikhail.io/serverless/coldstarts/aws/intervals/); upstream commit not recorded
 * in the project's shared data README, data dated January 2021. Licence: MIT (c) 2019
 * Mikhail Shilkov. Copied 2026-11-21; the same rows are in ./data/shilkov-idle-interval-2021.csv
 * and a test checks the two agree.
 *
 * Reading: P(cold after x idle minutes) = P(idle timeout <= x), i.e. this is the CDF of the idle
 * timeout: 0 up to 3 min, 0.3 % at 4-5 min, 41 % at 6 min, 100 % from 7 min.
 */

export interface IdleIntervalRow {
  readonly idleMinutes: number;
  /** Probability of a cold start for a request after `idleMinutes` of idleness, 0..1. */
  readonly probColdStart: number;
}

// idle_minutes_x, prob_cold_start_before_minute_x
const ROWS: readonly (readonly [number, number])[] = [
  [0, 0.0],
  [1, 0.0],
  [2, 0.0],
  [3, 0.0],
  [4, 0.0030303030303030303],
  [5, 0.0030303030303030303],
  [6, 0.40606060606060607],
  [7, 1.0],
  [8, 1.0],
  [9, 1.0],
  [10, 1.0],
  [11, 1.0],
  [12, 1.0],
  [13, 1.0],
  [14, 1.0],
  [15, 1.0],
  [16, 1.0],
  [17, 1.0],
  [18, 1.0],
  [19, 1.0],
  [20, 1.0],
  [21, 1.0],
  [22, 1.0],
  [23, 1.0],
  [24, 1.0],
  [25, 1.0],
  [26, 1.0],
  [27, 1.0],
  [28, 1.0],
  [29, 1.0],
  [30, 1.0],
];

export const IDLE_INTERVAL_TABLE: readonly IdleIntervalRow[] = ROWS.map(([idleMinutes, probColdStart]) => ({
  idleMinutes,
  probColdStart,
}));
