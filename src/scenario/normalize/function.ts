/**
 * Written `functions.<name>` -> LambdaFunction draft, defaults filled:
 * architecture x86_64, memorySize 128MB, timeout 3s, ephemeralStorageSize 512MB, packageType zip,
 * reservedConcurrency none (null), provisionedConcurrency 0, no VPC (eniMode hyperplane when given),
 * maximumRetryAttempts 2, maximumEventAge 6h, no destinations or dead-letter queue, recursiveLoop
 * terminate, events [] (see ./events.ts for event sources and provisioned concurrency), logSize 1KB (a START, END and REPORT line are about
 * 300 B; the rest is a few short application lines), runtimeProfile go (custom runtimes only).
 * Model: init measured (see ../defaults/initDefault.ts), compute 1ms at 1769MB, threads 1, io 0ms,
 * calls [], errorRate 0, perRecord 0ms; calls default to bytes 0B, count 1, phase invoke; function calls to sync,
 * bytes 1KB, latency 20ms (async) or 0ms (sync), retry { maxAttempts: 3 }.
 */

import type { DistSpec } from '../../engine/distributions.ts';
import { defaultInit } from '../defaults/initDefault.ts';
import { DEFAULT_RUNTIME_PROFILE, isCustomRuntime, type RuntimeProfile } from '../defaults/runtimes.ts';
import { DEFAULT_RESTORE_MS } from '../defaults/snapStart.ts';
import type { Path } from '../issues.ts';
import {
  parseDurationOrSeconds,
  parseFraction,
  parseSize,
  parseSizeOrMb,
  SIZE_UNITS,
} from '../quantities.ts';
import { isRecord } from '../schema/registry.ts';
import type {
  Architecture,
  Call,
  CallPhase,
  Destinations,
  FunctionModel,
  LambdaFunction,
  PackageType,
  RecursiveLoop,
  Vpc,
} from '../types.ts';
import { type Context, type Draft, Fields, ScenarioParserBug } from './context.ts';
import { constant, ms, normalizeDistribution } from './distribution.ts';
import {
  ASYNC_INVOKE_LATENCY_MS,
  NO_DESTINATIONS,
  NO_PROVISIONED_CHANGES,
  normalizeEvents,
  normalizeProvisioned,
  SDK_MAX_ATTEMPTS,
} from './events.ts';

export const FUNCTION_DEFAULTS = {
  architecture: 'x86_64' as Architecture,
  memoryMb: 128,
  timeoutMs: 3_000,
  ephemeralStorageMb: 512,
  packageType: 'zip' as PackageType,
  maximumRetryAttempts: 2,
  maximumEventAgeMs: 6 * 3_600_000,
  logBytesPerInvocation: 1024,
  computeMs: constant(1),
  computeAtMb: 1769,
  threads: 1,
  ioMs: constant(0),
  errorRate: 0,
} as const;

/** A function draft, plus the written details rules need. */
export interface FunctionDraft extends Draft<LambdaFunction> {
  readonly runtimeProfile: RuntimeProfile;
  readonly runtimeProfileWritten: boolean;
}

/** A /24 subnet has 256 addresses, of which AWS reserves 5 (VPC docs, "Subnet CIDR blocks"). */
export const DEFAULT_IPS_PER_SUBNET = 251;

export function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new ScenarioParserBug(`schema accepted a value its parser rejects: ${r.error}`);
  return r.value;
}

export const megabytes = (value: unknown): number => unwrap(parseSizeOrMb(value)) / SIZE_UNITS.MB;
export const bytes = (value: unknown): number => Math.round(unwrap(parseSize(value)));
export const millis = (value: unknown): number => unwrap(parseDurationOrSeconds(value));
export const fractionOf = (value: unknown): number => unwrap(parseFraction(value));
const same = <T>(value: T): T => value;

