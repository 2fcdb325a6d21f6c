/**
 * What every export reader shares: a collector that turns (message, time, source, line) into the
 * file's entries, problems and counts. Pure.
 */
import { readMessage } from './message.ts';
import { excerptOf, type LogFile, type LogFormat, type LogProblem, type SourcedEntry } from './records.ts';

export class FileCollector {
  private readonly entries: SourcedEntry[] = [];
  private readonly problems: LogProblem[] = [];
  private events = 0;
  private untimed = 0;

  constructor(private readonly file: string) {}

  /** One log event: its message, time (undefined if the export gave none), source and first line. */
  event(
    message: string,
    timestampMs: number | undefined,
    line: number,
    source: { stream?: string; functionName?: string } = {},
  ): void {
    this.events++;
    const read = readMessage(message, timestampMs);
    if (read.kind === 'entry') {
      const functionName = read.entry.functionName ?? source.functionName;
      this.entries.push({
        ...read.entry,
        line,
        ...(source.stream !== undefined ? { stream: source.stream } : {}),
        ...(functionName !== undefined ? { functionName } : {}),
      });
    } else if (read.kind === 'problem') this.problem(line, read.why, message);
    else if (read.kind === 'untimed') this.untimed++;
  }

  /** An event the reader itself could not take apart (no message, a bad time, bad JSON). */
  problem(line: number, message: string, text: string): void {
    this.problems.push({ file: this.file, line, message, excerpt: excerptOf(text.trim()) });
  }

  /** Counts an event that was not a message at all (a bad line); `problem` says why. */
  countEvent(): void {
    this.events++;
  }

  finish(format: LogFormat): LogFile {
    return {
      file: this.file,
      format,
      entries: this.entries,
      events: this.events,
      problems: this.problems,
      untimed: this.untimed,
    };
  }
}

/** `NAME` of a Lambda log group `/aws/lambda/NAME` (or `ACCOUNT:/aws/lambda/NAME`), else undefined. */
export function functionOfLogGroup(group: unknown): string | undefined {
  if (typeof group !== 'string') return undefined;
  return /\/aws\/lambda\/([^/\s]+)$/.exec(group)?.[1];
}
