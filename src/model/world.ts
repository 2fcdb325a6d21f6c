/**
 * Builds the AWS world of a scenario on a fresh Simulation and runs it: the pure, deterministic
 * heart of `lamsim run`. Same scenario and seed give the same result, bit for bit.
 *
 * RNG streams (design principle 4): one root stream from the seed, forked by purpose and name —
 * `traffic:<name>` (arrivals, overhead, SDK retries), `function:<name>` (init, handler, idle,
 * placement, calls), `resource:<name>` and `esm:<function>:<i>` (./sources.ts) — so adding a draw
 * in one model never shifts another, and a memory sweep sees the same arrivals.
 *
 * Window and drain: arrivals happen in [0, durationMs). At the end every source stops starting new
 * work (async events, queued messages and stream records left are counted as still waiting);
 * requests still running finish afterwards, with the retries synchronous callers still owe, and
 * are counted and billed; time averages and time series cover the window only. The drain is
 * bounded (drainAllowanceMs): the run never simulates past the window plus the longest timeout,
 * INIT's limit and the longest backoff a caller may still owe. What still runs then was started
 * after the window by a chain of synchronous calls (a recursive one with `recursiveLoop: allow`
 * never ends); it is left unfinished, neither counted nor billed, and reported as `unfinished`.
 *
 * Build order matters for determinism (events at equal times run in scheduling order): resources,
 * runtimes, sources, traffic, resource-call programs; then, before the run, the first arrivals,
 * queue-age sampling, provisioned environments at time 0, and the sources' own schedules.
 */

import { Rng, Simulation } from '../engine/index.ts';
import { chooseBucketMs, seriesMaker } from '../metrics/index.ts';
import { present } from '../result.ts';
import type { Scenario, Traffic } from '../scenario/index.ts';
import { isAsyncVia } from '../scenario/index.ts';
import { collect } from './collectRun.ts';
import { ConcurrencyLimits } from './concurrency/concurrencyLimits.ts';
import { RequestRateLimit } from './concurrency/requestRateLimit.ts';
import { makeScalingLimiter } from './concurrency/scalingLimiter.ts';
import { EnvironmentTable } from './environments/environmentTable.ts';
import { INIT_LIMIT_MS } from './function/coldStart.ts';
import { FunctionRuntime, type RuntimeContext } from './function/functionRuntime.ts';
import type { DrawMemo } from './handler/drawMemo.ts';
import { SourceRegistry } from './invocation/invocationSource.ts';
import { maxRetryBackoffMs, SyncCaller } from './invocation/syncCaller.ts';
import {
  buildProgram,
  buildResources,
  closeResourcesWindow,
  type Resources,
  routesFor,
  startQueueAgeSampling,
  startResourcesRecording,
} from './resources.ts';
import type { RunData } from './runData.ts';
import { Sources } from './sources.ts';
import { FunctionStats } from './stats/functionStats.ts';
import type { ArrivalMemo } from './traffic/arrivalMemo.ts';
import { arrivalsFor } from './traffic/arrivalsFor.ts';
import { TrafficSource, type TrafficTarget } from './traffic/trafficSource.ts';

export interface SimulateOptions {
  /** Called with the fraction of the window simulated, 0 < f <= 1 (for progress bars). */
  readonly onProgress?: (fraction: number) => void;
  /** Simulate one time shard of the window instead of all of it (see ShardWindow). */
  readonly shard?: ShardWindow;
  /**
   * Record the time series (default true): the functions', the resources' (databases, proxies,
   * queues, streams, gateways, endpoints, secrets) and the event sources'. false: every series in
   * RunData covers no time (an empty window: no counts, no peaks), and the run skips the work of
   * filling them (an update is a no-op: metrics/seriesMaker.ts); everything else, the summary
   * included, is the same to the last bit. For runs whose summary is all that is read: the runs
   * of plan, tune and replications after the first, sweep jobs that carry no run.
   */
  readonly series?: boolean;
  /**
   * Arrival times kept across runs (./traffic/arrivalMemo.ts): a run replays a traffic source's
   * arrivals from it when an earlier run kept the same ones, and keeps its own. The run is the
   * same to the last bit with or without it. For batches whose runs share their traffic (a memory
   * sweep's points).
   */
  readonly arrivals?: ArrivalMemo;
  /**
   * Handler times kept across runs (./handler/drawMemo.ts): a function's compute and io draws are
   * replayed from it when an earlier run drew the same ones, and this run's are kept. The run is
   * the same to the last bit with or without it. For the same batches as `arrivals`.
   */
  readonly draws?: DrawMemo;
}

