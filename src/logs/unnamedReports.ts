/**
 * REPORTs that name no function: `aws logs filter-log-events`, `get-log-events` and `aws logs tail`
 * output do not carry the log group, so nothing in such a file says whose logs they are (a REPORT
 * that shares its request id or log stream with a named entry inherits that name first, see
 * corpus.ts). Pure.
 *
 * - Beside the REPORTs of several named functions they could be anyone's: refused.
 * - Beside one named function (or the one `--function` names), they are taken as its, and a warning
 *   says so.
 * - Whatever they join, a file whose REPORTs look like another function's is warned about: its most
 *   frequent Memory Size differs from the rest's, or, over the same time, its median Duration is more
 *   than twice (or less than half) the rest's with at least 30 REPORTs on each side (the median of 30
 *   draws of a lognormal with sigma 0.6 is within about 15% of the true one, so a factor of 2 is no
 *   chance; one function's environments serve the same code at the same time). Two exports of
 *   different functions with the same memory and durations are not told apart.
 */
import type { InvocationReport } from './records.ts';

/** One file's REPORTs that name no function. */
export interface UnnamedReports {
  readonly file: string;
  readonly reports: readonly InvocationReport[];
}

/** Fewest REPORTs on each side for the median Duration comparison. */
const MIN_REPORTS_FOR_MEDIAN = 30;
/** Median Durations further apart than this factor say two functions. */
const MEDIAN_RATIO = 2;

const noun = (n: number): string => `${n} REPORT${n === 1 ? '' : 's'}`;

/** The refusal when unnamed REPORTs sit beside several named functions, one line per file. */
export function unnamedAmongSeveral(
  unnamed: readonly UnnamedReports[],
  functions: readonly string[],
): string {
  return unnamed
    .map(
      (u) =>
        `${u.file}: its ${noun(u.reports.length)} name no function (this export does not carry the log group) and the other logs hold several functions (${functions.join(', ')}): lamsim cannot tell whose they are; calibrate this file on its own, or export it with its log group (Logs Insights with @log, a subscription payload, log events JSON lines with logGroupName)`,
    )
    .join('\n');
}

/**
 * Warnings for unnamed REPORTs joined to `fn` (undefined: no file names one) beside `named`, the
 * REPORTs of files that do name it.
 */
export function unnamedWarnings(
  unnamed: readonly UnnamedReports[],
  fn: string | undefined,
  named: readonly InvocationReport[],
): string[] {
  const warnings: string[] = [];
  if (fn !== undefined && named.length > 0) {
    for (const u of unnamed) {
      warnings.push(
        `${u.file}: its ${noun(u.reports.length)} name no function (this export does not carry the log group): taken as ${fn}'s, the function the other logs name`,
      );
    }
  }
  const groups: UnnamedReports[] = [...unnamed];
  if (named.length > 0) groups.push({ file: `${fn}'s named logs`, reports: named });
  if (groups.length < 2) return warnings;
  for (const [i, g] of groups.entries()) {
    if (i === groups.length - 1 && named.length > 0) break; // the named logs are the reference
    const rest = groups.filter((_, j) => j !== i).flatMap((o) => o.reports);
    const why = differences(g.reports, rest);
    if (why !== undefined) {
      warnings.push(
        `${g.file}: its REPORTs look like another function's (${why}): if they are, calibrate each function's logs on their own`,
      );
    }
  }
  return warnings;
}

/** Why `a` and `b` look like two functions, or undefined. */
function differences(a: readonly InvocationReport[], b: readonly InvocationReport[]): string | undefined {
  const ma = mostFrequentMemory(a);
  const mb = mostFrequentMemory(b);
  if (ma !== mb) return `Memory Size ${ma} MB, the other logs' ${mb} MB`;
  const overlap =
    Math.max(first(a), first(b)) < Math.min(last(a), last(b)) &&
    a.length >= MIN_REPORTS_FOR_MEDIAN &&
    b.length >= MIN_REPORTS_FOR_MEDIAN;
  if (!overlap) return undefined;
  const da = medianDuration(a);
  const db = medianDuration(b);
  if (da > 0 && db > 0 && Math.max(da / db, db / da) > MEDIAN_RATIO) {
    return `median Duration ${round(da)} ms over the same time as the other logs' ${round(db)} ms`;
  }
  return undefined;
}

const round = (ms: number): number => Number(ms.toPrecision(3));
const first = (r: readonly InvocationReport[]): number =>
  r.reduce((m, x) => Math.min(m, x.timestampMs), Number.POSITIVE_INFINITY);
const last = (r: readonly InvocationReport[]): number =>
  r.reduce((m, x) => Math.max(m, x.timestampMs), Number.NEGATIVE_INFINITY);

function mostFrequentMemory(reports: readonly InvocationReport[]): number {
  const byMb = new Map<number, number>();
  for (const r of reports) byMb.set(r.memorySizeMb, (byMb.get(r.memorySizeMb) ?? 0) + 1);
  let best = [0, -1];
  for (const [mb, n] of byMb) if (n > best[1] || (n === best[1] && mb > best[0])) best = [mb, n];
  return best[0];
}

function medianDuration(reports: readonly InvocationReport[]): number {
  const sorted = reports.map((r) => r.durationMs).sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
