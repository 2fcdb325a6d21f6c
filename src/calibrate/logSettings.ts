/**
 * Settings the logs show for a function besides its distributions: the runtime (INIT_START's
 * runtime version) and the timeout (the runtime's "Task timed out after N seconds", else the
 * Duration of the REPORTs whose Status is `timeout`), each with the reason the scenario's comment
 * gives; and the provisioned concurrency the JSON format's platform.initStart shows. Pure.
 */
import type { Corpus } from '../logs/index.ts';
import { counted, humanMs } from './describe.ts';
import type { Observed } from './observed.ts';
import { runtimeOfVersion } from './runtime.ts';

/** AWS's default timeout (Lambda CreateFunction API: Timeout default 3 seconds). */
const DEFAULT_TIMEOUT_MS = 3000;

/**
 * The runtime: the option, else the one INIT_START (a SnapStart function: RESTORE_START) names most
 * often; `assumed` when neither names one lamsim knows.
 */
export function runtimeOf(
  corpus: Corpus,
  option: string | undefined,
): { id: string; from: string; assumed: boolean } {
  if (option !== undefined) return { id: option, from: 'from --runtime', assumed: false };
  const versions = [...corpus.runtimeVersions.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [version, seen] of versions) {
    const id = runtimeOfVersion(version);
    const line = seen.phase === 'restore' ? 'RESTORE_START' : 'INIT_START';
    if (id) return { id, from: `from ${line}: runtime version ${version}`, assumed: false };
  }
  const seen =
    versions.length > 0
      ? ` (they name ${versions.map(([v]) => v).join(', ')}, which lamsim does not know)`
      : '';
  return {
    id: 'nodejs22.x',
    from: `⚠ assumed: the logs name no runtime lamsim knows${seen}; pass --runtime (INIT is fitted to the logs either way)`,
    assumed: true,
  };
}

/** A timeout the logs show, and how they show it (for the scenario's comment). */
export interface LoggedTimeout {
  readonly ms: number;
  readonly why: string;
}

/**
 * The function's timeout as the logs show it, undefined when they show none:
 * - the runtime's `Task timed out after N seconds` line (the most frequent N);
 * - else the REPORTs whose Status is `timeout` (text `Status: timeout`, JSON `platform.report`
 *   `record.status: "timeout"`; AWS's Telemetry API Status values are success, failure, error and
 *   timeout): such an invocation ran until the timeout cut it, so its Duration is the timeout, which
 *   Lambda sets in whole seconds (rounded to the nearest; the most frequent). This is all a Logs
 *   Insights `filter @type = "REPORT"` export keeps.
 */
export function loggedTimeout(corpus: Corpus): LoggedTimeout | undefined {
  const fromLines = mostFrequent(corpus.timeoutsMs);
  if (fromLines !== undefined) {
    return {
      ms: fromLines,
      why: `${counted(corpus.timeoutsMs.length, 'invocation')} logged "Task timed out after ${fromLines / 1000} seconds"`,
    };
  }
  const timedOut = corpus.invocations.filter((v) => v.report.status === 'timeout');
  const seconds = mostFrequent(timedOut.map((v) => Math.max(1, Math.round(v.report.durationMs / 1000))));
  if (seconds === undefined) return undefined;
  return {
    ms: seconds * 1000,
    why: `${counted(timedOut.length, 'REPORT')} with Status timeout after a Duration of ${seconds} s`,
  };
}

/** The most frequent value (the first seen among equals), undefined for none. */
function mostFrequent(values: readonly number[]): number | undefined {
  const byValue = new Map<number, number>();
  for (const v of values) byValue.set(v, (byValue.get(v) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const entry of byValue) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

export function timeoutOf(corpus: Corpus, observed: Observed): { text: string; why: string } {
  const logged = loggedTimeout(corpus);
  if (logged) return { text: `${Number((logged.ms / 1000).toPrecision(6))}s`, why: logged.why };
  const longest = observed.durationsMs[observed.durationsMs.length - 1];
  if (longest < DEFAULT_TIMEOUT_MS) {
    return {
      text: '3s',
      why: `⚠ assumed: AWS's default; no timeout logged, the longest Duration was ${humanMs(longest)}`,
    };
  }
  const seconds = Math.min(900, Math.ceil(longest / 1000) + 1);
  return {
    text: `${seconds}s`,
    why: `⚠ assumed: no timeout logged; above the longest Duration, ${humanMs(longest)}`,
  };
}

/** The comment on a provisionedConcurrency the logs show (logs only, or a template that provisions none). */
export function provisionedWhy(n: number): string {
  return `⚠ ${counted(n, 'environment')} initialized as provisioned concurrency in the logs (platform.initStart initializationType); the configured count and any schedule are not logged (a recycled environment counts again): check it`;
}

export function provisionedWarning(n: number): string {
  return `the logs show ${counted(n, 'environment')} initialized as provisioned concurrency: the scenario provisions ${n}, which the logs cannot confirm (the configured count and its schedule are not logged); set provisionedConcurrency to the configured value`;
}
