/**
 * The normalized scenario: what every layer below the parser sees.
 *
 * Contract: every default is filled, every quantity is a number in its canonical unit
 * (durations in milliseconds, sizes in bytes unless the name says `Mb`, rates per second,
 * fractions in 0..1), and nothing is `undefined`. Written YAML is turned into this by
 * `parseScenario` (src/scenario/parse.ts); downstream code never parses units.
 */
import type { DistSpec } from '../engine/distributions.ts';

export const FORMAT_VERSION = 1;

export type Architecture = 'x86_64' | 'arm64';
export type PackageType = 'zip' | 'image';
export type ScalingMode = 'per-function-2023' | 'account-burst-legacy' | 'unlimited';
export type Placement = 'newest' | 'mru' | 'lru' | 'random';
export type SyncVia =
  | 'direct'
  | 'api-gateway-rest'
  | 'api-gateway-http'
  | 'alb'
  | 'function-url'
  | 'cloudfront-edge';
export type AsyncVia = 'async' | 's3' | 'sns' | 'eventbridge';
export type Via = SyncVia | AsyncVia;
export type ArrivalMode = 'poisson' | 'uniform';

export interface Scenario {
  readonly format: 1;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly region: string;
  /** The simulated window: arrivals happen in [0, durationMs). */
  readonly durationMs: number;
  readonly account: Account;
  readonly platform: Platform;
  readonly traffic: readonly Traffic[];
  /** In written order; a function's index in this list is its id inside the model. */
  readonly functions: readonly LambdaFunction[];
  readonly resources: readonly Resource[];
  readonly billing: Billing;
  /** Service-level objectives (the `slo:` block), in SLO_METRICS order; empty when none is written. */
  readonly slo: readonly SloObjective[];
}

export interface Account {
  readonly concurrentExecutions: number;
  readonly unreservedMinimum: number;
  readonly scaling: ScalingMode;
  /** account-burst-legacy: environments available at once (3000/1000/500 by region). */
  readonly burstLimit: number;
}

export interface Platform {
  /** How long an idle environment lives before it is reclaimed. */
  readonly idleTimeoutMs: DistSpec;
  /** An environment is retired at this age, after its current request; Infinity = never. */
  readonly maxLifetimeMs: number;
  readonly placement: Placement;
}

export interface Phase {
  readonly name: string;
  /** Start of the phase in the window (phases run back to back). */
  readonly startMs: number;
  readonly durationMs: number;
  /** Arrivals per second at the start of the phase. */
  readonly arrivalRate: number;
  /** Arrivals per second at the end of the phase (= arrivalRate when there is no ramp). */
  readonly rampTo: number;
}

export type Arrivals =
  | { readonly kind: 'phases'; readonly phases: readonly Phase[] }
  /** Replayed arrival times in ms from the start of the window, ascending. */
  | { readonly kind: 'trace'; readonly timesMs: readonly number[] };

export interface Traffic {
  readonly name: string;
  /** Name of a function or of a resource (queue, stream). */
  readonly target: string;
  readonly targetKind: 'function' | 'resource';
  readonly via: Via;
  readonly mode: ArrivalMode;
  readonly arrivals: Arrivals;
  /** Event payload size (metering of async requests in 64 KB chunks, gateway metering). */
  readonly payloadBytes: number;
  /**
   * Latency the front door (`via`) adds to a synchronous caller's round trip (extension key
   * `overhead`; default by `via`, see src/model/invocation/frontDoors.ts).
   */
  readonly overheadMs: DistSpec;
}

export interface Vpc {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly eniMode: 'hyperplane' | 'legacy';
  /** Free IP addresses per subnet; each legacy ENI takes one. */
  readonly ipsPerSubnet: number;
}

export type Call =
  /** A call to the public internet (through a NAT gateway when the function is in a VPC). */
  | {
      readonly kind: 'internet';
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
    }
  /**
   * A call to a named resource: a database or proxy (its behaviour comes from the resource), or
   * a VPC endpoint (a fixed-latency call to an AWS service that stays off the NAT gateway;
   * `latencyMs` and `bytes` are used only there).
   */
  | {
      readonly kind: 'resource';
      readonly resource: string;
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      /** Whether `latency` was written (a rule requires it for endpoints, forbids it elsewhere). */
      readonly latencyWritten: boolean;
    };

