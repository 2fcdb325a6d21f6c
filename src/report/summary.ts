/**
 * summary.json: the contract's output (scenario-format.md "Report bundle"), built from a run's
 * aggregates and its bill. Pure and deterministic: key order is fixed here, numbers come from
 * the run, nothing depends on wall-clock time.
 *
 * Extensions beyond the contract (allowed by it): `provenance`, `window.bucketMs`/`endMs`,
 * per function `throttledBy`, `gatewayTimeouts`, `latencyColdMs`, `latencyWarmMs`,
 * `environments.{meanInitializing, reclaimed, retired}`, `suppressedInits`, `billing`.
 */
import type { CostBreakdown } from '../billing/index.ts';
import type { Provenance } from '../experiments/provenance.ts';
import type { Histogram } from '../metrics/index.ts';
import type { FunctionResult, RunResult } from '../model/world.ts';

export interface Percentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface FunctionSummary {
  readonly invocations: {
    readonly arrived: number;
    readonly started: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly timedOut: number;
    readonly throttled: number;
    readonly retried: number;
    readonly dropped: number;
  };
  readonly throttledBy: {
    readonly reservedConcurrency: number;
    readonly accountConcurrency: number;
    readonly scalingRate: number;
  };
  readonly gatewayTimeouts: number;
  readonly coldStarts: number;
  readonly coldStartRate: number;
  readonly throttleRate: number;
  readonly latencyMs: Percentiles;
  readonly latencyColdMs: Percentiles;
  readonly latencyWarmMs: Percentiles;
  readonly durationMs: Percentiles;
  readonly initDurationMs: {
    readonly mean: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
  readonly suppressedInits: number;
  readonly concurrency: { readonly peak: number; readonly mean: number };
  readonly environments: {
    readonly created: number;
    readonly peak: number;
    readonly meanLive: number;
    readonly meanBusy: number;
    readonly meanIdle: number;
    readonly meanInitializing: number;
    readonly reclaimed: number;
    readonly retired: number;
  };
}

export interface Summary {
  readonly lamsim: { readonly version: string; readonly format: number };
  readonly scenario: string;
  readonly seed: number;
  readonly provenance: { readonly scenarioHash: string };
  readonly window: { readonly durationMs: number; readonly bucketMs: number; readonly endMs: number };
  readonly functions: Readonly<Record<string, FunctionSummary>>;
  readonly resources: Readonly<Record<string, ResourceSummary>>;
  readonly cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown };
}

/** Milliseconds to microsecond precision: keeps summaries readable and stable. */
const ms = (x: number): number => Math.round(x * 1000) / 1000;
const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

