/** A normalized Lambda function: its settings, its model (how the code behaves) and its calls. */
import type { DistSpec } from '../../engine/index.ts';
import type { RuntimeProfile } from '../defaults/runtimes.ts';
import type { EventSource, ProvisionedConfig } from './eventSources.ts';
import type { RetryPolicy } from './traffic.ts';

export type Architecture = 'x86_64' | 'arm64';
export type PackageType = 'zip' | 'image';
/** What a function does when AWS detects a recursive loop (Lambda `RecursiveLoop`). */
export type RecursiveLoop = 'terminate' | 'allow';

export interface Vpc {
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly eniMode: 'hyperplane' | 'legacy';
  /** Free IP addresses per subnet; each legacy ENI takes one. */
  readonly ipsPerSubnet: number;
}

/** When a fixed-latency call is made: by every invocation, or once per environment during INIT. */
export type CallPhase = 'invoke' | 'init';

export type Call =
  /** A call to the public internet (through a NAT gateway when the function is in a VPC). */
  | {
      readonly kind: 'internet';
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      readonly phase: CallPhase;
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
      /** `init` only for fixed-latency calls (VPC endpoint, secret): a rule checks. */
      readonly phase: CallPhase;
    }
  /**
   * A call to another function through the Invoke API: `sync` (RequestResponse: waits for the
   * answer, retries throttles as the SDK does) or `async` (Event: queued, answered at once).
   * `latencyMs` is the API call's own round trip (async), or what it adds to the callee's time (sync).
   */
  | {
      readonly kind: 'function';
      readonly function: string;
      readonly invocation: 'sync' | 'async';
      readonly count: number;
      readonly bytes: number;
      readonly latencyMs: DistSpec;
      readonly retry: RetryPolicy;
    };

export interface FunctionModel {
  /** INIT phase duration (default: measured, by runtime, architecture and packaging). */
  readonly initMs: DistSpec;
  /** True when `initMs` is the measured default (not written), so a resize may pick another row. */
  readonly initMeasured: boolean;
  /**
   * Before INIT on a cold start (placement, code download, sandbox start): the caller waits, Lambda
   * neither reports (Init Duration) nor bills it. Default by package type (../defaults/preInit.ts).
   */
  readonly preInitMs: DistSpec;
  /** Added to every `preInitMs` draw: the default's package-size term (0 when `preInit` is written). */
  readonly preInitExtraMs: number;
  /** With SnapStart, the time to restore the snapshot (instead of INIT). */
  readonly restoreMs: DistSpec;
  /** CPU-bound handler work as measured at `computeAtMb`. */
  readonly computeMs: DistSpec;
  readonly computeAtMb: number;
  /** How many vCPUs the handler's code can use at once. */
  readonly threads: number;
  /** Relative compute speed by architecture (`archSpeed`; default 1 each): only the ratio matters. */
  readonly archSpeed: Readonly<Record<Architecture, number>>;
  /** The architecture `compute` (and `perRecord.compute`) was measured on: the function's written one. */
  readonly computeArchitecture: Architecture;
  /** Waiting that memory does not speed up. */
  readonly ioMs: DistSpec;
  /** Downstream calls made in sequence by each invocation, after compute and io. */
  readonly calls: readonly Call[];
  /**
   * Fraction of invocations that end in a function error, 0..1. For batches (SQS, streams) it is
   * per record: a batch of n records fails when any record fails, 1 - (1 - errorRate)^n.
   */
  readonly errorRate: number;
  /** Handler time per record of a batch (SQS, streams), added n times: CPU part, scaled by memory. */
  readonly perRecordComputeMs: DistSpec;
  /** Handler time per record of a batch that memory does not speed up. */
  readonly perRecordIoMs: DistSpec;
}

/** Asynchronous invocation destinations (functions, SQS queues or SNS topics); null = none. */
export interface Destinations {
  readonly onSuccess: string | null;
  readonly onFailure: string | null;
}

export interface LambdaFunction {
  readonly name: string;
  readonly runtime: string;
  /** For custom runtimes (provided.*): the measured language profile of INIT defaults. */
  readonly runtimeProfile: RuntimeProfile;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  readonly ephemeralStorageMb: number;
  readonly packageType: PackageType;
  /** Zipped code package size with its layers (bytes; 0 = hello world): the pre-INIT default's size term. */
  readonly packageSizeBytes: number;
  /** null = the function draws on the account's unreserved pool. */
  readonly reservedConcurrency: number | null;
  /** Environments initialised before traffic (the provisioned level at the start); 0 = none. */
  readonly provisionedConcurrency: number;
  /** How provisioned concurrency changes during the window (schedule, auto scaling). */
  readonly provisioned: ProvisionedConfig;
  readonly vpc: Vpc | null;
  /** SnapStart: cold starts restore a snapshot (`model.restoreMs`) instead of running INIT. */
  readonly snapStart: boolean;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
  /** Where failed (and successful) asynchronous events go. */
  readonly destinations: Destinations;
  /** Dead-letter queue of failed asynchronous events (an SQS queue or SNS topic), or null. */
  readonly deadLetterQueue: string | null;
  /** Recursive loop detection: terminate (default) stops a chain after 16 recursive calls. */
  readonly recursiveLoop: RecursiveLoop;
  /** Event sources that invoke the function (mappings, schedules, notifications). */
  readonly events: readonly EventSource[];
  /** CloudWatch Logs bytes written per invocation (billing). */
  readonly logBytesPerInvocation: number;
  readonly model: FunctionModel;
}
