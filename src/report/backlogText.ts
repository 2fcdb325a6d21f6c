/**
 * The warning of a run whose queue or stream consumer is not keeping up: a backlog still growing
 * at the end of the window with at least GROWING_BACKLOG_WARN_SHARE of the window's messages or
 * records waiting (results/growingBacklogs.ts). The run's averages (latency, duration, cost per
 * request) cover what was processed and look fine; this says the rest is piling up. For the
 * printed summary and the report's Summary section. Pure.
 */
import {
  GROWING_BACKLOG_WARN_SHARE,
  type GrowingBacklog,
  growingBacklogs,
  type Summary,
} from '../results/index.ts';
import { formatCount, formatMs, formatPercent } from './format.ts';

const perSecond = (n: number, windowMs: number): string => {
  const rate = n / (windowMs / 1000);
  return rate >= 10 ? formatCount(Math.round(rate)) : String(Number(rate.toPrecision(2)));
};

function warning(b: GrowingBacklog, windowMs: number): string {
  const what = b.kind === 'sqs-queue' ? 'SQS queue' : 'stream';
  const unit = b.kind === 'sqs-queue' ? 'messages' : 'records';
  const by = b.consumers.length > 0 ? ` by ${b.consumers.join(', ')}` : '';
  return (
    `⚠ ${what} ${b.resource} is not keeping up: its backlog grew to the end of the window, ` +
    `${formatCount(b.waitingAtEnd)} ${unit} waiting (${formatPercent(b.shareOfArrivals)} of the ` +
    `${formatCount(b.arrived)} that arrived; ${perSecond(b.processed, windowMs)}/s processed${by} of ` +
    `${perSecond(b.arrived, windowMs)}/s arriving; oldest ${formatMs(b.maxAgeMs)}). The averages cover only what ` +
    'was processed, and a longer window would show the wait growing (README, lamsim plan: the age ' +
    'passes an objective after about objective × capacity / (arrivals − capacity)).'
  );
}

/** One warning per queue or stream consumer not keeping up, in resource order (none: empty). */
export function growingBacklogWarnings(summary: Summary): string[] {
  return growingBacklogs(summary)
    .filter((b) => b.shareOfArrivals >= GROWING_BACKLOG_WARN_SHARE)
    .map((b) => warning(b, summary.window.durationMs));
}