function percentiles(h: Histogram): Percentiles {
  const s = h.summary();
  return { mean: ms(s.mean), p50: ms(s.p50), p90: ms(s.p90), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
}

export function summarizeFunction(f: FunctionResult): FunctionSummary {
  const s = f.stats;
  const levels = s.levels;
  const init = s.init.summary();
  return {
    invocations: {
      arrived: s.arrived,
      started: s.started,
      succeeded: s.succeeded,
      failed: s.failed,
      timedOut: s.timedOut,
      throttled: s.throttled,
      retried: s.retried,
      dropped: s.dropped,
    },
    throttledBy: s.throttledByReason,
    gatewayTimeouts: s.gatewayTimeouts,
    coldStarts: s.coldStarts,
    coldStartRate: ratio(s.coldStarts, s.started),
    throttleRate: ratio(s.throttled, s.arrived),
    latencyMs: percentiles(s.latency),
    latencyColdMs: percentiles(s.latencyCold),
    latencyWarmMs: percentiles(s.latencyWarm),
    durationMs: percentiles(s.duration),
    initDurationMs: { mean: ms(init.mean), p50: ms(init.p50), p99: ms(init.p99), max: ms(init.max) },
    suppressedInits: s.suppressedInits,
    concurrency: { peak: levels.concurrency.peak, mean: levels.concurrency.mean },
    environments: {
      created: s.environmentsCreated,
      peak: levels.live.peak,
      meanLive: levels.live.mean,
      meanBusy: levels.concurrency.mean,
      meanIdle: levels.idle.mean,
      meanInitializing: levels.initializing.mean,
      reclaimed: s.environmentsReclaimed,
      retired: s.environmentsRetired,
    },
  };
}

export interface DatabaseSummary {
  readonly type: string;
  readonly instanceClass: string;
  readonly maxConnections: number;
  readonly peakConnections: number;
  readonly meanConnections: number;
  readonly connectionErrors: number;
  readonly queries: number;
  readonly queryMs: Percentiles;
  /** Mean vCPUs busy with queries over the window, and as a share of the instance's vCPUs. */
  readonly meanBusyVcpus: number;
  readonly cpuUtilization: number;
}

export interface ProxySummary {
  readonly type: 'rds-proxy';
  readonly poolSize: number;
  readonly borrows: number;
  readonly borrowWaits: number;
  /** Mean wait per borrow, zero for borrows that found a connection at once. */
  readonly meanBorrowWaitMs: number;
  readonly borrowTimeouts: number;
  readonly peakClientConnections: number;
  readonly meanClientConnections: number;
  readonly meanPoolInUse: number;
}

export interface NatSummary {
  readonly type: 'nat-gateway';
  readonly calls: number;
  readonly processedBytes: number;
}

export interface EndpointSummary {
  readonly type: 'vpc-endpoint';
  readonly endpointType: 'gateway' | 'interface';
  readonly service: string;
  readonly calls: number;
  readonly processedBytes: number;
}

export type ResourceSummary = DatabaseSummary | ProxySummary | NatSummary | EndpointSummary;

export function summarizeResources(run: RunResult): Record<string, ResourceSummary> {
  const out: Record<string, ResourceSummary> = {};
  for (const r of run.scenario.resources) {
    const db = run.resources.databases.get(r.name);
    if (db) {
      const w = db.window;
      out[r.name] = {
        type: db.config.type,
        instanceClass: db.config.instanceClass,
        maxConnections: db.config.maxConnections,
        peakConnections: w.peakConnections,
        meanConnections: w.meanConnections,
        connectionErrors: db.connectionErrors,
        queries: db.queries,
        queryMs: percentiles(db.queryTime),
        meanBusyVcpus: w.meanBusyVcpus,
        cpuUtilization: w.meanBusyVcpus / db.config.vcpus,
      };
      continue;
    }
    const proxy = run.resources.proxies.get(r.name);
    if (proxy) {
      const w = proxy.window;
      out[r.name] = {
        type: 'rds-proxy',
        poolSize: proxy.poolSize,
        borrows: proxy.borrows,
        borrowWaits: proxy.borrowWaits,
        meanBorrowWaitMs: ms(proxy.meanBorrowWaitMs),
        borrowTimeouts: proxy.borrowTimeouts,
        peakClientConnections: w.peakClientConnections,
        meanClientConnections: w.meanClientConnections,
        meanPoolInUse: w.meanPoolInUse,
      };
      continue;
    }
    const nat = run.resources.nats.get(r.name);
    if (nat) out[r.name] = { type: 'nat-gateway', calls: nat.calls, processedBytes: nat.processedBytes };
    const endpoint = run.resources.endpoints.get(r.name);
    if (endpoint) {
      out[r.name] = {
        type: 'vpc-endpoint',
        endpointType: endpoint.config.endpointType,
        service: endpoint.config.service,
        calls: endpoint.calls,
        processedBytes: endpoint.processedBytes,
      };
    }
  }
  return out;
}

export function buildSummary(
  run: RunResult,
  cost: { readonly window: CostBreakdown; readonly monthly: CostBreakdown },
  provenance: Provenance,
): Summary {
  return {
    lamsim: { version: provenance.version, format: provenance.format },
    scenario: run.scenario.name,
    seed: provenance.seed,
    provenance: { scenarioHash: provenance.scenarioHash },
    window: { durationMs: run.windowMs, bucketMs: run.bucketMs, endMs: ms(run.endMs) },
    functions: Object.fromEntries(run.functions.map((f) => [f.name, summarizeFunction(f)])),
    resources: summarizeResources(run),
    cost,
  };
}

/** The bytes of summary.json: two-space JSON and a final newline. */
export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
