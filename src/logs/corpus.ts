/**
 * Several files of logs (several exports, several log streams) of one function -> its invocations,
 * in arrival order. Pure.
 *
 * - Function: entries name their function through the log group, a function ARN or the JSON
 *   format's functionName; one that does not inherits the name from its request id or log stream
 *   (one stream is one execution environment of one function). More than one function without
 *   `function` to pick one is an error naming them; entries that name no function at all are kept
 *   (a file of one function's export says nothing about it), taken as the one function the other
 *   files or `function` name, and refused beside several (unnamedReports.ts).
 * - The same REPORT read twice (overlapping exports) counts once: same request id and Duration, times
 *   less than a second apart (one export may keep whole seconds only, `aws logs tail --format
 *   short`). A request id alone is not enough: Lambda's retries of an asynchronous event that failed
 *   or timed out run under the same request id (AWS knowledge center, "Why is my Lambda function
 *   receiving duplicate invocations?"), a minute or more apart, each with its own REPORT.
 * - The handler started at the request's START (the latest one not after its REPORT), else at the
 *   REPORT's time minus its Duration. The request arrived that much earlier again on a cold start:
 *   INIT (or a SnapStart restore) runs before START.
 */
import { err, ok, type Result } from '../result.ts';
import {
  type InvocationReport,
  type LogFile,
  type LogFormat,
  type LogProblem,
  type SourcedEntry,
  SUPPORTED_FORMATS,
} from './records.ts';
import { unnamedAmongSeveral, unnamedWarnings } from './unnamedReports.ts';

export interface Invocation {
  /** When the request reached the function: handler start minus INIT / restore on a cold start. */
  readonly arrivalMs: number;
  /** When the handler started (START, or REPORT time minus Duration). */
  readonly handlerStartMs: number;
  readonly report: InvocationReport;
  /** The log stream: one per execution environment (undefined when the export dropped it). */
  readonly stream?: string;
}

export interface CorpusOptions {
  /** Keep only this function's logs. */
  readonly function?: string;
}

export interface FileSummary {
  readonly file: string;
  readonly format: LogFormat;
  readonly events: number;
  readonly reports: number;
}

export interface RuntimeVersionSeen {
  readonly count: number;
  readonly phase: 'init' | 'restore';
}

export interface Corpus {
  /** Ascending arrival time (ties: log order). At least one. */
  readonly invocations: readonly Invocation[];
  /** The function the logs name (undefined when none does). */
  readonly functionName?: string;
  /**
   * Runtime versions `INIT_START` or (SnapStart) `RESTORE_START` lines name (`nodejs:20.v13`), with
   * how often and the phase whose line named each first.
   */
  readonly runtimeVersions: ReadonlyMap<string, RuntimeVersionSeen>;
  /**
   * Environments initialized as provisioned concurrency (`platform.initStart` with
   * `initializationType: provisioned-concurrency`; distinct log streams, else records): 0 when none
   * is logged, and always for text logs, whose INIT_START does not say.
   */
  readonly provisionedInits: number;
  /** Timeouts the runtime reported (`Task timed out after N seconds`), in ms. */
  readonly timeoutsMs: readonly number[];
  readonly files: readonly FileSummary[];
  readonly problems: readonly LogProblem[];
  /** REPORTs read more than once (overlapping exports), dropped. */
  readonly duplicates: number;
  /** Platform lines without a time (a copy that lost its timestamps), dropped. */
  readonly untimed: number;
  /** START lines whose request has no REPORT (the export ended mid-request), ignored. */
  readonly unmatchedStarts: number;
  /**
   * Regions whose Lambda@Edge replica logs these are (log group `/aws/lambda/REGION.NAME`, named NAME
   * here), sorted; empty for a regional function.
   */
  readonly edgeRegions: readonly string[];
  /** What the user should know about how the files were merged (unnamed REPORTs, see unnamedReports.ts). */
  readonly warnings: readonly string[];
}

/** The functions the logs name, with their REPORT counts (entries inherit names as mergeLogFiles says). */
export function functionsInLogs(files: readonly LogFile[]): Map<string, number> {
  return namesOf(files.flatMap((f) => f.entries)).named;
}

/**
 * Lambda@Edge runs replicas of a function in the regions near its viewers, each logging to
 * `/aws/lambda/REGION.NAME` in that region (AWS docs, "Lambda@Edge CloudWatch metrics and logs"):
 * `us-east-1.my-edge-fn` is a replica of `my-edge-fn`.
 */
const EDGE_REPLICA = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.([\w-]+)$/;

