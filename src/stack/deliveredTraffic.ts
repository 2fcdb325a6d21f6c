/**
 * Placeholder traffic enters where the deployed system's messages do:
 *
 * - Into a queue or stream that an API of the stack writes (a service integration, placeholder
 *   traffic `via` the API): that traffic stands for the queue's readers too, so a plain
 *   placeholder into the same queue or stream is dropped and its reason joined to the API's.
 * - Into a queue (or topic) that a topic or bucket of the stack delivers to
 *   (StackBuilder.deliveries): into that topic or bucket instead, since the messages are published
 *   to the topic, or the objects created in the bucket, and reach the queue through it (the
 *   SNS-to-SQS fan-out, S3 event notifications to a queue). A queue fed by a topic fed by a
 *   bucket gets its traffic at the bucket.
 */
import type { StackBuilder, TrafficPlaceholder } from './stackBuilder.ts';

export function moveTrafficToEntries(b: StackBuilder): void {
  const publisherOf = new Map<string, string>();
  for (const [from, targets] of b.deliveries) for (const to of targets) publisherOf.set(to, from);
  const writtenByApi = new Set(b.traffic.filter((t) => t.via !== undefined).map((t) => t.target));
  const placeholders = b.traffic.splice(0, b.traffic.length);
  const readers: TrafficPlaceholder[] = [];
  for (const t of placeholders) {
    for (const because of t.reasons ?? [t.because]) {
      const one = { ...t, because, reasons: undefined };
      if (t.via === undefined && writtenByApi.has(t.target)) readers.push(one);
      else b.addTraffic(moved(one, publisherOf, b));
    }
  }
  // The API's traffic names the readers it reaches too ("HTTP API integration I (SQS-SendMessage)
  // and messages into Q, read by F").
  for (const r of readers) {
    const writer = b.traffic.find((x) => x.via !== undefined && x.target === r.target);
    if (writer !== undefined) b.addTraffic({ ...writer, because: r.because });
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
