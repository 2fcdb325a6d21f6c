/**
 * Written `functions.<name>` -> LambdaFunction draft, defaults filled from ../defaults/function.ts
 * (the function and its model), ../defaults/calls.ts (calls) and ../defaults/eventSources.ts
 * (destinations, provisioned concurrency; ./events.ts normalizes event sources); runtimeProfile go
 * (custom runtimes only). A function call's latency defaults to ASYNC_INVOKE_LATENCY_MS (async) or
 * 0ms (sync).
 */

import type { z } from 'zod';
import type { DistSpec } from '../../engine/index.ts';
import { ASYNC_INVOKE_LATENCY_MS, CALL_DEFAULTS, SDK_MAX_ATTEMPTS } from '../defaults/calls.ts';
import { NO_DESTINATIONS, NO_PROVISIONED_CHANGES } from '../defaults/eventSources.ts';
import {
  DEFAULT_ENI_MODE,
  DEFAULT_IPS_PER_SUBNET,
  FUNCTION_DEFAULTS,
  MODEL_DEFAULTS,
} from '../defaults/function.ts';
import { defaultInit } from '../defaults/initDefault.ts';
import { defaultPreInit, type PreInitDefault } from '../defaults/preInit.ts';
import { DEFAULT_RUNTIME_PROFILE, isCustomRuntime, type RuntimeProfile } from '../defaults/runtimes.ts';
import { DEFAULT_RESTORE_MS } from '../defaults/snapStart.ts';
import type { Path } from '../issues.ts';
import { functionEvent } from '../schema/events.ts';
import type { call } from '../schema/function.ts';
import { lambdaFunction, model as modelSchema } from '../schema/function.ts';
import type { Architecture, Call, Destinations, FunctionModel, LambdaFunction, Vpc } from '../types.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { bytes, constant, fractionOf, megabytes, millis, ms } from './convert.ts';
import { normalizeDistribution, type WrittenDistribution } from './distribution.ts';
import { normalizeEvents, normalizeProvisioned } from './events.ts';

/** A function draft, plus the written details rules need. */
export interface FunctionDraft extends Draft<LambdaFunction> {
  readonly runtimeProfile: RuntimeProfile;
  readonly runtimeProfileWritten: boolean;
  /** The written index under `events` of each of `value.events`, for positions in rules. */
  readonly eventIndexes: readonly number[];
}

type WrittenCall = z.output<typeof call>;
type InternetCall = Extract<WrittenCall, { resource: 'internet' }>;
type FunctionCall = Extract<WrittenCall, { function: string }>;
const isInternetCall = (c: WrittenCall): c is InternetCall => 'resource' in c && c.resource === 'internet';
const isFunctionCall = (c: WrittenCall): c is FunctionCall => 'function' in c;