/** The function a logged name stands for, and the region when it is a Lambda@Edge replica's. */
export function edgeReplicaOf(name: string): { functionName: string; region?: string } {
  const m = EDGE_REPLICA.exec(name);
  return m ? { functionName: m[2], region: m[1] } : { functionName: name };
}

function namesOf(all: readonly SourcedEntry[]): {
  named: Map<string, number>;
  functionOf: (e: SourcedEntry) => string | undefined;
  /** Lambda@Edge replica regions of each function. */
  edgeRegions: Map<string, Set<string>>;
} {
  const byRequest = new Map<string, string>();
  const byStream = new Map<string, string>();
  const regions = new Map<string, Set<string>>();
  const own = new Map<string, string>();
  const nameOf = (logged: string): string => {
    const known = own.get(logged);
    if (known !== undefined) return known;
    const replica = edgeReplicaOf(logged);
    if (replica.region !== undefined) {
      const set = regions.get(replica.functionName) ?? new Set<string>();
      regions.set(replica.functionName, set.add(replica.region));
    }
    own.set(logged, replica.functionName);
    return replica.functionName;
  };
  for (const e of all) {
    if (e.functionName === undefined) continue;
    const fn = nameOf(e.functionName);
    if (e.kind === 'report' || e.kind === 'start') byRequest.set(e.requestId, fn);
    if (e.stream !== undefined) byStream.set(e.stream, fn);
  }
  const functionOf = (e: SourcedEntry): string | undefined =>
    (e.functionName !== undefined ? nameOf(e.functionName) : undefined) ??
    (e.kind === 'report' || e.kind === 'start' ? byRequest.get(e.requestId) : undefined) ??
    (e.stream !== undefined ? byStream.get(e.stream) : undefined);
  const named = new Map<string, number>();
  for (const e of all) {
    const fn = functionOf(e);
    if (fn !== undefined && e.kind === 'report') named.set(fn, (named.get(fn) ?? 0) + 1);
  }
  return { named, functionOf, edgeRegions: regions };
}

