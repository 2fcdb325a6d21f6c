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
 */

import { Rng, Simulation } from '../engine/index.ts';
import { chooseBucketMs } from '../metrics/index.ts';
import type { Scenario, SyncVia } from '../scenario/index.ts';
import { GATEWAY_TIMEOUT_MS, isAsyncVia } from '../scenario/index.ts';
import { ConcurrencyLimits } from './concurrency/concurrencyLimits.ts';
import { makeScalingLimiter } from './concurrency/scalingLimiter.ts';
import { EnvironmentTable } from './environments/environmentTable.ts';
import { FunctionRuntime, INIT_LIMIT_MS, type RuntimeContext } from './functionRuntime.ts';
import type { InvocationSource } from './invocation/invocationSource.ts';
import { maxRetryBackoffMs, SyncCaller } from './invocation/syncCaller.ts';
import {
  buildProgram,
  buildResources,
  closeResourcesWindow,
  resourcesResult,
  routesFor,
} from './resources.ts';
import type { FunctionResult, RunData } from './runData.ts';
import { buildSources } from './sources.ts';
import { FunctionStats } from './stats/functionStats.ts';
import { arrivalsFor } from './traffic/arrivalsFor.ts';
import { usageOf } from './usage.ts';

export interface SimulateOptions {
  /** Called with the fraction of the window simulated, 0 < f <= 1 (for progress bars). */
  readonly onProgress?: (fraction: number) => void;
}

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

