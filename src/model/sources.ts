/**
 * Wires the invocation sources of a scenario around its functions: Lambda's async queues (one per
 * function that receives events), SQS and stream event source mappings, schedules, S3/SNS
 * subscriptions, asynchronous destinations and dead-letter queues, and the function calls and
 * writes of handlers. Pure wiring: behaviour lives in ./invocation and ./messaging.
 *
 * RNG streams: `esm:<function>:<i>` for the i-th event source of a function; handler calls fork
 * from the calling function's `calls` stream (`call-<i>`), as database calls do.
 */
import { makeSampler, type Rng, type Simulation } from '../engine/index.ts';
import type { Call, LambdaFunction, MessagingType, Scenario } from '../scenario/index.ts';
import { DEFAULT_WRITE_LATENCY_MS } from '../scenario/index.ts';
import type { RequestResumer, ResourceCall } from './calls/resourceCall.ts';
import { ProvisionedController } from './concurrency/provisionedController.ts';
import type { EnvironmentTable } from './environments/environmentTable.ts';
import type { FunctionRuntime } from './functionRuntime.ts';
import { AsyncQueue } from './invocation/asyncQueue.ts';
import { SyncFunctionCall, WriteCall } from './invocation/functionCall.ts';
import type { InvocationSource } from './invocation/invocationSource.ts';
import { ScheduleSource } from './invocation/scheduleSource.ts';
import { SQS_SCALING_TICK_MS, SqsEventSource } from './invocation/sqsEventSource.ts';
import { StreamEventSource } from './invocation/streamEventSource.ts';
import type { MessageSink } from './messaging/sink.ts';
import type { ProgramMessaging, Resources } from './resources.ts';
import type { EventSourcesResult } from './runData.ts';

export interface Sources {
  /** Every source, by its index (the index requests carry). */
  readonly all: InvocationSource[];
  /** Lambda's async queue of each function that has one, by function name. */
  readonly asyncQueues: ReadonlyMap<string, AsyncQueue>;
  readonly sqs: readonly SqsEventSource[];
  readonly streams: readonly StreamEventSource[];
  readonly schedules: readonly { readonly function: string; readonly source: ScheduleSource }[];
  readonly provisioned: ReadonlyMap<string, ProvisionedController>;
  /** Where a message for `name` goes: a function's async queue, a queue, stream, bucket or topic. */
  sinkFor(name: string): MessageSink;
  /** The call program's function calls and writes. */
  readonly messaging: ProgramMessaging;
  /** Stops every source from starting new work (the window ended). */
  closeWindow(): void;
  /** Starts schedules, pollers' scaling and provisioned-concurrency changes (before the run). */
  start(): void;
  /** The event source mappings and schedules over the run, as plain data (once the run is over). */
  result(): EventSourcesResult;
}

