/**
 * How traffic reaches functions: API Gateway cuts synchronous requests at its integration timeout
 * (REST 29 s, HTTP API 30 s; API Gateway quotas, https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html) while the function keeps running: a warning when the
 * function's timeout is longer.
 */
import { GATEWAY_TIMEOUT_MS } from '../defaults/vias.ts';
import { formatDuration } from '../quantities.ts';
import type { SyncVia } from '../types.ts';
import { type Rule, trusted } from './rule.ts';

export const invocationRules: Rule = (draft, report) => {
  const functions = new Map(draft.functions.map((f) => [f.value.name, f]));
  for (const t of draft.traffic) {
    if (!trusted(t.bad, 'via', 'target')) continue;
    const cut = GATEWAY_TIMEOUT_MS[t.value.via as SyncVia];
    const fn = functions.get(t.value.target);
    if (cut === undefined || fn === undefined || fn.bad.has('timeout')) continue;
    if (fn.value.timeoutMs > cut) {
      report.warning(
        [...t.path, 'via'],
        `${t.value.via} cuts requests at ${formatDuration(cut)} but functions.${fn.value.name}.timeout is ${formatDuration(fn.value.timeoutMs)}: callers get a 504 while the function runs on (and is billed)`,
      );
    }
  }
};
