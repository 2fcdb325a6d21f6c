/**
 * How traffic reaches functions through API Gateway: the integration timeout's range, and the cut.
 *
 * - Range (errors): 50 ms at least; an HTTP API at most 30 s (not adjustable, AWS docs
 *   http-api-quotas); a REST API at most 29 s, except a regional or private one, which may go to
 *   300 s after a Service Quotas increase (a warning says so and that AWS may lower the account's
 *   throttle quota; ../defaults/vias.ts has the sources). Edge-optimized REST APIs stay at 29 s.
 * - Cut (warning): the gateway answers 504 at its integration timeout while the function keeps
 *   running (and is billed), so a function timeout above it is a warning.
 */
import {
  MIN_INTEGRATION_TIMEOUT_MS,
  REST_DEFAULT_MAX_INTEGRATION_TIMEOUT_MS,
  REST_RAISED_MAX_INTEGRATION_TIMEOUT_MS,
} from '../defaults/vias.ts';
import type { Path } from '../issues.ts';
import type { Reporter } from '../normalize/context.ts';
import { formatDuration } from '../quantities.ts';
import type { Traffic } from '../types.ts';
import { type Rule, trusted } from './rule.ts';

const HTTP_API_MAX_INTEGRATION_TIMEOUT_MS = 30_000;

export const invocationRules: Rule = (draft, report) => {
  const functions = new Map(draft.functions.map((f) => [f.value.name, f]));
  for (const t of draft.traffic) {
    if (!trusted(t.bad, 'via', 'integrationTimeout', 'endpointType')) continue;
    const via = t.value.via;
    if (via !== 'api-gateway-rest' && via !== 'api-gateway-http') continue;
    if (!checkRange(t.value, [...t.path, 'integrationTimeout'], report)) continue;
    const cut = t.value.integrationTimeoutMs;
    const fn = functions.get(t.value.target);
    if (fn === undefined || fn.bad.has('timeout') || !trusted(t.bad, 'target')) continue;
    if (fn.value.timeoutMs > cut) {
      report.warning(
        [...t.path, 'via'],
        `${via} cuts requests at ${formatDuration(cut)} but functions.${fn.value.name}.timeout is ${formatDuration(fn.value.timeoutMs)}: callers get a 504 while the function runs on (and is billed)`,
      );
    }
  }
};

/** Reports an integration timeout outside what the gateway allows; false when it is an error. */
function checkRange(t: Traffic, at: Path, report: Reporter): boolean {
  const ms = t.integrationTimeoutMs;
  const shown = formatDuration(ms);
  if (ms < MIN_INTEGRATION_TIMEOUT_MS) {
    report.error(at, `integrationTimeout ${shown} is below API Gateway's minimum of 50ms`);
    return false;
  }
  if (t.via === 'api-gateway-http') {
    if (ms > HTTP_API_MAX_INTEGRATION_TIMEOUT_MS) {
      report.error(
        at,
        `integrationTimeout ${shown} is above 30s, the most an HTTP API allows (not adjustable)`,
      );
      return false;
    }
    return true;
  }
  if (ms <= REST_DEFAULT_MAX_INTEGRATION_TIMEOUT_MS) return true;
  if (t.endpointType === 'edge') {
    report.error(
      at,
      `integrationTimeout ${shown} is above 29s, the most an edge-optimized REST API allows: set endpointType regional or private (those may go to 300s after a quota increase), or 29s at most`,
    );
    return false;
  }
  if (ms > REST_RAISED_MAX_INTEGRATION_TIMEOUT_MS) {
    report.error(
      at,
      `integrationTimeout ${shown} is above 300s, the most API Gateway grants a ${t.endpointType} REST API`,
    );
    return false;
  }
  report.warning(
    at,
    `integrationTimeout ${shown} needs a Service Quotas increase of "Maximum integration timeout in milliseconds" (above 29s since June 2024, ${t.endpointType} REST APIs only); AWS may lower the account's API Gateway throttle quota (10,000 requests per second by default) in exchange`,
  );
  return true;
}
