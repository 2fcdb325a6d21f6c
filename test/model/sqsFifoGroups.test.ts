/**
 * SQS FIFO message groups: "If you use FIFO event source mapping, then functions can scale in
 * concurrency to the number of active message groups" (knowledge center lambda-sqs-scaling), and
 * with a maximum concurrency "the number of message group IDs or the maximum concurrency setting,
 * whichever is lower" (services-sqs-scaling). A FIFO queue's `messageGroups: N` caps the mapping's
 * batches at once at N: one group, one batch at a time.
 */
import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../src/results/index.ts';
import { run } from '../helpers/run.ts';
import { errorsOf, ok } from '../scenario/helpers.ts';
import { sqsBurst } from './sqsFixtures.ts';

// sqsBurst on a FIFO queue: 50,000 messages at once, each a batch of one taking 200 s, so the
// pollers only scale up in the 60 s window (5, then +5 a second: 305 on a standard queue).
const fifoBurst = (queue: string, mapping = '') => sqsBurst(mapping, `, fifo: true${queue}`);

const peak = (text: string) =>
  (run(text).summary.resources.jobs as QueueSummary).consumers.worker.peakConcurrency;

describe('SQS FIFO message groups', () => {
  it('cap the batches at once at the number of groups: one group, one batch at a time', () => {
    expect(peak(fifoBurst(', messageGroups: 1'))).toBe(1);
    expect(peak(fifoBurst(', messageGroups: 4'))).toBe(4);
    expect(peak(fifoBurst(', messageGroups: 40'))).toBe(40);
    // The lower of the groups and maximumConcurrency (services-sqs-scaling's example: 6 and 10).
    expect(peak(fifoBurst(', messageGroups: 6', ', maximumConcurrency: 10'))).toBe(6);
    expect(peak(fifoBurst(', messageGroups: 60', ', maximumConcurrency: 10'))).toBe(10);
    // Not given: not modelled, the mapping scales as for a standard queue (and validation warns).
    expect(peak(fifoBurst(''))).toBe(305);
  });

  it('are a FIFO queue setting: no warning when given, an error on a standard queue', () => {
    expect(ok(fifoBurst(', messageGroups: 4')).warnings).toEqual([]);
    expect(ok(fifoBurst('')).warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('queue jobs is a FIFO queue: lamsim does not model its message groups'),
    ]);
    expect(errorsOf(fifoBurst(', messageGroups: 4').replace('fifo: true', 'fifo: false'))).toEqual([
      expect.stringContaining('messageGroups on standard queue jobs: only FIFO queues have message groups'),
    ]);
  });
});