export function normalizeFunction(
  name: string,
  raw: Record<string, unknown>,
  path: Path,
  ctx: Context,
): FunctionDraft {
  const f = new Fields(raw, path, ctx);
  const runtime = f.get('runtime', same<string>, 'nodejs22.x');
  if (raw.runtime === undefined) f.markBad('runtime');
  const runtimeProfile = f.get('runtimeProfile', same<RuntimeProfile>, DEFAULT_RUNTIME_PROFILE);
  const architecture = f.get('architecture', same<Architecture>, FUNCTION_DEFAULTS.architecture);
  const memoryMb = f.get('memorySize', megabytes, FUNCTION_DEFAULTS.memoryMb);
  const packageType = f.get('packageType', same<PackageType>, FUNCTION_DEFAULTS.packageType);
  const vpc = f.get(
    'vpc',
    (v: Record<string, unknown>): Vpc => ({
      subnetIds: v.subnetIds as string[],
      securityGroupIds: v.securityGroupIds as string[],
      eniMode: (v.eniMode as Vpc['eniMode'] | undefined) ?? 'hyperplane',
      ipsPerSubnet: (v.ipsPerSubnet as number | undefined) ?? DEFAULT_IPS_PER_SUBNET,
    }),
    null,
  );
  const model = normalizeModel(raw.model, [...path, 'model'], ctx, f, (): DistSpec | undefined => {
    // The measured default depends on keys above; skip it (and warn nothing) when one is bad.
    if (
      ['runtime', 'runtimeProfile', 'architecture', 'memorySize', 'packageType'].some((k) => f.bad.has(k))
    ) {
      return undefined;
    }
    const init = defaultInit(runtime, runtimeProfile, packageType, architecture, memoryMb);
    if (init === null) {
      ctx.report.error([...path, 'runtime'], `no INIT measurement for runtime ${runtime}: write model.init`);
      return undefined;
    }
    if (init.fallback !== null) {
      const where =
        isCustomRuntime(runtime) && raw.runtimeProfile !== undefined ? 'runtimeProfile' : 'runtime';
      ctx.report.warning(
        [...path, where],
        `default INIT uses the measurement of ${init.fallback}; write model.init to override`,
      );
    }
    return init.distribution;
  });
  const provisioned = f.get('provisionedConcurrency', (v: unknown) => normalizeProvisioned(v), {
    initial: 0,
    config: NO_PROVISIONED_CHANGES,
  });
  const value: LambdaFunction = {
    name,
    runtime,
    runtimeProfile,
    architecture,
    memoryMb,
    timeoutMs: f.get('timeout', millis, FUNCTION_DEFAULTS.timeoutMs),
    ephemeralStorageMb: f.get('ephemeralStorageSize', megabytes, FUNCTION_DEFAULTS.ephemeralStorageMb),
    packageType,
    reservedConcurrency: f.get('reservedConcurrency', same<number | null>, null),
    provisionedConcurrency: provisioned.initial,
    provisioned: provisioned.config,
    vpc,
    snapStart: f.get('snapStart', same<boolean>, false),
    maximumRetryAttempts: f.get('maximumRetryAttempts', same<number>, FUNCTION_DEFAULTS.maximumRetryAttempts),
    maximumEventAgeMs: f.get('maximumEventAge', ms, FUNCTION_DEFAULTS.maximumEventAgeMs),
    destinations: f.get(
      'destinations',
      (v: { onSuccess?: string; onFailure?: string }): Destinations => ({
        onSuccess: v.onSuccess ?? null,
        onFailure: v.onFailure ?? null,
      }),
      NO_DESTINATIONS,
    ),
    deadLetterQueue: f.get('deadLetterQueue', same<string | null>, null),
    recursiveLoop: f.get('recursiveLoop', same<RecursiveLoop>, 'terminate'),
    events: f.get('events', (v: unknown[]) => normalizeEvents(v, [...path, 'events'], ctx), []),
    logBytesPerInvocation: f.get('logSize', bytes, FUNCTION_DEFAULTS.logBytesPerInvocation),
    model,
  };
  return {
    value,
    path,
    bad: f.bad,
    runtimeProfile,
    runtimeProfileWritten: raw.runtimeProfile !== undefined,
  };
}