/**
 * One time shard of the window (issue 15): the run starts arrivals at `fromMs` (the slice's start
 * minus its warm-up), forgets what it measured before `recordFromMs` (the slice's start: every
 * component's recording starts again before any event at that time), and ends at `untilMs` (the
 * slice's end) before any event at that time, unless it drains (the last slice, which ends as a
 * whole run does). So every event of a border instant is recorded by exactly one shard. Series
 * keep the whole window's grid; time averages cover [recordFromMs, untilMs). Every recorder
 * restarts: functions, traffic, Lambda's asynchronous event queues, provisioned-concurrency
 * controllers, event source mappings, schedules and resources (experiments/shardPlan.ts refuses
 * what a warm-up cannot rebuild).
 */
export interface ShardWindow {
  readonly fromMs: number;
  readonly recordFromMs: number;
  readonly untilMs: number;
  readonly drain: boolean;
  /** Names the shard's random streams, forked from the seed's root stream. */
  readonly streams: string;
}

const PROGRESS_STEPS = 100;

/**
 * How long after the window the run may go on: the longest function timeout, INIT's 10 s limit
 * (a request admitted just before the end may cold-start) and the longest backoff a synchronous
 * caller (traffic or a function's Invoke call) may still owe before its last attempt. Every
 * invocation started before the window ended, or by a retry owed then, has finished by
 * window + this; only chains of calls started during the drain can reach it.
 */
