/**
 * The run's data once a world has run (RunData): each function's stats, how it is invoked, its
 * provisioned intervals, the traffic sent and answered, resources, event sources and the usage
 * billing reads. Reads the finished world; changes nothing.
 */
import type { Simulation } from '../engine/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { isAsyncVia } from '../scenario/index.ts';
import type { FunctionRuntime } from './function/functionRuntime.ts';
import type { SyncCaller } from './invocation/syncCaller.ts';
import { type Resources, resourcesResult } from './resources.ts';
import type { FunctionResult, InvocationKind, RunData } from './runData.ts';
import type { Sources } from './sources.ts';
import type { TrafficSource } from './traffic/trafficSource.ts';
import { usageOf } from './usage.ts';

/** A world after its run. */
export interface Finished {
  readonly runtimes: readonly FunctionRuntime[];
  readonly traffic: readonly TrafficSource[];
  readonly callers: readonly (SyncCaller | null)[];
  readonly resources: Resources;
  readonly sources: Sources;
  readonly sim: Simulation;
  readonly bucketMs: number;
  readonly endMs: number;
  readonly unfinished: number;
  /** The recorded part of the window, [recordFromMs, untilMs) (the whole window unless a shard). */
  readonly recordFromMs: number;
  readonly untilMs: number;
  /** Events handled while recording. */
  readonly events: number;
}

/** The run's data, once it is over. */
export function collect(scenario: Scenario, run: Finished): RunData {
  const windowMs = scenario.durationMs;
  const functions = run.runtimes.map((rt): FunctionResult => {
    const name = rt.config.name;
    const controller = run.sources.provisioned.get(name);
    const provisionedIntervals = rt.provisioned.intervals(run.untilMs, run.recordFromMs);
    return {
      name,
      ...rt.stats.result(),
      invokedAs: invokedAs(scenario, name, run.sources.asyncQueue(name) !== undefined),
      inFlightAtEnd: rt.inFlight,
      inFlightAtBorders: 0,
      provisionedIntervals,
      async: run.sources.asyncQueue(name)?.result() ?? null,
      provisioned: controller
        ? {
            intervals: provisionedIntervals,
            levels: rt.provisioned.steps(run.untilMs, run.recordFromMs),
            ...controller.result(),
          }
        : null,
    };
  });
  const traffic = run.traffic.map((t, i) => ({
    name: scenario.traffic[i].name,
    sent: t.sent,
    responded: run.callers[i]?.succeeded ?? 0,
  }));
  const resources = resourcesResult(run.resources);
  const eventSources = run.sources.result();
  return {
    scenario,
    windowMs,
    bucketMs: run.bucketMs,
    functions,
    traffic,
    resources,
    eventSources,
    usage: usageOf(scenario, functions, traffic, resources, eventSources),
    events: run.events,
    endMs: run.endMs,
    unfinished: run.unfinished,
  };
}

/**
 * How a function is invoked, in the order requests, events, batches: synchronous requests (traffic
 * through a synchronous front door, synchronous Invoke calls), asynchronous events (Lambda's event
 * queue), batches (SQS and stream event source mappings).
 */
function invokedAs(scenario: Scenario, name: string, hasEventQueue: boolean): InvocationKind[] {
  const fn = scenario.functions.find((f) => f.name === name);
  const requests =
    scenario.traffic.some((t) => t.targetKind === 'function' && t.target === name && !isAsyncVia(t.via)) ||
    scenario.functions.some((f) =>
      f.model.calls.some((c) => c.kind === 'function' && c.function === name && c.invocation === 'sync'),
    );
  const batches = fn?.events.some((e) => e.kind === 'sqs' || e.kind === 'stream') ?? false;
  const kinds: InvocationKind[] = [];
  if (requests) kinds.push('requests');
  if (hasEventQueue) kinds.push('events');
  if (batches) kinds.push('batches');
  return kinds;
}
