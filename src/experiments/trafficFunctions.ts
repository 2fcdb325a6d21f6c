/**
 * The functions a scenario's traffic reaches first: the functions it invokes, and the functions
 * that read or are notified by the resources it writes to (an SQS queue's or a stream's event
 * source mappings, an S3 bucket's or SNS topic's subscribers). These are where a user's
 * objectives apply (`plan`'s SLOs, `tune`'s default function): traffic into a queue is served by
 * the queue's consumers. Pure; in the order of `scenario.functions`.
 */
import type { EventSource, Scenario } from '../scenario/index.ts';

/** The resource an event source reads or is notified by (null: a schedule; no resource is named null). */
function sourceOf(e: EventSource): string | null {
  if (e.kind === 'sqs') return e.queue;
  if (e.kind === 'stream') return e.stream;
  if (e.kind === 's3' || e.kind === 'sns') return e.source;
  return null;
}

export function trafficFunctions(scenario: Scenario): string[] {
  const invoked = new Set<string>();
  const written = new Set<string>();
  for (const t of scenario.traffic) (t.targetKind === 'function' ? invoked : written).add(t.target);
  const reached = (f: Scenario['functions'][number]) =>
    invoked.has(f.name) || f.events.some((e) => written.has(sourceOf(e) as string));
  return scenario.functions.filter(reached).map((f) => f.name);
}
