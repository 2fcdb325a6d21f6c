/**
 * Time shards of SQS queues that no event source mapping reads (a dead-letter queue or destination
 * left unread, a queue written and never consumed; issue 15) and that keep every message of the
 * window (retention at least the window: model continuedQueueNames). Nothing leaves such a queue,
 * so at a slice's start it holds every message sent to it since the window began, which a shard's
 * warm-up cannot rebuild: a shard starts its slice with the queue empty
 * (SqsQueueModel.startRecording) and the merge continues it from the earlier slices, exactly:
 *
 * - the backlog is the slice's own plus S, the messages the earlier slices sent to it (they stop at
 *   their end, so S counts exactly those sent before the slice): its mean, peak, the messages left
 *   at the end and each bucket of the visible series move up by S, and the queue was never empty
 *   in the slice;
 * - the oldest message is the first one ever sent, at F (the earlier slices' first send): each
 *   age sample t of the slice (the whole run's sampling instants, queueAgeSampleTimes) is t - F,
 *   which gives the largest age and the age series.
 * When the earlier slices sent nothing (S = 0), the slice's own figures are the whole run's. Pure.
 */
import { BucketedGauge } from '../metrics/index.ts';
import { continuedQueueNames, queueAgeSampleTimes, type SqsQueueResult } from '../model/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { RunParts, RunSlice } from './mergeRuns.ts';

/**
 * `slice`'s data with its unread queues continued from `before`, the merged data of every earlier
 * slice (which covered [0, slice.startMs)).
 */
export function continueUnreadQueues(scenario: Scenario, before: RunParts, slice: RunSlice): RunParts {
  const unread = continuedQueueNames(scenario);
  const run = slice.run;
  if (unread.size === 0) return run;
  const queues = run.resources.queues.map((q, i) => {
    const earlier = before.resources.queues[i];
    if (!unread.has(q.name) || earlier.firstSentMs === null) return q;
    return continued(q, earlier.sent, earlier.firstSentMs, run, slice);
  });
  return { ...run, resources: { ...run.resources, queues } };
}

/**
 * Queue `q`, recorded over `slice` from empty, holding `heldBefore` messages more, the first of
 * them sent at `firstSentMs`.
 */
function continued(
  q: SqsQueueResult,
  heldBefore: number,
  firstSentMs: number,
  grid: { readonly windowMs: number; readonly bucketMs: number },
  slice: RunSlice,
): SqsQueueResult {
  // The age series as the whole run samples it, over the slice (as the shard records it: the
  // level held at the slice's start, each sample in it, up to its end).
  const ageAt = (t: number) => Math.max(0, t - firstSentMs);
  const samples = [...queueAgeSampleTimes(grid.windowMs, grid.bucketMs)];
  let heldAgeMs = 0;
  for (const t of samples) if (t < slice.startMs) heldAgeMs = ageAt(t);
  const ages = new BucketedGauge(grid.windowMs, grid.bucketMs);
  ages.set(slice.startMs, heldAgeMs);
  ages.restartAt(slice.startMs);
  let maxAgeMs = 0;
  for (const t of samples) {
    if (t < slice.startMs || t >= slice.endMs) continue;
    ages.set(t, ageAt(t));
    maxAgeMs = Math.max(maxAgeMs, ageAt(t));
  }
  ages.finish(slice.endMs);
  const visible = q.series.visible;
  return {
    ...q,
    firstSentMs,
    maxAgeMs,
    visibleAtEnd: q.visibleAtEnd + heldBefore,
    window: {
      ...q.window,
      meanBacklog: q.window.meanBacklog + heldBefore,
      peakBacklog: q.window.peakBacklog + heldBefore,
      emptyMs: 0,
    },
    series: {
      ...q.series,
      visible: {
        ...visible,
        integrals: visible.integrals.map((x, i) => x + heldBefore * visible.coveredMs[i]),
        peaks: visible.peaks.map((p) => (p === null ? null : p + heldBefore)),
      },
      oldestAge: ages.toData(),
    },
  };
}
