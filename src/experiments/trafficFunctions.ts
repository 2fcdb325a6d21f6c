/**
 * The functions a scenario's traffic reaches first: the functions it invokes, and the functions
 * that read or are notified by the resources it writes to (an SQS queue's or a stream's event
 * source mappings, an S3 bucket's or SNS topic's subscribers, and the consumers of the queues and
 * topics a bucket or topic delivers to). These are where a user's
 * objectives apply (`plan`'s SLOs, `tune`'s default function): traffic into a queue is served by
 * the queue's consumers. Pure; in the order of `scenario.functions`.
 */
import { type EventSource, eventSourceResource, type Scenario } from '../scenario/index.ts';

export function trafficFunctions(scenario: Scenario): string[] {
  const invoked = new Set<string>();
  const written = new Set<string>();
  for (const t of scenario.traffic) (t.targetKind === 'function' ? invoked : written).add(t.target);
  // What a bucket or topic written to delivers to is written to too (a bucket's topic, its queues).
  for (const name of written) for (const to of deliveriesOf(scenario, name)) written.add(to);
  const reads = (e: EventSource) => {
    const resource = eventSourceResource(e);
    return resource !== null && written.has(resource);
  };
  return scenario.functions.filter((f) => invoked.has(f.name) || f.events.some(reads)).map((f) => f.name);
}

/** The queues and topics the bucket or topic `name` delivers to (`deliverTo`); none for others. */
function deliveriesOf(scenario: Scenario, name: string): readonly string[] {
  const r = scenario.resources.find((x) => x.name === name);
  return r !== undefined && (r.type === 's3-bucket' || r.type === 'sns-topic') ? r.deliverTo : [];
}
