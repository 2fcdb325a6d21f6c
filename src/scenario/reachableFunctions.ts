/**
 * Which functions a scenario can ever invoke, whatever the draws: those reached from its traffic
 * and schedules along the paths model/sources.ts wires. Pure.
 *
 * Starts: a traffic source's target (a function, or a queue, stream, bucket or topic), a function
 * with a schedule. Edges: a function's calls (another function, sync or async; a write to a queue,
 * stream, bucket or topic), its asynchronous destinations and dead-letter queue, the on-failure
 * destination of its stream event source; a queue, stream, bucket or topic to the functions whose
 * event sources read it; a bucket or topic to what it delivers to (`deliverTo`); a queue to its
 * redrive dead-letter queue. Whether a path is taken in a given run (an on-failure destination
 * with no failure) is not decided here: a reachable function may still not run in a window.
 */
import type { MeasuredParts } from './budgetMeasures.ts';
import { eventSourceResource } from './types/eventSources.ts';
import type { LambdaFunction } from './types/function.ts';
import type { Resource } from './types/resources.ts';

/** The names a function's invocation can pass work on to (functions or resources). */
function functionSuccessors(f: LambdaFunction): string[] {
  const next: string[] = [];
  for (const c of f.model.calls) {
    if (c.kind === 'function') next.push(c.function);
    else if (c.kind === 'resource') next.push(c.resource);
  }
  for (const d of [f.destinations.onSuccess, f.destinations.onFailure, f.deadLetterQueue])
    if (d !== null) next.push(d);
  for (const e of f.events) if (e.kind === 'stream' && e.onFailure !== null) next.push(e.onFailure);
  return next;
}

/** The names a resource passes messages on to: its readers, deliveries and redrive queue. */
function resourceSuccessors(r: Resource, functions: readonly LambdaFunction[]): string[] {
  const next = functions.flatMap((f) =>
    f.events.some((e) => eventSourceResource(e) === r.name) ? [f.name] : [],
  );
  if (r.type === 's3-bucket' || r.type === 'sns-topic') next.push(...r.deliverTo);
  if (r.type === 'sqs-queue' && r.deadLetterQueue !== null) next.push(r.deadLetterQueue);
  return next;
}

/** The names of the functions the scenario can invoke, in the scenario's order. */
export function reachableFunctions(s: MeasuredParts): string[] {
  const successors = new Map<string, string[]>();
  for (const f of s.functions) successors.set(f.name, functionSuccessors(f));
  for (const r of s.resources) successors.set(r.name, resourceSuccessors(r, s.functions));
  const seen = new Set<string>();
  const pending = [
    ...s.traffic.map((t) => t.target),
    ...s.functions.flatMap((f) => (f.events.some((e) => e.kind === 'schedule') ? [f.name] : [])),
  ];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...(successors.get(name) ?? []));
  }
  return s.functions.flatMap((f) => (seen.has(f.name) ? [f.name] : []));
}
