/**
 * Builds the AWS world of a scenario on a fresh Simulation and runs it: the pure, deterministic
 * heart of `lamsim run`. Same scenario and seed give the same result, bit for bit.
 *
 * RNG streams (design principle 4): one root stream from the seed, forked by purpose and name —
 * `traffic:<name>` (arrivals, overhead) and `function:<name>` (init, handler, idle, placement) —
 * so adding a draw in one model never shifts another, and a memory sweep sees the same arrivals.
 *
 * Window and drain: arrivals happen in [0, durationMs). Requests still running at the end finish
 * afterwards (at most the largest timeout later) and are counted and billed; time averages
 * and time series cover the window only.
 */

import type { ApiGatewayUsage, LambdaUsage, Usage } from '../billing/usage.ts';
import { Rng, Simulation } from '../engine/index.ts';
import { chooseBucketMs } from '../metrics/index.ts';
import type { Scenario, SyncVia } from '../scenario/types.ts';
import { ConcurrencyLimits } from './concurrency/concurrencyLimits.ts';
import { makeScalingLimiter } from './concurrency/scalingLimiter.ts';
import { EnvironmentTable } from './environments/environmentTable.ts';
import { FunctionRuntime, type RuntimeContext } from './functionRuntime.ts';
import { FRONT_DOORS } from './invocation/frontDoors.ts';
import type { InvocationSource } from './invocation/invocationSource.ts';
import { SyncCaller } from './invocation/syncCaller.ts';
import { FunctionStats } from './stats/functionStats.ts';
import { arrivalsFor } from './traffic/arrivalsFor.ts';

export interface SimulateOptions {
  /** Called with the fraction of the window simulated, 0 < f <= 1 (for progress bars). */
  readonly onProgress?: (fraction: number) => void;
}

export interface FunctionResult {
  readonly name: string;
  readonly stats: FunctionStats;
}

export interface RunResult {
  readonly scenario: Scenario;
  readonly windowMs: number;
  /** Width of the time-series buckets. */
  readonly bucketMs: number;
  readonly functions: readonly FunctionResult[];
  readonly usage: Usage;
  /** Events the engine processed (for benchmarks). */
  readonly events: number;
  /** When the last request of the window finished (>= windowMs when requests were draining). */
  readonly endMs: number;
}

const PROGRESS_STEPS = 100;

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const windowMs = scenario.durationMs;
  const bucketMs = chooseBucketMs(windowMs);
  const root = Rng.fromSeed(scenario.seed);
  const sim = new Simulation();
  const envs = new EnvironmentTable();
  const sources: InvocationSource[] = [];
  const runtimes: FunctionRuntime[] = [];
  let serial = 0;
  let draining = false;

  const dispatchToRuntime =
    (handler: (rt: FunctionRuntime, slot: number) => void) => (slot: number, generation: number) => {
      if (envs.generation[slot] !== generation) return; // the environment died since
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
      sources[envs.requestSource[slot]].onFinished(slot, sim.now);
      if (draining && runtimes.every((rt) => rt.inFlight === 0)) sim.stop();
    },
    nextSerial: () => serial++,
  };

  scenario.functions.forEach((fn, i) => {
    const stats = new FunctionStats(windowMs, bucketMs);
    runtimes.push(new FunctionRuntime(i, fn, stats, ctx, root.fork(`function:${fn.name}`)));
  });
  const functionIndex = new Map(scenario.functions.map((f, i) => [f.name, i]));

  const callers: SyncCaller[] = [];
  const streams = scenario.traffic.map((traffic) => {
    const rng = root.fork(`traffic:${traffic.name}`);
    const door = FRONT_DOORS[traffic.via as SyncVia];
    const caller = new SyncCaller(
      sources.length,
      runtimes[functionIndex.get(traffic.target)!],
      traffic.overheadMs,
      door.cutMs,
      envs,
      rng.fork('overhead'),
    );
    sources.push(caller);
    callers.push(caller);
    return arrivalsFor(traffic, windowMs, rng.fork('arrivals'));
  });

  const arrival = sim.on('arrival', (source) => {
    callers[source].arrive(sim.now);
    const next = streams[source].next();
    if (next < windowMs) sim.at(next, arrival, source);
  });
  streams.forEach((stream, i) => {
    const first = stream.next();
    if (first < windowMs) sim.at(first, arrival, i);
  });

  for (const rt of runtimes) rt.allocateProvisioned();

  for (let step = 1; step <= PROGRESS_STEPS; step++) {
    sim.runUntil((windowMs * step) / PROGRESS_STEPS);
    options.onProgress?.(step / PROGRESS_STEPS);
  }
  for (const rt of runtimes) rt.stats.closeWindow();
  let endMs = windowMs;
  if (runtimes.some((rt) => rt.inFlight > 0)) {
    draining = true;
    sim.runUntil(Number.POSITIVE_INFINITY);
    endMs = sim.now;
  }

  return {
    scenario,
    windowMs,
    bucketMs,
    functions: runtimes.map((rt) => ({ name: rt.config.name, stats: rt.stats })),
    usage: usageOf(scenario, runtimes, callers),
    events: sim.eventsProcessed,
    endMs,
  };
}

function usageOf(
  scenario: Scenario,
  runtimes: readonly FunctionRuntime[],
  callers: readonly SyncCaller[],
): Usage {
  const edgeTargets = new Set(
    scenario.traffic.filter((t) => t.via === 'cloudfront-edge').map((t) => t.target),
  );
  const lambda: LambdaUsage[] = runtimes.map((rt) => {
    const fn = rt.config;
    const s = rt.stats;
    return {
      function: fn.name,
      architecture: fn.architecture,
      memoryMb: fn.memoryMb,
      ephemeralStorageMb: fn.ephemeralStorageMb,
      edge: edgeTargets.has(fn.name),
      requests: s.requests,
      onDemandBilledMs: s.onDemandBilledMs,
      provisionedBilledMs: s.provisionedBilledMs,
      provisionedIntervals:
        fn.provisionedConcurrency > 0
          ? [{ concurrency: fn.provisionedConcurrency, durationMs: scenario.durationMs }]
          : [],
      logBytes: s.requests * fn.logBytesPerInvocation,
    };
  });
  // API Gateway bills every API call it receives, including those Lambda throttled.
  const apiGateway: ApiGatewayUsage[] = [];
  scenario.traffic.forEach((t, i) => {
    if (t.via === 'api-gateway-rest' || t.via === 'api-gateway-http') {
      apiGateway.push({
        type: t.via === 'api-gateway-rest' ? 'rest' : 'http',
        requests: callers[i].arrived,
        bytesPerRequest: t.payloadBytes,
      });
    }
  });
  return { region: scenario.region, windowMs: scenario.durationMs, lambda, apiGateway };
}