function normalizeModel(
  raw: unknown,
  path: Path,
  ctx: Context,
  parent: Fields,
  defaultInitMs: () => DistSpec | undefined,
): FunctionModel {
  const m = new Fields(isRecord(raw) ? raw : {}, path, ctx, 'model.');
  if (raw !== undefined && !isRecord(raw)) {
    for (const key of ['init', 'restore', 'compute', 'computeAt', 'threads', 'io', 'calls', 'errorRate'])
      m.markBad(key);
  }
  const dist = (key: string) => (v: unknown) => normalizeDistribution(v, [...path, key], ctx);
  const writtenInit = m.get('init', dist('init'), undefined);
  let initMs = writtenInit;
  if (initMs === undefined && !m.bad.has('model.init')) {
    initMs = defaultInitMs();
    if (initMs === undefined) m.markBad('init');
  }
  const model: FunctionModel = {
    initMs: initMs ?? constant(0),
    initMeasured: writtenInit === undefined,
    restoreMs: m.get('restore', dist('restore'), DEFAULT_RESTORE_MS),
    computeMs: m.get('compute', dist('compute'), FUNCTION_DEFAULTS.computeMs),
    computeAtMb: m.get('computeAt', megabytes, FUNCTION_DEFAULTS.computeAtMb),
    threads: m.get('threads', same<number>, FUNCTION_DEFAULTS.threads),
    ioMs: m.get('io', dist('io'), FUNCTION_DEFAULTS.ioMs),
    calls: m.get('calls', (calls: unknown[]) => normalizeCalls(calls, [...path, 'calls'], ctx), []),
    errorRate: m.get('errorRate', fractionOf, FUNCTION_DEFAULTS.errorRate),
    perRecordComputeMs: m.get(
      'perRecord',
      (v: Record<string, unknown>) =>
        v.compute === undefined
          ? constant(0)
          : normalizeDistribution(v.compute, [...path, 'perRecord', 'compute'], ctx),
      constant(0),
    ),
    perRecordIoMs: m.get(
      'perRecord',
      (v: Record<string, unknown>) =>
        v.io === undefined ? constant(0) : normalizeDistribution(v.io, [...path, 'perRecord', 'io'], ctx),
      constant(0),
    ),
  };
  parent.absorb(m);
  return model;
}

function normalizeCalls(calls: readonly unknown[], path: Path, ctx: Context): Call[] | undefined {
  const out: Call[] = [];
  let ok = true;
  calls.forEach((raw, i) => {
    const call = raw as Record<string, unknown>;
    const count = (call.count as number | undefined) ?? 1;
    if (call.function !== undefined) {
      const invocation = (call.invocation as 'sync' | 'async' | undefined) ?? 'sync';
      const latencyMs =
        call.latency === undefined
          ? constant(invocation === 'async' ? ASYNC_INVOKE_LATENCY_MS : 0)
          : normalizeDistribution(call.latency, [...path, i, 'latency'], ctx);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'function',
          function: String(call.function),
          invocation,
          count,
          bytes: call.bytes === undefined ? 1024 : bytes(call.bytes),
          latencyMs,
          retry: {
            maxAttempts: (call.retry as { maxAttempts: number } | undefined)?.maxAttempts ?? SDK_MAX_ATTEMPTS,
          },
        });
    } else if (call.resource === 'internet') {
      const latencyMs = normalizeDistribution(call.latency, [...path, i, 'latency'], ctx);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'internet',
          count,
          bytes: call.bytes === undefined ? 0 : bytes(call.bytes),
          latencyMs,
          phase: (call.phase as CallPhase | undefined) ?? 'invoke',
        });
    } else {
      // latency and bytes matter only for VPC endpoints (a rule checks where they may be written).
      const latencyMs =
        call.latency === undefined
          ? constant(0)
          : normalizeDistribution(call.latency, [...path, i, 'latency'], ctx);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'resource',
          resource: String(call.resource),
          count,
          bytes: call.bytes === undefined ? 0 : bytes(call.bytes),
          latencyMs,
          latencyWritten: call.latency !== undefined,
          phase: (call.phase as CallPhase | undefined) ?? 'invoke',
        });
    }
  });
  return ok ? out : undefined;
}
