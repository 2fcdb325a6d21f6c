/**
 * Parts of the scenario format that parse but that this version cannot simulate yet. The run
 * refuses them up front, naming the key, instead of silently ignoring them.
 */
import type { Scenario } from '../scenario/types.ts';

export interface Unsupported {
  /** Key path in the written scenario, e.g. `traffic[0].via`. */
  readonly path: string;
  readonly message: string;
}

const SYNC_VIAS = new Set([
  'direct',
  'api-gateway-rest',
  'api-gateway-http',
  'alb',
  'function-url',
  'cloudfront-edge',
]);

export function unsupportedFeatures(scenario: Scenario): Unsupported[] {
  const found: Unsupported[] = [];
  scenario.traffic.forEach((t, i) => {
    if (t.targetKind !== 'function') {
      found.push({ path: `traffic[${i}].target`, message: 'traffic to a resource is not simulated yet' });
    } else if (!SYNC_VIAS.has(t.via)) {
      found.push({
        path: `traffic[${i}].via`,
        message: `asynchronous invocation (${t.via}) is not simulated yet`,
      });
    }
  });
  return found;
}
