/**
 * The whole written document -> a draft scenario, defaults filled once (../defaults/scenario.ts):
 * name = file base name, region us-east-1, duration = longest traffic source; account burst limit by
 * region (../defaults/regions.ts); platform idleTimeout measured (../defaults/idleTimeout.ts);
 * slo: none (objectives only where written).
 *
 * Elements the schema rejected outright (not a mapping, bad name, unknown resource type) are left out
 * of the draft, but their names are still known, so references to them are not reported twice.
 */
import { DEFAULT_IDLE_TIMEOUT } from '../defaults/idleTimeout.ts';
import { DEFAULT_REGION, legacyBurstLimit } from '../defaults/regions.ts';
import { ACCOUNT_DEFAULTS, BILLING_DEFAULTS, PLATFORM_DEFAULTS, TOP_DEFAULTS } from '../defaults/scenario.ts';
import type { Path } from '../issues.ts';
import { parseDuration } from '../quantities.ts';
import { NAME_PATTERN } from '../schema/leaves.ts';
import { isRecord } from '../schema/registry.ts';
import {
  type Account,
  type Billing,
  type Placement,
  type Platform,
  type Resource,
  type ScalingMode,
  SLO_METRIC_KINDS,
  SLO_METRICS,
  type SloObjective,
} from '../types.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { fractionOf, millis, ms, unwrap } from './convert.ts';
import { normalizeDistribution } from './distribution.ts';
import { type FunctionDraft, normalizeFunction } from './function.ts';
import { normalizeResource } from './resource.ts';
import { assignTrafficNames, normalizeTraffic, type TrafficDraft } from './traffic.ts';

export interface NamedElement {
  readonly name: string;
  readonly path: Path;
  /** For resources: the written type when it is a known one. */
  readonly type?: Resource['type'];
}

export interface ScenarioDraft {
  readonly top: Draft<{
    name: string;
    description: string;
    seed: number;
    region: string;
    durationMs: number;
  }>;
  /** Whether `duration` was written; when not, durationMs was derived from the traffic. */
  readonly durationWritten: boolean;
  readonly account: Draft<Account>;
  readonly platform: Draft<Platform>;
  readonly billing: Draft<Billing>;
  readonly slo: Draft<readonly SloObjective[]>;
  readonly functions: readonly FunctionDraft[];
  readonly resources: readonly Draft<Resource>[];
  readonly traffic: readonly TrafficDraft[];
  /** Every written function and resource name, valid or not, in written order. */
  readonly functionNames: readonly NamedElement[];
  readonly resourceNames: readonly NamedElement[];
  /** Whether traffic was written as one mapping (paths `traffic.x`) rather than a list. */
  readonly trafficIsList: boolean;
}

const same = <T>(value: T): T => value;

/** `dir/api-burst.yaml` -> `api-burst`. */
export function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const section = (data: Record<string, unknown>, key: string): Record<string, unknown> =>
  isRecord(data[key]) ? data[key] : {};

