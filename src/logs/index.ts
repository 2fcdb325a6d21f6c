/**
 * CloudWatch Logs of Lambda functions -> one stream of platform entries (REPORT, START,
 * INIT_START / RESTORE_START, timeouts) per file, whatever the export shape, with the problems found. Pure: the
 * I/O layer reads the files. `corpus.ts` merges files into one function's invocations.
 */
export {
  type Corpus,
  type CorpusOptions,
  functionsInLogs,
  type Invocation,
  mergeLogFiles,
  type RuntimeVersionSeen,
} from './corpus.ts';
export { type DocumentError, isDocumentError, readLogFile } from './readLogFile.ts';
export type {
  InitStart,
  InvocationReport,
  InvocationStart,
  LogEntry,
  LogFile,
  LogFormat,
  LogProblem,
  SourcedEntry,
} from './records.ts';
export { parseIsoTimestampMs, parseTimestampMs } from './timestamp.ts';
