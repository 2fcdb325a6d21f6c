/**
 * Written `functions.<name>` -> LambdaFunction draft, defaults filled from ../defaults/function.ts
 * (the function and its model), ../defaults/calls.ts (calls) and ../defaults/eventSources.ts
 * (destinations, provisioned concurrency; ./events.ts normalizes event sources); runtimeProfile go
 * (custom runtimes only). A function call's latency defaults to ASYNC_INVOKE_LATENCY_MS (async) or
 * 0ms (sync).
 */

import type { DistSpec } from '../../engine/distributions.ts';
import { ASYNC_INVOKE_LATENCY_MS, CALL_DEFAULTS, SDK_MAX_ATTEMPTS } from '../defaults/calls.ts';
import { NO_DESTINATIONS, NO_PROVISIONED_CHANGES } from '../defaults/eventSources.ts';
import {
  DEFAULT_ENI_MODE,
  DEFAULT_IPS_PER_SUBNET,
  FUNCTION_DEFAULTS,
  MODEL_DEFAULTS,
} from '../defaults/function.ts';
import { defaultInit } from '../defaults/initDefault.ts';
import { DEFAULT_RUNTIME_PROFILE, isCustomRuntime, type RuntimeProfile } from '../defaults/runtimes.ts';
import { DEFAULT_RESTORE_MS } from '../defaults/snapStart.ts';
import type { Path } from '../issues.ts';
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
import { type Context, type Draft, Fields } from './context.ts';
import { bytes, constant, fractionOf, megabytes, millis, ms } from './convert.ts';
import { normalizeDistribution } from './distribution.ts';
import { normalizeEvents, normalizeProvisioned } from './events.ts';

/** A function draft, plus the written details rules need. */
export interface FunctionDraft extends Draft<LambdaFunction> {
  readonly runtimeProfile: RuntimeProfile;
  readonly runtimeProfileWritten: boolean;
}

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
      eniMode: (v.eniMode as Vpc['eniMode'] | undefined) ?? DEFAULT_ENI_MODE,
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
    initial: FUNCTION_DEFAULTS.provisionedConcurrency,
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
    reservedConcurrency: f.get(
      'reservedConcurrency',
      same<number | null>,
      FUNCTION_DEFAULTS.reservedConcurrency,
    ),
    provisionedConcurrency: provisioned.initial,
    provisioned: provisioned.config,
    vpc,
    snapStart: f.get('snapStart', same<boolean>, FUNCTION_DEFAULTS.snapStart),
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
    deadLetterQueue: f.get('deadLetterQueue', same<string | null>, FUNCTION_DEFAULTS.deadLetterQueue),
    recursiveLoop: f.get('recursiveLoop', same<RecursiveLoop>, FUNCTION_DEFAULTS.recursiveLoop),
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
    computeMs: m.get('compute', dist('compute'), MODEL_DEFAULTS.computeMs),
    computeAtMb: m.get('computeAt', megabytes, MODEL_DEFAULTS.computeAtMb),
    threads: m.get('threads', same<number>, MODEL_DEFAULTS.threads),
    ioMs: m.get('io', dist('io'), MODEL_DEFAULTS.ioMs),
    calls: m.get('calls', (calls: unknown[]) => normalizeCalls(calls, [...path, 'calls'], ctx), []),
    errorRate: m.get('errorRate', fractionOf, MODEL_DEFAULTS.errorRate),
    perRecordComputeMs: m.get(
      'perRecord',
      (v: Record<string, unknown>) =>
        v.compute === undefined
          ? MODEL_DEFAULTS.perRecordComputeMs
          : normalizeDistribution(v.compute, [...path, 'perRecord', 'compute'], ctx),
      MODEL_DEFAULTS.perRecordComputeMs,
    ),
    perRecordIoMs: m.get(
      'perRecord',
      (v: Record<string, unknown>) =>
        v.io === undefined
          ? MODEL_DEFAULTS.perRecordIoMs
          : normalizeDistribution(v.io, [...path, 'perRecord', 'io'], ctx),
      MODEL_DEFAULTS.perRecordIoMs,
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
    const count = (call.count as number | undefined) ?? CALL_DEFAULTS.count;
    if (call.function !== undefined) {
      const invocation =
        (call.invocation as 'sync' | 'async' | undefined) ?? CALL_DEFAULTS.functionInvocation;
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
          bytes: call.bytes === undefined ? CALL_DEFAULTS.functionBytes : bytes(call.bytes),
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
          bytes: call.bytes === undefined ? CALL_DEFAULTS.bytes : bytes(call.bytes),
          latencyMs,
          phase: (call.phase as CallPhase | undefined) ?? CALL_DEFAULTS.phase,
        });
    } else {
      // latency and bytes matter only for VPC endpoints (a rule checks where they may be written).
      const latencyMs =
        call.latency === undefined
          ? CALL_DEFAULTS.latencyMs
          : normalizeDistribution(call.latency, [...path, i, 'latency'], ctx);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'resource',
          resource: String(call.resource),
          count,
          bytes: call.bytes === undefined ? CALL_DEFAULTS.bytes : bytes(call.bytes),
          latencyMs,
          latencyWritten: call.latency !== undefined,
          phase: (call.phase as CallPhase | undefined) ?? CALL_DEFAULTS.phase,
        });
    }
  });
  return ok ? out : undefined;
}