export function mergeLogFiles(files: readonly LogFile[], given: CorpusOptions = {}): Result<Corpus, string> {
  // `--function us-east-1.my-edge-fn` (the log group's name) means the function my-edge-fn.
  const options: CorpusOptions =
    given.function === undefined ? given : { ...given, function: edgeReplicaOf(given.function).functionName };
  // Among several files, one without a single REPORT is not logs of a function (an unsupported
  // shape read as something else, or a file given by mistake): refuse it rather than count it as
  // zero invocations.
  if (files.length > 1) {
    const empty = files.filter((f) => !f.entries.some((e) => e.kind === 'report'));
    if (empty.length > 0) return err(empty.map(noReportInFileMessage).join('\n'));
  }
  const all = files.flatMap((f) => f.entries);
  const { named, functionOf, edgeRegions } = namesOf(all);
  if (options.function !== undefined && named.size > 0 && !named.has(options.function)) {
    return err(
      `--function ${options.function}: the logs hold no REPORT of it; they hold ${listFunctions(named)}`,
    );
  }
  if (options.function === undefined && named.size > 1) {
    return err(
      `the logs hold more than one function (${listFunctions(named)}): pick one with --function NAME`,
    );
  }
  const unnamed = files
    .map((f) => ({
      file: f.file,
      reports: f.entries.filter(isReport).filter((e) => functionOf(e) === undefined),
    }))
    .filter((u) => u.reports.length > 0);
  if (unnamed.length > 0 && named.size > 1) return err(unnamedAmongSeveral(unnamed, [...named.keys()]));
  const namedFunction = options.function ?? (named.size === 1 ? [...named.keys()][0] : undefined);
  const warnings = unnamedWarnings(
    unnamed,
    namedFunction,
    all.filter(isReport).filter((e) => namedFunction !== undefined && functionOf(e) === namedFunction),
  );
  const keep = (e: SourcedEntry): boolean => {
    if (options.function === undefined) return true;
    const fn = functionOf(e);
    return fn === undefined || fn === options.function;
  };
  const entries = all.filter(keep);
  const starts = new Map<string, number[]>();
  const runtimeVersions = new Map<string, RuntimeVersionSeen>();
  const timeoutsMs: number[] = [];
  const provisioned = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'initStart' && e.initializationType === 'provisioned-concurrency') {
      provisioned.add(e.stream ?? `${e.line}:${e.timestampMs}`);
    }
    if (e.kind === 'start') {
      const list = starts.get(e.requestId);
      if (list) list.push(e.timestampMs);
      else starts.set(e.requestId, [e.timestampMs]);
    } else if (e.kind === 'initStart' && e.runtimeVersion !== undefined) {
      const seen = runtimeVersions.get(e.runtimeVersion);
      runtimeVersions.set(e.runtimeVersion, { count: (seen?.count ?? 0) + 1, phase: seen?.phase ?? e.phase });
    } else if (e.kind === 'timeout') timeoutsMs.push(e.timeoutMs);
  }
  /** Times of the REPORTs kept, by request id and Duration. */
  const seen = new Map<string, number[]>();
  const matched = new Set<string>();
  let duplicates = 0;
  const invocations: Invocation[] = [];
  for (const e of entries) {
    if (e.kind !== 'report') continue;
    const key = `${e.requestId}|${e.durationMs}`;
    const times = seen.get(key);
    if (times?.some((t) => Math.abs(t - e.timestampMs) < SAME_REPORT_WITHIN_MS)) {
      duplicates++;
      continue;
    }
    if (times) times.push(e.timestampMs);
    else seen.set(key, [e.timestampMs]);
    const start = latestStartNotAfter(starts.get(e.requestId), e.timestampMs);
    if (start !== undefined) matched.add(e.requestId);
    const handlerStartMs = start ?? e.timestampMs - e.durationMs;
    const arrivalMs = handlerStartMs - (e.initDurationMs ?? 0) - (e.restoreDurationMs ?? 0);
    const { line: _line, stream, functionName: _fn, ...report } = e;
    invocations.push({ arrivalMs, handlerStartMs, report, ...(stream !== undefined ? { stream } : {}) });
  }
  const summaries = files.map((f) => ({
    file: f.file,
    format: f.format,
    events: f.events,
    reports: f.entries.filter((e) => e.kind === 'report' && keep(e)).length,
  }));
  const problems = files.flatMap((f) => f.problems);
  const untimed = files.reduce((sum, f) => sum + f.untimed, 0);
  if (invocations.length === 0) return err(noReportsMessage(files, untimed, options.function));
  // Stable sort: equal arrivals keep log order.
  invocations.sort((a, b) => a.arrivalMs - b.arrivalMs);
  const functionName = options.function ?? (named.size === 1 ? [...named.keys()][0] : undefined);
  let unmatchedStarts = 0;
  for (const id of starts.keys()) if (!matched.has(id)) unmatchedStarts++;
  return ok({
    invocations,
    ...(functionName !== undefined ? { functionName } : {}),
    runtimeVersions,
    provisionedInits: provisioned.size,
    edgeRegions: functionName === undefined ? [] : [...(edgeRegions.get(functionName) ?? [])].sort(),
    timeoutsMs,
    files: summaries,
    problems,
    duplicates,
    untimed,
    unmatchedStarts,
    warnings,
  });
}

const isReport = (e: SourcedEntry): e is InvocationReport & SourcedEntry => e.kind === 'report';

/** Two REPORTs of one request id and Duration this close are one REPORT read twice (see the header). */
const SAME_REPORT_WITHIN_MS = 1000;

function latestStartNotAfter(times: readonly number[] | undefined, limitMs: number): number | undefined {
  if (!times) return undefined;
  let best: number | undefined;
  for (const t of times) if (t <= limitMs && (best === undefined || t > best)) best = t;
  return best;
}

function listFunctions(named: ReadonlyMap<string, number>): string {
  return [...named.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => `${name} (${n} REPORTs)`)
    .join(', ');
}

function readAs(f: LogFile): string {
  return `read as ${f.format}, ${f.events} ${f.events === 1 ? 'event' : 'events'}`;
}

function noReportInFileMessage(f: LogFile): string {
  return `${f.file}: no REPORT line in this file (${readAs(f)}): every log file must hold REPORT lines (or platform.report records) of the function; lamsim reads ${SUPPORTED_FORMATS}`;
}

function noReportsMessage(files: readonly LogFile[], untimed: number, fn: string | undefined): string {
  const read = files
    .map((f) => `${f.file} (${f.format}, ${f.events} ${f.events === 1 ? 'event' : 'events'})`)
    .join(', ');
  const why =
    untimed > 0
      ? `; ${untimed} platform lines had no timestamp (export with 'aws logs filter-log-events' or 'aws logs tail', which keep each event's time)`
      : '';
  const of = fn === undefined ? '' : ` of ${fn}`;
  return `no REPORT lines${of} in ${read}: calibrate needs the REPORT line (or platform.report record) Lambda writes after every invocation${why}; lamsim reads ${SUPPORTED_FORMATS}`;
}