export function normalizeScenario(
  data: Record<string, unknown>,
  fileName: string,
  keysAt: (p: Path) => string[],
  ctx: Context,
): ScenarioDraft {
  const top = new Fields(data, [], ctx);
  const region = top.get('region', same<string>, DEFAULT_REGION);

  const functionNames: NamedElement[] = keysAt(['functions']).map((name) => ({
    name,
    path: ['functions', name],
  }));
  const resourceNames: NamedElement[] = keysAt(['resources']).map((name) => {
    const raw = section(data, 'resources')[name];
    const type =
      isRecord(raw) && !ctx.invalid(['resources', name, 'type']) ? (raw.type as Resource['type']) : undefined;
    return { name, path: ['resources', name], type };
  });

  const functions: FunctionDraft[] = [];
  for (const { name, path } of functionNames) {
    const raw = section(data, 'functions')[name];
    if (isRecord(raw) && NAME_PATTERN.test(name)) functions.push(normalizeFunction(name, raw, path, ctx));
  }
  const resources: Draft<Resource>[] = [];
  for (const { name, path, type } of resourceNames) {
    const raw = section(data, 'resources')[name];
    if (isRecord(raw) && type !== undefined && NAME_PATTERN.test(name))
      resources.push(normalizeResource(name, raw, path, ctx));
  }

  const kindOf = (name: string) =>
    functionNames.some((f) => f.name === name)
      ? 'function'
      : resourceNames.some((r) => r.name === name)
        ? 'resource'
        : undefined;
  const trafficIsList = Array.isArray(data.traffic);
  const trafficRaw: unknown[] = trafficIsList
    ? (data.traffic as unknown[])
    : data.traffic === undefined
      ? []
      : [data.traffic];
  const traffic = assignTrafficNames(
    trafficRaw.flatMap((raw, i) => {
      const path: Path = trafficIsList ? ['traffic', i] : ['traffic'];
      return isRecord(raw) ? [normalizeTraffic(raw, path, ctx, kindOf)] : [];
    }),
  );

  const derivedMs = traffic.reduce((max, t) => Math.max(max, t.spanMs), 0);
  const durationWritten = data.duration !== undefined;
  const topValue = {
    name: top.get('name', same<string>, baseName(fileName)),
    description: top.get('description', same<string>, TOP_DEFAULTS.description),
    seed: top.get('seed', same<number>, TOP_DEFAULTS.seed),
    region,
    durationMs: top.get('duration', millis, derivedMs),
  };
  // Without a written duration, a rejected traffic source leaves the window unknown: no follow-on error.
  const trafficRejected =
    traffic.some((t) => t.bad.has('arrivals')) || (traffic.length === 0 && ctx.invalid(['traffic']));
  if (!durationWritten && trafficRejected) top.markBad('duration');

  const a = new Fields(section(data, 'account'), ['account'], ctx);
  const account: Account = {
    concurrentExecutions: a.get('concurrentExecutions', same<number>, ACCOUNT_DEFAULTS.concurrentExecutions),
    unreservedMinimum: a.get('unreservedMinimum', same<number>, ACCOUNT_DEFAULTS.unreservedMinimum),
    scaling: a.get('scaling', same<ScalingMode>, ACCOUNT_DEFAULTS.scaling),
    burstLimit: a.get('burstLimit', same<number>, legacyBurstLimit(region)),
  };

  const p = new Fields(section(data, 'platform'), ['platform'], ctx);
  const platform: Platform = {
    idleTimeoutMs: p.get(
      'idleTimeout',
      (v: unknown) => normalizeDistribution(v, ['platform', 'idleTimeout'], ctx),
      DEFAULT_IDLE_TIMEOUT,
    ),
    maxLifetimeMs: p.get(
      'maxLifetime',
      (v: unknown) => (v === 'off' ? Number.POSITIVE_INFINITY : ms(v)),
      PLATFORM_DEFAULTS.maxLifetimeMs,
    ),
    placement: p.get('placement', same<Placement>, PLATFORM_DEFAULTS.placement),
  };

  const b = new Fields(section(data, 'billing'), ['billing'], ctx);
  const billing: Billing = {
    freeTier: b.get('freeTier', same<boolean>, BILLING_DEFAULTS.freeTier),
    granularityMs: b.get(
      'granularity',
      (v: string) => (v === '100ms' ? 100 : 1) as 1 | 100,
      BILLING_DEFAULTS.granularityMs,
    ),
    initBilled: b.get('initBilled', same<boolean>, BILLING_DEFAULTS.initBilled),
    prices: b.get('prices', (v: Record<string, number>) => ({ ...v }), { ...BILLING_DEFAULTS.prices }),
  };

  const o = new Fields(section(data, 'slo'), ['slo'], ctx);
  const sloConvert = {
    duration: (v: unknown) => unwrap(parseDuration(v)),
    fraction: fractionOf,
    count: same<number>,
  };
  const slo: SloObjective[] = [];
  for (const metric of SLO_METRICS) {
    const max = o.get<number | undefined>(metric, sloConvert[SLO_METRIC_KINDS[metric]], undefined);
    if (max !== undefined) slo.push({ metric, max });
  }

  return {
    top: { value: topValue, path: [], bad: top.bad },
    durationWritten,
    account: { value: account, path: ['account'], bad: a.bad },
    platform: { value: platform, path: ['platform'], bad: p.bad },
    billing: { value: billing, path: ['billing'], bad: b.bad },
    slo: { value: slo, path: ['slo'], bad: o.bad },
    functions,
    resources,
    traffic,
    functionNames,
    resourceNames,
    trafficIsList,
  };
}
