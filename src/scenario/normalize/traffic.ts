/**
 * Written traffic source -> Traffic draft. Defaults: ../defaults/traffic.ts; overhead by via
 * (../defaults/frontDoors.ts; 0ms for asynchronous vias), retry SDK_MAX_ATTEMPTS for direct
 * invocations of a function (the AWS SDK's default) and 1 otherwise; names of sources are assigned
 * afterwards (assignTrafficNames) because a default name depends on the others.
 *
 * Phases run back to back (startMs accumulates). `{ duration, arrivalCount }` spreads the count evenly
 * (rate = count / duration) and is marked `exactCount` (exactly that many arrivals in either mode); `{ pause }` has rate 0. `spanMs` is how long the source lasts: the sum of
 * its phases, or for a trace its last arrival rounded up to the next whole second.
 */

import type { z } from 'zod';
import { SDK_MAX_ATTEMPTS } from '../defaults/calls.ts';
import { FRONT_DOOR_OVERHEAD_MS } from '../defaults/frontDoors.ts';
import { defaultPhaseName, TRAFFIC_DEFAULTS } from '../defaults/traffic.ts';
import { GATEWAY_TIMEOUT_MS, isSyncVia } from '../defaults/vias.ts';
import type { Path } from '../issues.ts';
import { type phase, trafficSource } from '../schema/traffic.ts';
import type { Arrivals, Phase, RetryPolicy, SyncVia, Traffic } from '../types.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { bytes, constant, millis } from './convert.ts';
import { normalizeDistribution } from './distribution.ts';
import { readTrace } from './trace.ts';

export interface TrafficDraft extends Draft<Traffic> {
  /** Whether `name` was written (explicit names must be unique; default ones are made unique). */
  readonly nameWritten: boolean;
  readonly spanMs: number;
}

type WrittenPhase = z.output<typeof phase>;

export function normalizeTraffic(
  raw: Record<string, unknown>,
  path: Path,
  ctx: Context,
  kindOf: (name: string) => 'function' | 'resource' | undefined,
): TrafficDraft {
  const f = new Fields(trafficSource, raw, path, ctx);
  const target = f.or('target', '');
  if (!f.has('target')) f.markBad('target');
  const targetKind = kindOf(target) ?? 'function';
  let arrivals: Arrivals = { kind: 'phases', phases: [] };
  let spanMs = 0;
  if (f.has('phases') && f.has('trace')) {
    ctx.report.error([...path, 'trace'], 'a traffic source takes phases or trace, not both');
    f.markBad('arrivals');
  } else if (!f.has('phases') && !f.has('trace')) {
    ctx.report.error(path, "missing required key 'phases' or 'trace': say when requests arrive");
    f.markBad('arrivals');
  } else if (f.has('phases')) {
    const phases = f.get('phases', (list) => normalizePhases(list, [...path, 'phases'], ctx), undefined);
    if (phases === undefined) f.markBad('arrivals');
    else {
      arrivals = { kind: 'phases', phases };
      spanMs = phases.reduce((sum, p) => sum + p.durationMs, 0);
    }
  } else {
    const timesMs = f.get(
      'trace',
      (t) => readTrace(t.file, t.format, [...path, 'trace', 'file'], ctx),
      undefined,
    );
    if (timesMs === undefined) f.markBad('arrivals');
    else {
      arrivals = { kind: 'trace', timesMs };
      spanMs = (Math.floor(timesMs[timesMs.length - 1] / 1000) + 1) * 1000;
      if (f.has('mode')) {
        ctx.report.warning(
          [...path, 'mode'],
          'mode has no effect on a trace: its arrivals are replayed as recorded',
        );
      }
    }
  }
  const via = f.or('via', TRAFFIC_DEFAULTS.via);
  // The SDK retries throttles of a direct Invoke; gateways hand the error to their client.
  const retry = f.get('retry', (v): RetryPolicy => ({ maxAttempts: v.maxAttempts }), {
    maxAttempts: via === 'direct' && targetKind === 'function' ? SDK_MAX_ATTEMPTS : 1,
  });
  // The front door's default overhead depends on `via`; asynchronous callers do not wait for it.
  const overheadMs = f.get(
    'overhead',
    (v) => normalizeDistribution(v, [...path, 'overhead'], ctx),
    isSyncVia(via) ? FRONT_DOOR_OVERHEAD_MS[via] : constant(0),
  );
  // Gateway settings belong to a gateway: say so rather than ignore them.
  if (f.has('integrationTimeout') && via !== 'api-gateway-rest' && via !== 'api-gateway-http') {
    ctx.report.error(
      [...path, 'integrationTimeout'],
      `integrationTimeout applies to via api-gateway-rest or api-gateway-http, not ${via}`,
    );
    f.markBad('integrationTimeout');
  }
  if (f.has('endpointType') && via !== 'api-gateway-rest') {
    ctx.report.error([...path, 'endpointType'], `endpointType applies to via api-gateway-rest, not ${via}`);
    f.markBad('endpointType');
  }
  const value: Traffic = {
    name: f.or('name', ''),
    target,
    targetKind,
    via,
    mode: f.or('mode', TRAFFIC_DEFAULTS.mode),
    arrivals,
    payloadBytes: f.get('payload', bytes, TRAFFIC_DEFAULTS.payloadBytes),
    responseBytes: f.get('responseSize', bytes, TRAFFIC_DEFAULTS.responseBytes),
    overheadMs,
    retry,
    edgeEventType: f.or('eventType', TRAFFIC_DEFAULTS.edgeEventType),
    integrationTimeoutMs: f.get(
      'integrationTimeout',
      millis,
      GATEWAY_TIMEOUT_MS[via as SyncVia] ?? Number.POSITIVE_INFINITY,
    ),
    endpointType: f.or('endpointType', TRAFFIC_DEFAULTS.endpointType),
  };
  return { value, path, bad: f.bad, nameWritten: f.has('name'), spanMs };
}

