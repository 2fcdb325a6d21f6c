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
  for (const t of scenario.traffic) {
    if (t.targetKind === 'function') invoked.add(t.target);
    else for (const name of deliveredTo(scenario, t.target)) written.add(name);
  }
  const reads = (e: EventSource) => {
    const resource = eventSourceResource(e);
    return resource !== null && written.has(resource);
  };
  return scenario.functions.filter((f) => invoked.has(f.name) || f.events.some(reads)).map((f) => f.name);
}

/**
 * The resources a write into `name` reaches: `name` itself and, transitively, the queues and
 * topics a bucket or topic delivers to (`deliverTo`: a bucket's topic, that topic's queues).
 */
export function deliveredTo(scenario: Scenario, name: string): Set<string> {
  const reached = new Set([name]);
  for (const at of reached) {
    const r = scenario.resources.find((x) => x.name === at);
    if (r !== undefined && (r.type === 's3-bucket' || r.type === 'sns-topic'))
      for (const to of r.deliverTo) reached.add(to);
  }
  return reached;
}
