/**
 * Settings the logs show for a function besides its distributions: the runtime (INIT_START's
 * runtime version) and the timeout (the runtime's "Task timed out after N seconds"), each with the
 * reason the scenario's comment gives. Pure.
 */
import type { Corpus } from '../logs/index.ts';
import { count, humanMs } from './describe.ts';
import type { Observed } from './observed.ts';
import { runtimeOfVersion } from './runtime.ts';

/** AWS's default timeout (Lambda CreateFunction API: Timeout default 3 seconds). */
const DEFAULT_TIMEOUT_MS = 3000;

/** The runtime: the option, else the one INIT_START names; `assumed` when neither names one lamsim knows. */
export function runtimeOf(
  corpus: Corpus,
  option: string | undefined,
): { id: string; from: string; assumed: boolean } {
  if (option !== undefined) return { id: option, from: 'from --runtime', assumed: false };
  const versions = [...corpus.runtimeVersions.entries()].sort((a, b) => b[1] - a[1]);
  for (const [version] of versions) {
    const id = runtimeOfVersion(version);
    if (id) return { id, from: `from INIT_START: runtime version ${version}`, assumed: false };
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

export function timeoutOf(corpus: Corpus, observed: Observed): { text: string; why: string } {
  if (corpus.timeoutsMs.length > 0) {
    const byValue = new Map<number, number>();
    for (const t of corpus.timeoutsMs) byValue.set(t, (byValue.get(t) ?? 0) + 1);
    const [ms] = [...byValue.entries()].sort((a, b) => b[1] - a[1])[0];
    return {
      text: `${Number((ms / 1000).toPrecision(6))}s`,
      why: `${count(corpus.timeoutsMs.length)} invocations logged "Task timed out after ${ms / 1000} seconds"`,
    };
  }
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