export function buildSources(
  scenario: Scenario,
  runtimes: readonly FunctionRuntime[],
  resources: Resources,
  envs: EnvironmentTable,
  sim: Simulation,
  root: Rng,
  windowMs: number,
  bucketMs: number,
  all: InvocationSource[],
): Sources {
  const byName = new Map(runtimes.map((rt) => [rt.config.name, rt]));
  const asyncQueues = new Map<string, AsyncQueue>();

  const asyncQueueOf = (rt: FunctionRuntime): AsyncQueue => {
    const existing = asyncQueues.get(rt.config.name);
    if (existing) return existing;
    let queue: AsyncQueue | undefined;
    const kind = sim.on(`async-retry:${rt.config.name}`, (enqueuedAt, packed) =>
      queue!.attempt(enqueuedAt, packed),
    );
    queue = new AsyncQueue(all.length, rt, envs, sim, kind, windowMs, bucketMs);
    all.push(queue);
    asyncQueues.set(rt.config.name, queue);
    return queue;
  };

  const sinkFor = (name: string): MessageSink => {
    const rt = byName.get(name);
    if (rt) return asyncQueueOf(rt);
    const sink = resources.queues.get(name) ?? resources.streams.get(name) ?? resources.notifiers.get(name);
    if (!sink)
      throw new Error(`no function, queue, stream, bucket or topic named ${name} (validation missed it)`);
    return sink;
  };

  const sqs: SqsEventSource[] = [];
  const sqsTickKinds: number[] = [];
  const streams: StreamEventSource[] = [];
  const schedules: { function: string; source: ScheduleSource }[] = [];
  const provisioned = new Map<string, ProvisionedController>();

  for (const rt of runtimes) {
    const fn = rt.config;
    fn.events.forEach((event, i) => {
      const rng = root.fork(`esm:${fn.name}:${i}`);
      switch (event.kind) {
        case 'sqs': {
          const queue = resources.queues.get(event.queue)!;
          let source: SqsEventSource | undefined;
          const kinds = {
            pump: sim.on(`sqs-pump:${fn.name}:${i}`, () => source!.pump()),
            tick: sim.on(`sqs-scale:${fn.name}:${i}`, () => source!.tick()),
          };
          source = new SqsEventSource(all.length, event, queue, rt, envs, sim, kinds, rng);
          sqsTickKinds.push(kinds.tick);
          all.push(source);
          queue.addConsumer(source);
          sqs.push(source);
          break;
        }
        case 'stream': {
          const stream = resources.streams.get(event.stream)!;
          let source: StreamEventSource | undefined;
          const kind = sim.on(`stream-poll:${fn.name}:${i}`, (lane) => source!.poll(lane));
          source = new StreamEventSource(
            all.length,
            event,
            stream,
            rt,
            envs,
            sim,
            kind,
            rng,
            windowMs,
            bucketMs,
          );
          all.push(source);
          stream.addConsumer(source);
          streams.push(source);
          break;
        }
        case 'schedule': {
          let source: ScheduleSource | undefined;
          const kind = sim.on(`schedule:${fn.name}:${i}`, () => source!.fire());
          source = new ScheduleSource(event.schedule, asyncQueueOf(rt), sim, kind, windowMs);
          schedules.push({ function: fn.name, source });
          break;
        }
        case 's3':
        case 'sns':
          resources.notifiers.get(event.source)!.subscribe(asyncQueueOf(rt));
          break;
      }
    });
    const pc = fn.provisioned;
    if (pc.schedule.length > 0 || pc.autoScaling !== null) {
      let controller: ProvisionedController | undefined;
      const kinds = {
        schedule: sim.on(`pc-schedule:${fn.name}`, () => controller!.apply()),
        evaluate: sim.on(`pc-evaluate:${fn.name}`, () => controller!.evaluate()),
      };
      controller = new ProvisionedController(rt, pc, fn.provisionedConcurrency, sim, kinds, windowMs);
      provisioned.set(fn.name, controller);
    }
  }

  // Destinations are wired once every sink that can exist does (a destination may be any function).
  const destinationsOf = (fn: LambdaFunction) => ({
    onSuccess: fn.destinations.onSuccess === null ? null : sinkFor(fn.destinations.onSuccess),
    onFailure: fn.destinations.onFailure === null ? null : sinkFor(fn.destinations.onFailure),
    deadLetterQueue: fn.deadLetterQueue === null ? null : sinkFor(fn.deadLetterQueue),
  });
  for (const source of streams) {
    if (source.config.onFailure !== null) source.onFailure = sinkFor(source.config.onFailure);
  }

  const messaging: ProgramMessaging = {
    callFor(
      fn: LambdaFunction,
      call: Call,
      i: number,
      resumer: RequestResumer,
      rng: Rng,
    ): ResourceCall | null {
      if (call.kind === 'function') {
        const callee = byName.get(call.function)!;
        if (call.invocation === 'async') {
          return new WriteCall(asyncQueueOf(callee), envs, makeSampler(call.latencyMs), rng, call.bytes);
        }
        let source: SyncFunctionCall | undefined;
        const kinds = {
          retry: sim.on(`invoke-retry:${fn.name}:${i}`, (tag, attempt) => source!.retry(tag, attempt)),
          resume: sim.on(`invoke-resume:${fn.name}:${i}`, (tag, ok) => source!.resumeLater(tag, ok)),
        };
        source = new SyncFunctionCall(
          all.length,
          callee,
          resumer,
          envs,
          sim,
          kinds,
          call.retry,
          makeSampler(call.latencyMs),
          rng.fork('latency'),
          rng.fork('retry'),
        );
        all.push(source);
        return source;
      }
      if (call.kind !== 'resource') return null;
      const type = scenario.resources.find((r) => r.name === call.resource)?.type;
      if (type === undefined || !(type in DEFAULT_WRITE_LATENCY_MS)) return null;
      const latency = call.latencyWritten ? call.latencyMs : DEFAULT_WRITE_LATENCY_MS[type as MessagingType];
      const bytes = call.bytes > 0 ? call.bytes : 1024;
      return new WriteCall(sinkFor(call.resource), envs, makeSampler(latency), rng, bytes);
    },
  };

  return {
    all,
    asyncQueues,
    sqs,
    streams,
    schedules,
    provisioned,
    sinkFor,
    messaging,
    closeWindow() {
      for (const q of asyncQueues.values()) q.closeWindow();
      for (const s of sqs) s.closeWindow();
      for (const s of streams) s.closeWindow();
      for (const s of schedules) s.source.closeWindow();
      for (const c of provisioned.values()) c.closeWindow();
    },
    start() {
      // Destinations last: asyncQueueOf may have been called for any function by now.
      for (const rt of runtimes) {
        const fn = rt.config;
        const hasDestinations =
          fn.destinations.onSuccess !== null ||
          fn.destinations.onFailure !== null ||
          fn.deadLetterQueue !== null;
        if (hasDestinations) asyncQueueOf(rt).destinations = destinationsOf(fn);
      }
      for (const s of schedules) s.source.start();
      for (const kind of sqsTickKinds) sim.at(SQS_SCALING_TICK_MS, kind);
      for (const c of provisioned.values()) c.start();
    },
    result() {
      return {
        sqs: sqs.map((s) => s.result()),
        streams: streams.map((s) => s.result()),
        schedules: schedules.map((s) => s.source.result()),
      };
    },
  };
}
