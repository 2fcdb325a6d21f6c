/**
 * Defaults of `functions.<name>` and of its `model` (AWS's defaults for the function's settings:
 * Lambda API reference, CreateFunction and PutFunctionEventInvokeConfig): architecture x86_64,
 * memorySize 128MB, timeout 3s, ephemeralStorageSize 512MB, packageType zip, no reserved concurrency,
 * no VPC (eniMode hyperplane, a /24 subnet's free addresses when one is given), SnapStart off,
 * maximumRetryAttempts 2, maximumEventAge 6h, recursiveLoop terminate; logSize 1KB (a START, END and
 * REPORT line are about 300 B; the rest is a few short application lines).
 * Model: INIT measured (./initDefault.ts), restore measured (./snapStart.ts), compute 1ms at 1769MB
 * (1 vCPU), threads 1, io 0ms, no calls, errorRate 0, nothing per record.
 */
import type { DistSpec } from '../../engine/index.ts';
import type { FunctionModel, LambdaFunction } from '../types.ts';

const constant = (value: number): DistSpec => ({ kind: 'constant', value });

export const FUNCTION_DEFAULTS: Pick<
  LambdaFunction,
  | 'architecture'
  | 'memoryMb'
  | 'timeoutMs'
  | 'ephemeralStorageMb'
  | 'packageType'
  | 'reservedConcurrency'
  | 'provisionedConcurrency'
  | 'snapStart'
  | 'maximumRetryAttempts'
  | 'maximumEventAgeMs'
  | 'deadLetterQueue'
  | 'recursiveLoop'
  | 'logBytesPerInvocation'
> = {
  architecture: 'x86_64',
  memoryMb: 128,
  timeoutMs: 3_000,
  ephemeralStorageMb: 512,
  packageType: 'zip',
  reservedConcurrency: null,
  provisionedConcurrency: 0,
  snapStart: false,
  maximumRetryAttempts: 2,
  maximumEventAgeMs: 6 * 3_600_000,
  deadLetterQueue: null,
  recursiveLoop: 'terminate',
  logBytesPerInvocation: 1024,
};

export const MODEL_DEFAULTS: Omit<
  FunctionModel,
  'initMs' | 'initMeasured' | 'preInitMs' | 'preInitExtraMs' | 'restoreMs' | 'calls' | 'computeArchitecture'
> = {
  computeMs: constant(1),
  computeAtMb: 1769,
  threads: 1,
  // AWS publishes no general arm64/x86_64 speed ratio ("up to 34% better price performance" mixes
  // speed with arm64's 20% lower price), and measured ratios go both ways by workload: equal by default.
  archSpeed: { x86_64: 1, arm64: 1 },
  ioMs: constant(0),
  errorRate: 0,
  perRecordComputeMs: constant(0),
  perRecordIoMs: constant(0),
};

/** Hyperplane ENIs (since September 2019) unless `eniMode: legacy` is written. */
export const DEFAULT_ENI_MODE = 'hyperplane';

/** A /24 subnet has 256 addresses, of which AWS reserves 5 (VPC docs, "Subnet CIDR blocks"). */
export const DEFAULT_IPS_PER_SUBNET = 251;