function normalizePhases(list: readonly WrittenPhase[], path: Path, ctx: Context): Phase[] | undefined {
  let startMs = 0;
  let ok = true;
  const phases = list.map((raw, i) => {
    const name = raw.name ?? defaultPhaseName(i);
    let phase: Phase;
    if ('pause' in raw) {
      phase = { name, startMs, durationMs: millis(raw.pause), arrivalsPerSecond: 0, rampToPerSecond: 0 };
    } else if ('arrivalCount' in raw) {
      const durationMs = millis(raw.duration);
      const rate = durationMs > 0 ? raw.arrivalCount / (durationMs / 1000) : 0;
      phase = { name, startMs, durationMs, arrivalsPerSecond: rate, rampToPerSecond: rate, exactCount: true };
    } else {
      const arrivalsPerSecond = raw.arrivalRate;
      const rampToPerSecond = raw.rampTo ?? arrivalsPerSecond;
      phase = { name, startMs, durationMs: millis(raw.duration), arrivalsPerSecond, rampToPerSecond };
    }
    if (phase.durationMs <= 0) {
      ctx.report.error([...path, i, 'pause' in raw ? 'pause' : 'duration'], 'a phase must last more than 0s');
      ok = false;
    }
    startMs += phase.durationMs;
    return phase;
  });
  return ok ? phases : undefined;
}

/**
 * Gives every source a unique name: written names are kept (duplicates are the caller's error);
 * a default name is the target, then `<target>-2`, `<target>-3`, ... skipping names already taken.
 */
export function assignTrafficNames(drafts: readonly TrafficDraft[]): TrafficDraft[] {
  const taken = new Set(drafts.filter((d) => d.nameWritten).map((d) => d.value.name));
  return drafts.map((d) => {
    if (d.nameWritten) return d;
    const base = d.value.target === '' ? 'traffic' : d.value.target;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return { ...d, value: { ...d.value, name } };
  });
}
