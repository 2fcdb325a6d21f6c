/**
 * The functions a scenario's traffic reaches first: the functions it invokes, and the functions
 * that read or are notified by the resources it writes to (an SQS queue's or a stream's event
 * source mappings, an S3 bucket's or SNS topic's subscribers). These are where a user's
 * objectives apply (`plan`'s SLOs, `tune`'s default function): traffic into a queue is served by
 * the queue's consumers. Pure; in the order of `scenario.functions`.
 */
import { type EventSource, eventSourceResource, type Scenario } from '../scenario/index.ts';

export function trafficFunctions(scenario: Scenario): string[] {
  const invoked = new Set<string>();
  const written = new Set<string>();
  for (const t of scenario.traffic) (t.targetKind === 'function' ? invoked : written).add(t.target);
  const reads = (e: EventSource) => {
    const resource = eventSourceResource(e);
    return resource !== null && written.has(resource);
  };
  return scenario.functions.filter((f) => invoked.has(f.name) || f.events.some(reads)).map((f) => f.name);
}