export function normalizeFunction(
  name: string,
  raw: Record<string, unknown>,
  path: Path,
  ctx: Context,
): FunctionDraft {
  const f = new Fields(lambdaFunction, raw, path, ctx);
  const runtime: string = f.or('runtime', 'nodejs22.x');
  if (!f.has('runtime')) f.markBad('runtime');
  const runtimeProfile = f.or('runtimeProfile', DEFAULT_RUNTIME_PROFILE);
  const architecture = f.or('architecture', FUNCTION_DEFAULTS.architecture);
  const memoryMb = f.get('memorySize', megabytes, FUNCTION_DEFAULTS.memoryMb);
  const packageType = f.or('packageType', FUNCTION_DEFAULTS.packageType);
  const packageSizeBytes = f.get('packageSize', bytes, 0);
  const snapStart = f.or('snapStart', FUNCTION_DEFAULTS.snapStart);
  const vpc = f.get(
    'vpc',
    (v): Vpc => ({
      subnetIds: v.subnetIds,
      securityGroupIds: v.securityGroupIds,
      eniMode: v.eniMode ?? DEFAULT_ENI_MODE,
      ipsPerSubnet: v.ipsPerSubnet ?? DEFAULT_IPS_PER_SUBNET,
    }),
    null,
  );
  const model = normalizeModel(
    f,
    path,
    ctx,
    (): DistSpec | undefined => {
      // The measured default depends on keys above; skip it (and warn nothing) when one is bad.
      if (
        ['runtime', 'runtimeProfile', 'architecture', 'memorySize', 'packageType'].some((k) => f.bad.has(k))
      ) {
        return undefined;
      }
      const init = defaultInit(runtime, runtimeProfile, packageType, architecture, memoryMb);
      if (init === null) {
        ctx.report.error(
          [...path, 'runtime'],
          `no INIT measurement for runtime ${runtime}: write model.init`,
        );
        return undefined;
      }
      if (init.fallback !== null) {
        const where = isCustomRuntime(runtime) && f.has('runtimeProfile') ? 'runtimeProfile' : 'runtime';
        ctx.report.warning(
          [...path, where],
          `default INIT uses the measurement of ${init.fallback}; write model.init to override`,
        );
      }
      return init.distribution;
    },
    defaultPreInit(packageType, packageSizeBytes, snapStart),
    architecture,
  );
  const provisioned = f.get('provisionedConcurrency', normalizeProvisioned, {
    initial: FUNCTION_DEFAULTS.provisionedConcurrency,
    config: NO_PROVISIONED_CHANGES,
  });
  const events = normalizeEvents(f.items('events', functionEvent), [...path, 'events'], ctx);
  const value: LambdaFunction = {
    name,
    runtime,
    runtimeProfile,
    architecture,
    memoryMb,
    timeoutMs: f.get('timeout', millis, FUNCTION_DEFAULTS.timeoutMs),
    ephemeralStorageMb: f.get('ephemeralStorageSize', megabytes, FUNCTION_DEFAULTS.ephemeralStorageMb),
    packageType,
    packageSizeBytes,
    reservedConcurrency: f.or('reservedConcurrency', FUNCTION_DEFAULTS.reservedConcurrency),
    provisionedConcurrency: provisioned.initial,
    provisioned: provisioned.config,
    vpc,
    snapStart,
    maximumRetryAttempts: f.or('maximumRetryAttempts', FUNCTION_DEFAULTS.maximumRetryAttempts),
    maximumEventAgeMs: f.get('maximumEventAge', ms, FUNCTION_DEFAULTS.maximumEventAgeMs),
    destinations: f.get(
      'destinations',
      (v): Destinations => ({ onSuccess: v.onSuccess ?? null, onFailure: v.onFailure ?? null }),
      NO_DESTINATIONS,
    ),
    deadLetterQueue: f.or('deadLetterQueue', FUNCTION_DEFAULTS.deadLetterQueue),
    recursiveLoop: f.or('recursiveLoop', FUNCTION_DEFAULTS.recursiveLoop),
    events: events.sources,
    logBytesPerInvocation: f.get('logSize', bytes, FUNCTION_DEFAULTS.logBytesPerInvocation),
    model,
  };
  return {
    value,
    path,
    bad: f.bad,
    runtimeProfile,
    runtimeProfileWritten: f.has('runtimeProfile'),
    eventIndexes: events.writtenIndexes,
  };
}

