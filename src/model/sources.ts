/**
 * Wires the invocation sources of a scenario around its functions: Lambda's async queues (one per
 * function that receives events), SQS and stream event source mappings, schedules, S3/SNS
 * subscriptions, asynchronous destinations and dead-letter queues, provisioned-concurrency
 * controllers, and the function calls and writes of handlers. Pure wiring: each source registers
 * its own event kinds and its number; behaviour lives in ./invocation and ./messaging.
 *
 * RNG streams: `esm:<function>:<i>` for the i-th event source of a function; handler calls fork
 * from the calling function's `calls` stream (`call-<i>`), as database calls do.
 */

import { makeSampler, type Rng, type Simulation } from '../engine/index.ts';
import type { SeriesMaker } from '../metrics/index.ts';
import { present } from '../result.ts';
import type { Call, EventSource, LambdaFunction, MessagingType, Scenario } from '../scenario/index.ts';
import { DEFAULT_WRITE_LATENCY_MS } from '../scenario/index.ts';
import type { RequestResumer, ResourceCall } from './calls/resourceCall.ts';
import { ProvisionedController } from './concurrency/provisionedController.ts';
import type { FunctionRuntime } from './function/functionRuntime.ts';
import type { RequestView } from './function/requests.ts';
import { AsyncQueue } from './invocation/asyncQueue.ts';
import { SyncFunctionCall, WriteCall } from './invocation/functionCall.ts';
import type { SourceRegistry } from './invocation/invocationSource.ts';
import { ScheduleSource } from './invocation/scheduleSource.ts';
import { SqsEventSource } from './invocation/sqsEventSource.ts';
import { StreamEventSource } from './invocation/streamEventSource.ts';
import type { MessageSink } from './messaging/sink.ts';
import type { ProgramMessaging, Resources } from './resources.ts';
import type { EventSourcesResult } from './runData.ts';

export interface SourcesContext {
  readonly scenario: Scenario;
  /** One per function, in the scenario's order. */
  readonly runtimes: readonly FunctionRuntime[];
  readonly resources: Resources;
  readonly sim: Simulation;
  readonly requests: RequestView;
  readonly registry: SourceRegistry;
  readonly root: Rng;
  readonly windowMs: number;
  /** Makes every source's time series (recording, or inert: SimulateOptions.series). */
  readonly series: SeriesMaker;
}

/** The sources of a run: built once, started before the run, closed at the window's end. */
export class Sources {
  private readonly byName: ReadonlyMap<string, FunctionRuntime>;
  /** Lambda's async queue of each function that has one (made on first use), by function name. */
  private readonly asyncQueues = new Map<string, AsyncQueue>();
  private readonly sqs: SqsEventSource[] = [];
  private readonly streams: StreamEventSource[] = [];
  private readonly schedules: ScheduleSource[] = [];
  /** Provisioned-concurrency controllers of functions whose level changes, by function name. */
  readonly provisioned = new Map<string, ProvisionedController>();
  /** The call program's function calls and writes. */
  readonly messaging: ProgramMessaging = {
    callFor: (fn, call, i, resumer, rng) => this.callFor(fn, call, i, resumer, rng),
  };

  constructor(private readonly ctx: SourcesContext) {
    this.byName = new Map(ctx.runtimes.map((rt) => [rt.config.name, rt]));
    for (const rt of ctx.runtimes) {
      for (const [i, event] of rt.config.events.entries()) this.wireEvent(rt, event, i);
      this.wireProvisioned(rt);
    }
    // Destinations once every sink that can exist does (a destination may be any function).
    for (const source of this.streams) {
      if (source.config.onFailure !== null) source.onFailure = this.sinkFor(source.config.onFailure);
    }
  }

  /** Where a message for `name` goes: a function's async queue, a queue, stream, bucket or topic. */
  sinkFor(name: string): MessageSink {
    const rt = this.byName.get(name);
    if (rt) return this.asyncQueueOf(rt);
    const { queues, streams, notifiers } = this.ctx.resources;
    const sink = queues.get(name) ?? streams.get(name) ?? notifiers.get(name);
    if (!sink)
      throw new Error(`no function, queue, stream, bucket or topic named ${name} (validation missed it)`);
    return sink;
  }

  /**
   * Where an Invoke call with InvocationType Event from a non-AWS caller (a client, a function's
   * SDK call) goes: `name`'s async queue behind the account's request-rate quota.
   */
  invokeApiFor(name: string): MessageSink {
    return this.asyncQueueOf(present(this.byName.get(name), `function ${name}`)).invokeApi;
  }

  /** The async queue of `name`'s function, if it received asynchronous events. */
  asyncQueue(name: string): AsyncQueue | undefined {
    return this.asyncQueues.get(name);
  }