export function drainAllowanceMs(scenario: Scenario): number {
  let timeoutMs = 0;
  let backoffMs = 0;
  for (const fn of scenario.functions) {
    timeoutMs = Math.max(timeoutMs, fn.timeoutMs);
    for (const call of fn.model.calls) {
      if (call.kind === 'function' && call.invocation === 'sync') {
        backoffMs = Math.max(backoffMs, maxRetryBackoffMs(call.retry));
      }
    }
  }
  for (const t of scenario.traffic) backoffMs = Math.max(backoffMs, maxRetryBackoffMs(t.retry));
  return timeoutMs + INIT_LIMIT_MS + backoffMs;
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunData {
  const world = buildWorld(scenario, options.shard, options.series ?? true, options.arrivals, options.draws);
  const { sim, runtimes, traffic, sources, resources, span } = world;
  for (const t of traffic) t.start();
  startQueueAgeSampling(resources, sim, world.windowMs, world.bucketMs);
  for (const rt of runtimes) rt.allocateProvisioned(sources.provisioned.get(rt.config.name)?.initialLevel());
  sources.start(span.fromMs);

  for (let step = 1; step <= PROGRESS_STEPS; step++) {
    sim.runUntil(span.fromMs + ((span.untilMs - span.fromMs) * step) / PROGRESS_STEPS);
    options.onProgress?.(step / PROGRESS_STEPS);
  }
  sources.closeWindow(span.untilMs);
  for (const rt of runtimes) rt.stats.closeWindow(span.untilMs);
  closeResourcesWindow(resources, span.untilMs);
  let endMs = span.untilMs;
  let unfinished = 0;
  if (world.busy() && (options.shard?.drain ?? true)) {
    world.state.draining = true;
    sim.runUntil(world.windowMs + drainAllowanceMs(scenario));
    endMs = sim.now;
    unfinished = runtimes.reduce((n, rt) => n + rt.inFlight, 0);
  }
  return collect(scenario, {
    ...world,
    endMs,
    unfinished,
    recordFromMs: span.recordFromMs,
    untilMs: span.untilMs,
    events: sim.eventsProcessed - world.state.eventsBefore,
  });
}

/** Where arrivals start (fromMs), recording starts (recordFromMs), and arrivals end (untilMs). */
interface Span {
  readonly fromMs: number;
  readonly recordFromMs: number;
  readonly untilMs: number;
}

/** A scenario's world, built and not started (build order: see the file comment). */
interface World {
  readonly sim: Simulation;
  readonly windowMs: number;
  readonly bucketMs: number;
  readonly span: Span;
  readonly resources: Resources;
  readonly runtimes: readonly FunctionRuntime[];
  readonly sources: Sources;
  readonly traffic: readonly TrafficSource[];
  /** The synchronous caller of each traffic source (null for writes to a queue, stream, ...). */
  readonly callers: readonly (SyncCaller | null)[];
  /** True while a request runs or a synchronous caller owes a retry. */
  readonly busy: () => boolean;
  /** `draining`: the window ended and the run stops when nothing is busy; `eventsBefore`: events before recording began. */
  readonly state: { draining: boolean; eventsBefore: number };
}

function buildWorld(
  scenario: Scenario,
  shard: ShardWindow | undefined,
  recordSeries: boolean,
  memo: ArrivalMemo | undefined,
  draws: DrawMemo | undefined,
): World {
  const windowMs = scenario.durationMs;
  const bucketMs = chooseBucketMs(windowMs);
  const series = seriesMaker(windowMs, bucketMs, recordSeries);
  const root = shard ? Rng.fromSeed(scenario.seed).fork(shard.streams) : Rng.fromSeed(scenario.seed);
  const sim = new Simulation();
  const span = {
    fromMs: shard?.fromMs ?? 0,
    recordFromMs: shard?.recordFromMs ?? 0,
    untilMs: shard?.untilMs ?? windowMs,
  };
  const state = { draining: false, eventsBefore: 0 };
  if (shard) scheduleShardHooks(sim, shard, () => restartRecording(world, span.recordFromMs));
  const envs = new EnvironmentTable();
  const registry = new SourceRegistry();
  const resources = buildResources(scenario, sim, root, windowMs, series);
  const callers: (SyncCaller | null)[] = [];
  const busy = () =>
    runtimes.some((rt) => rt.inFlight > 0) || callers.some((c) => c !== null && c.pendingRetries > 0);
  const drainCheck = () => {
    if (state.draining && !busy()) sim.stop();
  };
  const ctx = runtimeContext(scenario, sim, envs, registry, drainCheck);
  const functionRngs = scenario.functions.map((fn) => root.fork(`function:${fn.name}`));
  const runtimes = scenario.functions.map(
    (fn, i) =>
      new FunctionRuntime(
        i,
        fn,
        new FunctionStats(windowMs, series),
        ctx,
        functionRngs[i],
        routesFor(fn, resources),
        draws ?? null,
      ),
  );
  const sourcesWiring = {
    scenario,
    runtimes,
    resources,
    sim,
    requests: envs.requests,
    registry,
    root,
    windowMs,
    series,
  };
  const sources = new Sources(sourcesWiring);
  const traffic = scenario.traffic.map((t) => {
    const rng = root.fork(`traffic:${t.name}`);
    const target = trafficTarget(t, rng, { sim, runtimes, sources, registry, envs, drainCheck });
    callers.push(target instanceof SyncCaller ? target : null);
    const make = () => arrivalsFor(t, span.untilMs, rng.fork('arrivals'), span.fromMs);
    const arrivals = memo
      ? memo.arrivals(t, { seed: scenario.seed, streams: shard ? shard.streams : null, ...span }, make)
      : make();
    return new TrafficSource(t.name, arrivals, target, sim, span.untilMs);
  });
  runtimes.forEach((rt, i) => {
    const fn = scenario.functions[i];
    rt.attach(buildProgram(fn, resources, rt.calls, sim, functionRngs[i].fork('calls'), sources.messaging));
  });
  const world: World = {
    sim,
    windowMs,
    bucketMs,
    span,
    resources,
    runtimes,
    sources,
    traffic,
    callers,
    busy,
    state,
  };
  return world;
}

/** What every function runtime of a run shares: limits, platform, billing, numbering. */
function runtimeContext(
  scenario: Scenario,
  sim: Simulation,
  envs: EnvironmentTable,
  sources: SourceRegistry,
  afterFinish: () => void,
): RuntimeContext {
  let requestSeq = 0;
  return {
    sim,
    envs,
    limits: new ConcurrencyLimits(scenario.account, scenario.functions),
    scaling: makeScalingLimiter(scenario.account, scenario.functions.length),
    requestRate: new RequestRateLimit(scenario.account),
    platform: scenario.platform,
    billing: scenario.billing,
    sources,
    afterFinish,
    nextRequestSeq: () => requestSeq++,
  };
}

/**
 * A shard's two instants, scheduled before anything else so each runs before any other event at
 * its time: recording restarts at `recordFromMs` (when after 0), and an undrained shard stops at
 * `untilMs`.
 */
function scheduleShardHooks(sim: Simulation, shard: ShardWindow, onRecord: () => void): void {
  if (shard.recordFromMs > 0) sim.at(shard.recordFromMs, sim.on('shard:record', onRecord));
  if (!shard.drain)
    sim.at(
      shard.untilMs,
      sim.on('shard:end', () => sim.stop()),
    );
}

/** Forgets what the world measured before `recordFromMs` (a shard's warm-up). */
function restartRecording(world: World, recordFromMs: number): void {
  for (const rt of world.runtimes) rt.stats.startRecording(recordFromMs, rt.inFlight);
  world.sources.startRecording(recordFromMs);
  startResourcesRecording(world.resources, recordFromMs);
  for (const t of world.traffic) t.sent = 0;
  for (const c of world.callers) if (c) c.succeeded = 0;
  world.state.eventsBefore = world.sim.eventsProcessed;
}

interface TrafficWiring {
  readonly sim: Simulation;
  readonly runtimes: readonly FunctionRuntime[];
  readonly sources: Sources;
  readonly registry: SourceRegistry;
  readonly envs: EnvironmentTable;
  readonly drainCheck: () => void;
}

/** A synchronous caller for a function behind a front door; a write to the target's sink otherwise. */
function trafficTarget(t: Traffic, rng: Rng, w: TrafficWiring): TrafficTarget {
  if (t.targetKind !== 'function' || isAsyncVia(t.via)) {
    // `via: async` is a client calling Invoke (InvocationType Event): the request-rate quota
    // applies; s3, sns and eventbridge are AWS services invoking the function: it does not.
    const sink =
      t.targetKind === 'function' && t.via === 'async'
        ? w.sources.invokeApiFor(t.target)
        : w.sources.sinkFor(t.target);
    const bytes = t.payloadBytes;
    return { arrive: (nowMs) => sink.put(nowMs, 0, bytes) };
  }
  const retries =
    t.retry.maxAttempts > 1
      ? { sim: w.sim, rng: rng.fork('retry'), policy: t.retry, afterRetry: w.drainCheck }
      : null;
  return new SyncCaller({
    name: t.name,
    target: present(
      w.runtimes.find((rt) => rt.config.name === t.target),
      `function ${t.target}`,
    ),
    overheadMs: t.overheadMs,
    cutMs: t.integrationTimeoutMs,
    requests: w.envs.requests,
    registry: w.registry,
    rng: rng.fork('overhead'),
    retries,
  });
}