const PROGRESS_STEPS = 100;

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunData {
  const windowMs = scenario.durationMs;
  const bucketMs = chooseBucketMs(windowMs);
  const root = Rng.fromSeed(scenario.seed);
  const sim = new Simulation();
  const envs = new EnvironmentTable();
  const sourceList: InvocationSource[] = [];
  const runtimes: FunctionRuntime[] = [];
  const callers: (SyncCaller | null)[] = [];
  let serial = 0;
  let requestSeq = 0;
  let draining = false;

  /** Handlers for events about an environment: dropped if the environment died since. */
  const dispatchToRuntime =
    (handler: (rt: FunctionRuntime, slot: number) => void) => (slot: number, generation: number) => {
      if (envs.generation[slot] !== generation) return;
      handler(runtimes[envs.fn[slot]], slot);
    };
  /** Handlers for events about a request: dropped if the request ended since. */
  const dispatchToRequest =
    (handler: (rt: FunctionRuntime, slot: number) => void) => (slot: number, seq: number) => {
      if (envs.requestSeq[slot] !== seq) return;
      handler(runtimes[envs.fn[slot]], slot);
    };
  const kinds = {
    initDone: sim.on(
      'init-done',
      dispatchToRuntime((rt, slot) => rt.onInitDone(slot)),
    ),
    invokeDone: sim.on(
      'invoke-done',
      dispatchToRuntime((rt, slot) => rt.onInvokeDone(slot)),
    ),
    expiryCheck: sim.on(
      'expiry-check',
      dispatchToRuntime((rt, slot) => rt.onExpiryCheck(slot)),
    ),
    provisionedReady: sim.on(
      'provisioned-ready',
      dispatchToRuntime((rt, slot) => rt.onProvisionedReady(slot)),
    ),
    stepDone: sim.on(
      'step-done',
      dispatchToRequest((rt, slot) => rt.calls.onStepDone(slot)),
    ),
    requestTimeout: sim.on(
      'request-timeout',
      dispatchToRequest((rt, slot) => rt.calls.onRequestTimeout(slot)),
    ),
  };
  const resources = buildResources(scenario, sim, root, windowMs, bucketMs);

  /** The drain ends when nothing runs and no synchronous caller owes a retry. */
  const maybeStop = () => {
    if (!draining) return;
    if (runtimes.some((rt) => rt.inFlight > 0)) return;
    if (callers.some((c) => c !== null && c.pendingRetries > 0)) return;
    sim.stop();
  };

  const ctx: RuntimeContext = {
    sim,
    envs,
    limits: new ConcurrencyLimits(scenario.account, scenario.functions),
    scaling: makeScalingLimiter(scenario.account, scenario.functions.length),
    platform: scenario.platform,
    billing: scenario.billing,
    kinds,
    onFinished: (slot) => {
      sourceList[envs.requestSource[slot]].onFinished(slot, sim.now);
      maybeStop();
    },
    nextSerial: () => serial++,
    nextRequestSeq: () => requestSeq++,
  };

  const functionRngs = scenario.functions.map((fn) => root.fork(`function:${fn.name}`));
  scenario.functions.forEach((fn, i) => {
    const stats = new FunctionStats(windowMs, bucketMs);
    runtimes.push(new FunctionRuntime(i, fn, stats, ctx, functionRngs[i], routesFor(fn, resources)));
  });
  const functionIndex = new Map(scenario.functions.map((f, i) => [f.name, i]));

  // Traffic: synchronous callers for functions behind a front door; writes for the rest.
  const sources = buildSources(
    scenario,
    runtimes,
    resources,
    envs,
    sim,
    root,
    windowMs,
    bucketMs,
    sourceList,
  );
  const arrive: ((nowMs: number) => void)[] = [];
  const streams = scenario.traffic.map((traffic) => {
    const rng = root.fork(`traffic:${traffic.name}`);
    if (traffic.targetKind === 'function' && !isAsyncVia(traffic.via)) {
      let caller: SyncCaller | undefined;
      const syncRetryKind = sim.on(`sync-retry:${traffic.name}`, (arrivalMs, attempt) => {
        caller!.retry(arrivalMs, attempt);
        maybeStop();
      });
      caller = new SyncCaller(
        sourceList.length,
        runtimes[functionIndex.get(traffic.target)!],
        traffic.overheadMs,
        GATEWAY_TIMEOUT_MS[traffic.via as SyncVia] ?? Number.POSITIVE_INFINITY,
        envs,
        rng.fork('overhead'),
        traffic.retry.maxAttempts > 1
          ? { sim, kind: syncRetryKind, rng: rng.fork('retry'), policy: traffic.retry }
          : null,
      );
      sourceList.push(caller);
      callers.push(caller);
      const c = caller;
      arrive.push((nowMs) => c.arrive(nowMs));
    } else {
      const sink = sources.sinkFor(traffic.target);
      const bytes = traffic.payloadBytes;
      callers.push(null);
      arrive.push((nowMs) => sink.put(nowMs, 0, bytes));
    }
    return arrivalsFor(traffic, windowMs, rng.fork('arrivals'));
  });

  runtimes.forEach((rt, i) => {
    const fn = scenario.functions[i];
    rt.attach(buildProgram(fn, resources, rt.calls, sim, functionRngs[i].fork('calls'), sources.messaging));
  });

  /** Requests each traffic source sent (front doors bill them, throttled or not). */
  const sent = new Float64Array(scenario.traffic.length);
  const arrival = sim.on('arrival', (source) => {
    sent[source]++;
    arrive[source](sim.now);
    const next = streams[source].next();
    if (next < windowMs) sim.at(next, arrival, source);
  });
  streams.forEach((stream, i) => {
    const first = stream.next();
    if (first < windowMs) sim.at(first, arrival, i);
  });
  const ageSample = sim.on('queue-age-sample', () => {
    for (const q of resources.queues.values()) q.sampleAge(sim.now);
    const next = sim.now + sampleEveryMs;
    if (next < windowMs) sim.at(next, ageSample);
  });
  const sampleEveryMs = bucketMs / 4;
  if (resources.queues.size > 0) sim.at(0, ageSample);

  for (const rt of runtimes) rt.allocateProvisioned(sources.provisioned.get(rt.config.name)?.initialLevel());
  sources.start();

  for (let step = 1; step <= PROGRESS_STEPS; step++) {
    sim.runUntil((windowMs * step) / PROGRESS_STEPS);
    options.onProgress?.(step / PROGRESS_STEPS);
  }
  sources.closeWindow();
  for (const rt of runtimes) rt.stats.closeWindow();
  closeResourcesWindow(resources);
  let endMs = windowMs;
  let unfinished = 0;
  if (runtimes.some((rt) => rt.inFlight > 0) || callers.some((c) => c !== null && c.pendingRetries > 0)) {
    draining = true;
    sim.runUntil(windowMs + drainAllowanceMs(scenario));
    endMs = sim.now;
    unfinished = runtimes.reduce((n, rt) => n + rt.inFlight, 0);
  }

  const functions = runtimes.map((rt): FunctionResult => {
    const name = rt.config.name;
    const controller = sources.provisioned.get(name);
    const provisionedIntervals = rt.provisionedIntervals(windowMs);
    return {
      name,
      ...rt.stats.result(),
      provisionedIntervals,
      async: sources.asyncQueues.get(name)?.result() ?? null,
      provisioned: controller
        ? {
            intervals: provisionedIntervals,
            peakLevel: controller.peakLevel,
            scaleOuts: controller.scaleOuts,
            scaleIns: controller.scaleIns,
          }
        : null,
    };
  });
  const traffic = scenario.traffic.map((t, i) => ({
    name: t.name,
    sent: sent[i],
    responded: callers[i]?.succeeded ?? 0,
  }));
  const resourceResults = resourcesResult(resources);
  const eventSources = sources.result();
  return {
    scenario,
    windowMs,
    bucketMs,
    functions,
    traffic,
    resources: resourceResults,
    eventSources,
    usage: usageOf(scenario, functions, traffic, resourceResults, eventSources),
    events: sim.eventsProcessed,
    endMs,
    unfinished,
  };
}