  /**
   * Starts schedules (first firing at or after `fromMs`: 0, or a time shard's start), pollers'
   * scaling and provisioned-concurrency changes (before the run).
   */
  start(fromMs = 0): void {
    // Destinations last: asyncQueueOf may have been called for any function by now.
    for (const rt of this.ctx.runtimes) {
      const fn = rt.config;
      const d = fn.destinations;
      if (d.onSuccess === null && d.onFailure === null && fn.deadLetterQueue === null) continue;
      this.asyncQueueOf(rt).destinations = {
        onSuccess: d.onSuccess === null ? null : this.sinkFor(d.onSuccess),
        onFailure: d.onFailure === null ? null : this.sinkFor(d.onFailure),
        deadLetterQueue: fn.deadLetterQueue === null ? null : this.sinkFor(fn.deadLetterQueue),
      };
    }
    for (const s of this.schedules) s.start(fromMs);
    for (const s of this.sqs) s.start(fromMs);
    for (const c of this.provisioned.values()) c.start();
  }

  /**
   * Forgets what every source measured before `nowMs` (a time shard's warm-up): Lambda's async
   * queues, SQS and stream event source mappings, schedules and provisioned-concurrency
   * controllers.
   */
  startRecording(nowMs: number): void {
    for (const q of this.asyncQueues.values()) q.startRecording(nowMs);
    for (const s of this.sqs) s.startRecording(nowMs);
    for (const s of this.streams) s.startRecording(nowMs);
    for (const s of this.schedules) s.startRecording(nowMs);
    for (const c of this.provisioned.values()) c.startRecording(nowMs);
  }

  /** Stops every source from starting new work (the window ended; `endMs`: a time shard's slice end). */
  closeWindow(endMs?: number): void {
    for (const q of this.asyncQueues.values()) q.closeWindow(endMs);
    for (const s of this.sqs) s.closeWindow(endMs);
    for (const s of this.streams) s.closeWindow(endMs);
    for (const s of this.schedules) s.closeWindow();
    for (const c of this.provisioned.values()) c.closeWindow();
  }

  /** The event source mappings and schedules over the run, as plain data (once the run is over). */
  result(): EventSourcesResult {
    return {
      sqs: this.sqs.map((s) => s.result()),
      streams: this.streams.map((s) => s.result()),
      schedules: this.schedules.map((s) => s.result()),
    };
  }

  private asyncQueueOf(rt: FunctionRuntime): AsyncQueue {
    let queue = this.asyncQueues.get(rt.config.name);
    if (!queue) {
      queue = new AsyncQueue(this.ctx, rt);
      this.asyncQueues.set(rt.config.name, queue);
    }
    return queue;
  }

  private wireEvent(rt: FunctionRuntime, event: EventSource, i: number): void {
    const { resources, sim, root, windowMs } = this.ctx;
    const label = `${rt.config.name}:${i}`;
    const rng = root.fork(`esm:${label}`);
    switch (event.kind) {
      case 'sqs': {
        const queue = present(resources.queues.get(event.queue), `queue ${event.queue}`);
        this.sqs.push(new SqsEventSource(this.ctx, { label, config: event, queue, target: rt, rng }));
        break;
      }
      case 'stream': {
        const stream = present(resources.streams.get(event.stream), `stream ${event.stream}`);
        this.streams.push(new StreamEventSource(this.ctx, { label, config: event, stream, target: rt, rng }));
        break;
      }
      case 'schedule':
        this.schedules.push(
          new ScheduleSource(label, event.schedule, event.service, this.asyncQueueOf(rt), sim, windowMs),
        );
        break;
      case 's3':
      case 'sns':
        present(resources.notifiers.get(event.source), `bucket or topic ${event.source}`).subscribe(
          this.asyncQueueOf(rt),
        );
        break;
    }
  }

  private wireProvisioned(rt: FunctionRuntime): void {
    const fn = rt.config;
    const pc = fn.provisioned;
    if (pc.schedule.length === 0 && pc.autoScaling === null) return;
    const { sim, windowMs } = this.ctx;
    const controller = new ProvisionedController(
      fn.name,
      rt.provisioned,
      pc,
      fn.provisionedConcurrency,
      sim,
      windowMs,
    );
    this.provisioned.set(fn.name, controller);
  }

  /** The resource call for `call` (the i-th of `fn`'s calls) when it invokes a function or writes a message. */
  private callFor(
    fn: LambdaFunction,
    call: Call,
    i: number,
    resumer: RequestResumer,
    rng: Rng,
  ): ResourceCall | null {
    const { scenario, requests } = this.ctx;
    if (call.kind === 'function') {
      const callee = present(this.byName.get(call.function), `function ${call.function}`);
      const latency = makeSampler(call.latencyMs);
      if (call.invocation === 'async')
        return new WriteCall(this.asyncQueueOf(callee).invokeApi, requests, latency, rng, call.bytes);
      const retryRng = rng.fork('retry');
      return new SyncFunctionCall(this.ctx, {
        label: `${fn.name}:${i}`,
        callee,
        caller: resumer,
        policy: call.retry,
        latency,
        latencyRng: rng.fork('latency'),
        retryRng,
      });
    }
    if (call.kind !== 'resource') return null;
    const type = scenario.resources.find((r) => r.name === call.resource)?.type;
    if (type === undefined || !(type in DEFAULT_WRITE_LATENCY_MS)) return null;
    const latency = call.latencyWritten ? call.latencyMs : DEFAULT_WRITE_LATENCY_MS[type as MessagingType];
    const bytes = call.bytes > 0 ? call.bytes : 1024;
    return new WriteCall(this.sinkFor(call.resource), requests, makeSampler(latency), rng, bytes);
  }
}