function normalizeModel(
  parent: Fields<typeof lambdaFunction>,
  functionPath: Path,
  ctx: Context,
  defaultInitMs: () => DistSpec | undefined,
  preInit: PreInitDefault,
  architecture: Architecture,
): FunctionModel {
  const path: Path = [...functionPath, 'model'];
  const m = parent.nested('model', modelSchema);
  if (parent.has('model') && !parent.isMapping('model')) {
    for (const key of [
      'init',
      'preInit',
      'restore',
      'compute',
      'computeAt',
      'threads',
      'io',
      'calls',
      'errorRate',
    ])
      m.markBad(key);
  }
  const dist = (key: string) => (v: WrittenDistribution) => normalizeDistribution(v, [...path, key], ctx);
  const writtenInit = m.get('init', dist('init'), undefined);
  let initMs = writtenInit;
  if (initMs === undefined && !m.bad.has('model.init')) {
    initMs = defaultInitMs();
    if (initMs === undefined) m.markBad('init');
  }
  const d = MODEL_DEFAULTS;
  const model: FunctionModel = {
    initMs: initMs ?? constant(0),
    initMeasured: writtenInit === undefined,
    preInitMs: m.get('preInit', dist('preInit'), preInit.distribution),
    preInitExtraMs: m.has('preInit') ? 0 : preInit.extraMs,
    restoreMs: m.get('restore', dist('restore'), DEFAULT_RESTORE_MS),
    computeMs: m.get('compute', dist('compute'), d.computeMs),
    computeAtMb: m.get('computeAt', megabytes, d.computeAtMb),
    threads: m.or('threads', d.threads),
    archSpeed: m.get(
      'archSpeed',
      (v) => ({ x86_64: v.x86_64 ?? d.archSpeed.x86_64, arm64: v.arm64 ?? d.archSpeed.arm64 }),
      d.archSpeed,
    ),
    computeArchitecture: architecture,
    ioMs: m.get('io', dist('io'), d.ioMs),
    calls: m.get('calls', (calls) => normalizeCalls(calls, [...path, 'calls'], ctx), []),
    errorRate: m.get('errorRate', fractionOf, d.errorRate),
    perRecordComputeMs: m.get(
      'perRecord',
      (v) =>
        v.compute === undefined
          ? d.perRecordComputeMs
          : normalizeDistribution(v.compute, [...path, 'perRecord', 'compute'], ctx),
      d.perRecordComputeMs,
    ),
    perRecordIoMs: m.get(
      'perRecord',
      (v) =>
        v.io === undefined ? d.perRecordIoMs : normalizeDistribution(v.io, [...path, 'perRecord', 'io'], ctx),
      d.perRecordIoMs,
    ),
  };
  parent.absorb(m);
  return model;
}

function normalizeCalls(calls: readonly WrittenCall[], path: Path, ctx: Context): Call[] | undefined {
  const out: Call[] = [];
  let ok = true;
  calls.forEach((c, i) => {
    const count = c.count ?? CALL_DEFAULTS.count;
    const latency = (written: WrittenDistribution) =>
      normalizeDistribution(written, [...path, i, 'latency'], ctx);
    if (isFunctionCall(c)) {
      const invocation = c.invocation ?? CALL_DEFAULTS.functionInvocation;
      const latencyMs =
        c.latency === undefined
          ? constant(invocation === 'async' ? ASYNC_INVOKE_LATENCY_MS : 0)
          : latency(c.latency);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'function',
          function: c.function,
          invocation,
          count,
          bytes: c.bytes === undefined ? CALL_DEFAULTS.functionBytes : bytes(c.bytes),
          latencyMs,
          retry: { maxAttempts: c.retry?.maxAttempts ?? SDK_MAX_ATTEMPTS },
        });
    } else if (isInternetCall(c)) {
      const latencyMs = latency(c.latency);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'internet',
          count,
          bytes: c.bytes === undefined ? CALL_DEFAULTS.bytes : bytes(c.bytes),
          latencyMs,
          phase: c.phase ?? CALL_DEFAULTS.phase,
        });
    } else {
      // latency and bytes matter only for VPC endpoints (a rule checks where they may be written).
      const latencyMs = c.latency === undefined ? CALL_DEFAULTS.latencyMs : latency(c.latency);
      if (latencyMs === undefined) ok = false;
      else
        out.push({
          kind: 'resource',
          resource: c.resource,
          count,
          bytes: c.bytes === undefined ? CALL_DEFAULTS.bytes : bytes(c.bytes),
          latencyMs,
          latencyWritten: c.latency !== undefined,
          phase: c.phase ?? CALL_DEFAULTS.phase,
        });
    }
  });
  return ok ? out : undefined;
}
