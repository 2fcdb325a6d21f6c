/**
 * Placeholder traffic into a queue (or topic) that a topic or bucket of the stack delivers to
 * (StackBuilder.deliveries) goes into that topic or bucket instead: in the deployed system the
 * messages are published to the topic, or the objects created in the bucket, and reach the queue
 * through it (the SNS-to-SQS fan-out, S3 event notifications to a queue). A queue fed by a topic
 * fed by a bucket gets its traffic at the bucket.
 */
import type { StackBuilder, TrafficPlaceholder } from './stackBuilder.ts';

export function moveTrafficToPublishers(b: StackBuilder): void {
  const publisherOf = new Map<string, string>();
  for (const [from, targets] of b.deliveries) for (const to of targets) publisherOf.set(to, from);
  const placeholders = b.traffic.splice(0, b.traffic.length);
  for (const t of placeholders) {
    for (const because of t.reasons ?? [t.because]) {
      b.addTraffic(moved({ ...t, because, reasons: undefined }, publisherOf, b));
    }
  }
}

function moved(
  t: TrafficPlaceholder,
  publisherOf: ReadonlyMap<string, string>,
  b: StackBuilder,
): TrafficPlaceholder {
  if (t.via !== undefined || !publisherOf.has(t.target)) return t;
  let because = t.because;
  let target = t.target;
  const seen = new Set([target]);
  for (
    let from = publisherOf.get(target);
    from !== undefined && !seen.has(from);
    from = publisherOf.get(from)
  ) {
    const bucket = b.resources.get(from)?.written.type === 's3-bucket';
    const into = `messages into ${target},`;
    const reached = `${bucket ? 'objects created in' : 'messages published to'} ${from}, delivered to ${target}`;
    because = because.startsWith(into)
      ? `${reached},${because.slice(into.length)}`
      : `${reached}: ${because}`;
    seen.add(from);
    target = from;
  }
  return { ...t, target, because };
}