export interface FunctionModel {
  /** INIT phase duration (default: measured, by runtime, architecture and packaging). */
  readonly initMs: DistSpec;
  /** CPU-bound handler work as measured at `computeAtMb`. */
  readonly computeMs: DistSpec;
  readonly computeAtMb: number;
  /** How many vCPUs the handler's code can use at once. */
  readonly threads: number;
  /** Waiting that memory does not speed up. */
  readonly ioMs: DistSpec;
  /** Downstream calls made in sequence by each invocation, after compute and io. */
  readonly calls: readonly Call[];
  /** Fraction of invocations that end in a function error, 0..1. */
  readonly errorRate: number;
}

export interface LambdaFunction {
  readonly name: string;
  readonly runtime: string;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  readonly ephemeralStorageMb: number;
  readonly packageType: PackageType;
  /** null = the function draws on the account's unreserved pool. */
  readonly reservedConcurrency: number | null;
  /** Environments initialised before traffic; 0 = none. */
  readonly provisionedConcurrency: number;
  readonly vpc: Vpc | null;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
  /** CloudWatch Logs bytes written per invocation (billing). */
  readonly logBytesPerInvocation: number;
  readonly model: FunctionModel;
}

export type DatabaseEngine = 'rds-postgres' | 'rds-mysql' | 'aurora-postgresql' | 'aurora-mysql';

export interface Database {
  readonly type: DatabaseEngine;
  readonly name: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly maxConnections: number;
  /** Time one query holds a connection (and a database vCPU). */
  readonly queryMs: DistSpec;
  /** Time to open a connection (TCP + TLS + auth). */
  readonly connectMs: DistSpec;
  readonly connectionScope: 'environment' | 'invocation';
}

export interface RdsProxy {
  readonly type: 'rds-proxy';
  readonly name: string;
  readonly target: string;
  /** Fractions 0..1 of the target's max_connections. */
  readonly maxConnectionsPercent: number;
  readonly maxIdleConnectionsPercent: number;
  readonly connectionBorrowTimeoutMs: number;
  /** Fraction of client sessions pinned to one database connection, 0..1. */
  readonly pinning: number;
  readonly overheadMs: DistSpec;
}

export interface NatGateway {
  readonly type: 'nat-gateway';
  readonly name: string;
  readonly azs: number;
  readonly latencyMs: DistSpec;
}

export interface VpcEndpoint {
  readonly type: 'vpc-endpoint';
  readonly name: string;
  /** The AWS service reached, e.g. s3, dynamodb, sqs. */
  readonly service: string;
  /** gateway: S3/DynamoDB, free; interface: PrivateLink, billed per AZ-hour and per GB. */
  readonly endpointType: 'gateway' | 'interface';
  readonly azs: number;
  readonly latencyMs: DistSpec;
}

export type Resource = Database | RdsProxy | NatGateway | VpcEndpoint;

export interface Billing {
  /** Apply the always-free tier (1M requests + 400,000 GB-s per month). */
  readonly freeTier: boolean;
  readonly granularityMs: 1 | 100;
  /** INIT billed for on-demand functions (AWS since 2025-08-01). */
  readonly initBilled: boolean;
  /** Price overrides by price id (USD), see src/billing/prices. */
  readonly prices: Readonly<Record<string, number>>;
}

/**
 * Metrics a service-level objective can bound (the `slo:` block, `lamsim plan --slo`): latency
 * percentiles (ms), throttle/error/cold-start/timeout rates (fractions), database connection errors
 * (a count) and queue age (ms). See src/experiments/slo.ts for how each is measured.
 */
export const SLO_METRICS = [
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
  'throttleRate',
  'errorRate',
  'coldStartRate',
  'timeoutRate',
  'dbConnectionErrors',
  'queueAge',
] as const;
export type SloMetric = (typeof SLO_METRICS)[number];

/** How each SLO metric is written and measured: a duration (ms), a fraction (0..1) or a count. */
export const SLO_METRIC_KINDS: Readonly<Record<SloMetric, 'duration' | 'fraction' | 'count'>> = {
  p50: 'duration',
  p90: 'duration',
  p95: 'duration',
  p99: 'duration',
  max: 'duration',
  throttleRate: 'fraction',
  errorRate: 'fraction',
  coldStartRate: 'fraction',
  timeoutRate: 'fraction',
  dbConnectionErrors: 'count',
  queueAge: 'duration',
};

/** An objective `metric <= max`, `max` in the metric's canonical unit (ms, fraction, count). */
export interface SloObjective {
  readonly metric: SloMetric;
  readonly max: number;
}
