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

import type {
  ApiGatewayUsage,
  LambdaUsage,
  NatGatewayUsage,
  RdsProxyUsage,
  Usage,
  VpcEndpointUsage,
} from '../billing/usage.ts';
import { Rng, Simulation } from '../engine/index.ts';
import { chooseBucketMs } from '../metrics/index.ts';
import { GATEWAY_TIMEOUT_MS } from '../scenario/defaults/vias.ts';
import type { Scenario, SyncVia } from '../scenario/types.ts';
import { ConcurrencyLimits } from './concurrency/concurrencyLimits.ts';
import { makeScalingLimiter } from './concurrency/scalingLimiter.ts';
import { EnvironmentTable } from './environments/environmentTable.ts';
import { FunctionRuntime, type RuntimeContext } from './functionRuntime.ts';
import type { InvocationSource } from './invocation/invocationSource.ts';
import { SyncCaller } from './invocation/syncCaller.ts';
import { buildProgram, buildResources, closeResourcesWindow, routesFor, type Resources } from './resources.ts';
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
  /** Databases, proxies and NAT gateways with their aggregates. */
  readonly resources: Resources;
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
      dispatchToRequest((rt, slot) => rt.onStepDone(slot)),
    ),
    requestTimeout: sim.on(
      'request-timeout',
      dispatchToRequest((rt, slot) => rt.onRequestTimeout(slot)),
    ),
  };
  const resources = buildResources(scenario, sim, root, windowMs, bucketMs);

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
    nextRequestSeq: () => requestSeq++,
  };

  scenario.functions.forEach((fn, i) => {
    const stats = new FunctionStats(windowMs, bucketMs);
    const rng = root.fork(`function:${fn.name}`);
    const runtime = new FunctionRuntime(i, fn, stats, ctx, rng, routesFor(fn, resources));
    runtime.attach(buildProgram(fn, resources, runtime, sim, rng.fork('calls')));
    runtimes.push(runtime);
  });
  const functionIndex = new Map(scenario.functions.map((f, i) => [f.name, i]));

  const callers: SyncCaller[] = [];
  const streams = scenario.traffic.map((traffic) => {
    const rng = root.fork(`traffic:${traffic.name}`);
    const caller = new SyncCaller(
      sources.length,
      runtimes[functionIndex.get(traffic.target)!],
      traffic.overheadMs,
      GATEWAY_TIMEOUT_MS[traffic.via as SyncVia] ?? Number.POSITIVE_INFINITY,
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
  closeResourcesWindow(resources);
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
    resources,
    usage: usageOf(scenario, runtimes, callers, resources),
    events: sim.eventsProcessed,
    endMs,
  };
}

function usageOf(
  scenario: Scenario,
  runtimes: readonly FunctionRuntime[],
  callers: readonly SyncCaller[],
  resources: Resources,
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
  const hours = scenario.durationMs / 3_600_000;
  const natGateways: NatGatewayUsage[] = [...resources.nats.values()].map((nat) => ({
    name: nat.config.name,
    azs: nat.config.azs,
    hours,
    processedBytes: nat.processedBytes,
  }));
  // RDS Proxy bills the vCPUs of its target instance (minimum applied by billing) for its lifetime.
  const rdsProxies: RdsProxyUsage[] = [...resources.proxies.values()].map((proxy) => ({
    name: proxy.config.name,
    target: 'instance',
    capacity: proxy.db.config.vcpus,
    hours,
  }));
  // Gateway endpoints are free; interface endpoints bill AZ-hours and processed bytes.
  const vpcEndpoints: VpcEndpointUsage[] = [...resources.endpoints.values()]
    .filter((e) => e.config.endpointType === 'interface')
    .map((e) => ({ name: e.config.name, azs: e.config.azs, hours, processedBytes: e.processedBytes }));
  return {
    region: scenario.region,
    windowMs: scenario.durationMs,
    lambda,
    apiGateway,
    natGateways,
    vpcEndpoints,
    rdsProxies,
  };
}
