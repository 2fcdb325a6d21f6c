/**
 * What the log readers produce: one stream of entries per file, whatever the export shape
 * (filter-log-events JSON, `aws logs tail` text, JSON lines, Logs Insights CSV), and the problems
 * found on the way. Times are epoch milliseconds (UTC); durations milliseconds; sizes MB, as the
 * REPORT line writes them. Pure data.
 */

/** One invocation's REPORT line (text format) or `platform.report` record (JSON format). */
export interface InvocationReport {
  readonly kind: 'report';
  /** When the REPORT was logged: the end of the invocation (epoch ms). */
  readonly timestampMs: number;
  readonly requestId: string;
  /** The handler's time (`Duration`): INIT excluded. */
  readonly durationMs: number;
  /** `Billed Duration`: rounded up, and INIT included where AWS bills it. */
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  /** `Max Memory Used` (absent from some copies). */
  readonly maxMemoryUsedMb?: number;
  /** `Init Duration`: present on a cold start. */
  readonly initDurationMs?: number;
  /** `Restore Duration` / `Billed Restore Duration`: a SnapStart cold start. */
  readonly restoreDurationMs?: number;
  readonly billedRestoreDurationMs?: number;
  /** `Status` (`success`, `error`, `failure`, `timeout`) where the log says it. */
  readonly status?: string;
}

/** `START RequestId: ...` or `platform.start`: the handler began (after INIT on a cold start). */
export interface InvocationStart {
  readonly kind: 'start';
  readonly timestampMs: number;
  readonly requestId: string;
}

/**
 * An execution environment starting: `INIT_START Runtime Version: ...` or `platform.initStart`, or,
 * for a SnapStart function resumed from its snapshot, `RESTORE_START Runtime Version: ...` or
 * `platform.restoreStart` (which its logs hold instead). Names the runtime (and function).
 */
export interface InitStart {
  readonly kind: 'initStart';
  /** `init`: INIT_START (platform.initStart); `restore`: RESTORE_START (platform.restoreStart). */
  readonly phase: 'init' | 'restore';
  readonly timestampMs: number;
  /** e.g. `nodejs:20.v13`, `python:3.12.v16`. */
  readonly runtimeVersion?: string;
  readonly functionName?: string;
  /**
   * How the environment was initialized, JSON format only (`record.initializationType`:
   * `on-demand`, `provisioned-concurrency`, `snap-start`); the text INIT_START line does not say.
   */
  readonly initializationType?: string;
}

/** `Task timed out after 3.00 seconds`: the function's timeout. */
export interface TimeoutNotice {
  readonly kind: 'timeout';
  readonly timestampMs: number;
  readonly timeoutMs: number;
}

export type LogEntry = InvocationReport | InvocationStart | InitStart | TimeoutNotice;

/** Where an entry came from: the log stream (one per execution environment) and function. */
export interface EntrySource {
  readonly stream?: string;
  /** From a log group name (`/aws/lambda/NAME`), a function ARN or the JSON format's functionName. */
  readonly functionName?: string;
}

export type SourcedEntry = LogEntry & EntrySource & { readonly line: number };

/** A line (or event) that looked like a Lambda platform line but could not be read. */
export interface LogProblem {
  readonly file: string;
  /** 1-based line in the file where the event starts. */
  readonly line: number;
  readonly message: string;
  /** The start of the offending text, escaped (JSON string syntax) and shortened. */
  readonly excerpt: string;
}

export type LogFormat =
  | 'filter-log-events JSON'
  | 'get-log-events JSON'
  | 'subscription payload JSON'
  | 'subscription payloads (Firehose)'
  | 'Logs Insights JSON'
  | 'Logs Insights query results JSON'
  | 'text lines without timestamps'
  | 'log events JSON lines'
  | 'Lambda JSON log lines'
  | 'text lines'
  | 'Logs Insights CSV';

/**
 * The export shapes the readers take, for messages that name them (a file read as none of them, or
 * holding no REPORT, gets this list).
 */
export const SUPPORTED_FORMATS =
  "'aws logs filter-log-events' or 'get-log-events' JSON, subscription-filter payloads (one, or many as Firehose writes them to S3), " +
  "'aws logs tail' output, text lines starting with an ISO time, JSON lines (log events or Lambda's JSON-format records), " +
  "Logs Insights results with @timestamp and @message (CSV or JSON download, 'aws logs get-query-results')";

/** One file, read. */
export interface LogFile {
  readonly file: string;
  readonly format: LogFormat;
  readonly entries: readonly SourcedEntry[];
  /** Events read (lines for text; events for JSON and CSV), Lambda's or the application's. */
  readonly events: number;
  readonly problems: readonly LogProblem[];
  /** Events or lines dropped because they carried no timestamp: a log without times cannot give traffic. */
  readonly untimed: number;
}

const EXCERPT_CHARS = 80;

/** A short, escaped excerpt of `text` for a problem message. */
export function excerptOf(text: string): string {
  const cut = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return JSON.stringify(cut);
}
