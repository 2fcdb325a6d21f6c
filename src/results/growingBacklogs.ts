/**
 * Queues and streams whose consumers did not keep up: the backlog still growing when the window
 * ended. Averages over a window hide it (a consumer that drains 727 of 853 records a second looks
 * fine for minutes; README, `lamsim plan`'s rule of thumb), so `run` warns and `tune` counts it as
 * a failed constraint (the SLO metric `backlogAtEnd`). Pure.
 *
 * A backlog (SQS: messages visible, ApproximateNumberOfMessagesVisible; streams: records not yet
 * read by the consumer) *grew over the run* when at the end it is at least
 * GROWING_BACKLOG_PEAK_SHARE of its peak (it had not started to drain) and at least
 * GROWING_BACKLOG_MEAN_RATIO times its time-weighted mean (it is not a level it held all along: a
 * backlog growing steadily from zero ends at twice its mean). A backlog that drained after a burst
 * ends below its peak and is not growing.
 */
import type { Summary } from './summary.ts';

/** The end of a growing backlog is at least this share of its peak. */
export const GROWING_BACKLOG_PEAK_SHARE = 0.9;
/** ... and at least this many times its mean over the window. */
export const GROWING_BACKLOG_MEAN_RATIO = 1.5;
/**
 * A growing backlog worth a warning (and tune's default bound on `backlogAtEnd`): at least this
 * share of the window's messages or records still waiting at its end.
 */
export const GROWING_BACKLOG_WARN_SHARE = 0.01;

export interface GrowingBacklog {
  /** The queue or stream. */
  readonly resource: string;
  readonly kind: 'sqs-queue' | 'stream';
  /** Functions reading it (a stream: the consumer whose backlog this is). */
  readonly consumers: readonly string[];
  /** Messages sent to the queue, or records written to the stream, in the window. */
  readonly arrived: number;
  /** Messages or records processed in the window (deleted; read and processed). */
  readonly processed: number;
  /** Waiting at the end of the window (visible messages; records not yet read). */
  readonly waitingAtEnd: number;
  /** `waitingAtEnd / arrived`. */
  readonly shareOfArrivals: number;
  /** Largest age of the oldest message (iterator age), ms. */
  readonly maxAgeMs: number;
}

const grew = (atEnd: number, backlog: { readonly peak: number; readonly mean: number }): boolean =>
  atEnd > 0 &&
  atEnd >= GROWING_BACKLOG_PEAK_SHARE * backlog.peak &&
  atEnd >= GROWING_BACKLOG_MEAN_RATIO * backlog.mean;

/** Every queue and stream consumer of the run whose backlog grew to the end, in resource order. */
export function growingBacklogs(summary: Summary): GrowingBacklog[] {
  const out: GrowingBacklog[] = [];
  for (const [name, r] of Object.entries(summary.resources)) {
    if (r.type === 'sqs-queue') {
      if (r.sent === 0 || !grew(r.visibleAtEnd, r.backlog)) continue;
      out.push({
        resource: name,
        kind: 'sqs-queue',
        consumers: Object.keys(r.consumers),
        arrived: r.sent,
        processed: r.deleted,
        waitingAtEnd: r.visibleAtEnd,
        shareOfArrivals: r.visibleAtEnd / r.sent,
        maxAgeMs: r.maxAgeMs,
      });
    } else if (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream') {
      for (const [fn, c] of Object.entries(r.consumers)) {
        if (c.records === 0 || !grew(c.waitingAtEnd, c.backlog)) continue;
        out.push({
          resource: name,
          kind: 'stream',
          consumers: [fn],
          arrived: c.records,
          processed: c.processed,
          waitingAtEnd: c.waitingAtEnd,
          shareOfArrivals: c.waitingAtEnd / c.records,
          maxAgeMs: c.iteratorAgeMs.max,
        });
      }
    }
  }
  return out;
}

/** Whether the run has a queue or stream read by a function (else `backlogAtEnd` is not measured). */
export function hasConsumedBacklogs(summary: Summary): boolean {
  return Object.values(summary.resources).some(
    (r) =>
      (r.type === 'sqs-queue' || r.type === 'kinesis-stream' || r.type === 'dynamodb-stream') &&
      Object.keys(r.consumers).length > 0,
  );
}
