/**
 * Parts of the scenario format that parse but that this version cannot simulate yet. The run
 * refuses them up front, naming the key, instead of silently ignoring them. (Every invocation
 * path, event source and resource of format 1 is simulated now; the list is kept for the next.)
 */
import type { Scenario } from '../scenario/types.ts';

export interface Unsupported {
  /** Key path in the written scenario, e.g. `traffic[0].via`. */
  readonly path: string;
  readonly message: string;
}

export function unsupportedFeatures(_scenario: Scenario): Unsupported[] {
  return [];
}
