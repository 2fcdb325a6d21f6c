/**
 * Default `platform.idleTimeout`: the measured idle-interval table read as a piecewise-linear CDF
 * of the idle timeout, in milliseconds.
 */
import type { DistSpec } from '../../engine/index.ts';
import { IDLE_INTERVAL_TABLE, type IdleIntervalRow } from './idleIntervalTable.ts';

/**
 * CDF points from the last minute with P(cold) = 0 to the first with P(cold) = 1, both included;
 * the flat parts before and after add nothing to a piecewise-linear CDF.
 * For the 2021 table: (3 min, 0), (4 min, 0.003), (5 min, 0.003), (6 min, 0.406), (7 min, 1).
 */
export function idleTimeoutFromTable(table: readonly IdleIntervalRow[]): DistSpec {
  let first = 0;
  for (let i = 0; i < table.length; i++) if (table[i].probColdStart === 0) first = i;
  let last = table.length - 1;
  for (let i = table.length - 1; i >= 0; i--) if (table[i].probColdStart >= 1) last = i;
  const points = table
    .slice(first, last + 1)
    .map((row) => ({ value: row.idleMinutes * 60_000, p: row.probColdStart }));
  return { kind: 'piecewise', points };
}

export const DEFAULT_IDLE_TIMEOUT: DistSpec = idleTimeoutFromTable(IDLE_INTERVAL_TABLE);
