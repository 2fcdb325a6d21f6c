/**
 * Ranges of messaging resources that need a unit conversion: an SQS queue's visibility timeout is
 * 0 s..12 h and its retention 60 s..14 d (SQS API reference, SetQueueAttributes); a Kinesis stream's
 * retention is 24 h..365 d (Kinesis API reference, IncreaseStreamRetentionPeriod).
 */
import { formatDuration } from '../quantities.ts';
import { type Rule, trusted } from './rule.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const messagingLimitRules: Rule = (draft, report) => {
  for (const r of draft.resources) {
    const v = r.value;
    if (v.type === 'sqs-queue') {
      if (trusted(r.bad, 'visibilityTimeout') && v.visibilityTimeoutMs > 12 * HOUR_MS) {
        report.error(
          [...r.path, 'visibilityTimeout'],
          `visibilityTimeout ${formatDuration(v.visibilityTimeoutMs)} is above 12h`,
        );
      }
      if (
        trusted(r.bad, 'messageRetentionPeriod') &&
        (v.messageRetentionMs < 60_000 || v.messageRetentionMs > 14 * DAY_MS)
      ) {
        report.error(
          [...r.path, 'messageRetentionPeriod'],
          `messageRetentionPeriod ${formatDuration(v.messageRetentionMs)} is outside 60s..14d`,
        );
      }
    } else if (v.type === 'kinesis-stream') {
      if (trusted(r.bad, 'retentionPeriod') && (v.retentionMs < DAY_MS || v.retentionMs > 365 * DAY_MS)) {
        report.error(
          [...r.path, 'retentionPeriod'],
          `retentionPeriod ${formatDuration(v.retentionMs)} is outside 24h..365d`,
        );
      }
    }
  }
};
