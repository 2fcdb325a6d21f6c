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
import { describeValue } from '../quantities.ts';
import { NAME_PATTERN, SCENARIO_NAME_PATTERN } from '../schema/leaves.ts';
import { isRecord } from '../schema/registry.ts';
import { RESOURCE_TYPES } from '../schema/resource.ts';
import {
  account as accountSchema,
  billing as billingSchema,
  platform as platformSchema,
  scenarioSchema,
  slo as sloSchema,
} from '../schema/scenario.ts';
import {
  type Account,
  type Billing,
  type Budget,
  type MonthBasis,
  type Platform,
  type Resource,
  type SavingsPlan,
  SLO_METRIC_KINDS,
  SLO_METRICS,
  type SloMetric,
  type SloObjective,
} from '../types.ts';
import { normalizeBudgets } from './budgets.ts';
import { type Context, type Draft, Fields } from './context.ts';
import { fractionOf, millis, ms } from './convert.ts';
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
  /** The `budgets:` block; undefined when none is written (the scenario then has no `budgets` key). */
  readonly budgets: Draft<readonly Budget[] | undefined>;
  readonly functions: readonly FunctionDraft[];
  readonly resources: readonly Draft<Resource>[];
  readonly traffic: readonly TrafficDraft[];
  /** Every written function and resource name, valid or not, in written order. */
  readonly functionNames: readonly NamedElement[];
  readonly resourceNames: readonly NamedElement[];
  /** Whether traffic was written as one mapping (paths `traffic.x`) rather than a list. */
  readonly trafficIsList: boolean;
}

/** `dir/api-burst.yaml` -> `api-burst`. */
export function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const section = (data: Record<string, unknown>, key: string): Record<string, unknown> =>
  isRecord(data[key]) ? data[key] : {};

const isResourceType = (x: unknown): x is Resource['type'] =>
  (RESOURCE_TYPES as readonly unknown[]).includes(x);

/** `billing.month` as written (checkMonth reports keys that do not fit the window). */
function monthBasisOf(v: { window: MonthBasis['window']; bursts?: number; baseline?: number }): MonthBasis {
  if (v.window !== 'bursts') return { window: v.window };
  return { window: 'bursts', burstsPerMonth: v.bursts ?? 1, baselinePerSecond: v.baseline ?? 0 };
}

/** `window: bursts` needs `bursts`; `bursts` and `baseline` belong to `window: bursts` only. */
function checkMonth(data: Record<string, unknown>, ctx: Context): void {
  const billing = section(data, 'billing');
  const month = billing.month;
  const path = ['billing', 'month'];
  if (!isRecord(month) || ctx.invalid(path)) return;
  if (month.window === 'bursts' && month.bursts === undefined) {
    ctx.report.error(
      [...path, 'window'],
      'window: bursts needs bursts: N, the bursts like the window in a month',
    );
  }
  if (month.window !== 'bursts') {
    for (const key of ['bursts', 'baseline'] as const) {
      if (month[key] !== undefined) {
        ctx.report.error(
          [...path, key],
          `${key} applies to window: bursts only, not window: ${String(month.window ?? 'repeat')}`,
        );
      }
    }
  }
}

export function normalizeScenario(
  data: Record<string, unknown>,
  fileName: string,
  keysAt: (p: Path) => string[],
  ctx: Context,
): ScenarioDraft {
  const top = new Fields(scenarioSchema, data, [], ctx);
  const region = top.or('region', DEFAULT_REGION);

  const functionNames: NamedElement[] = keysAt(['functions']).map((name) => ({
    name,
    path: ['functions', name],
  }));
  const resourceNames: NamedElement[] = keysAt(['resources']).map((name) => {
    const raw = section(data, 'resources')[name];
    const written = isRecord(raw) && !ctx.invalid(['resources', name, 'type']) ? raw.type : undefined;
    return { name, path: ['resources', name], type: isResourceType(written) ? written : undefined };
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
      resources.push(normalizeResource(name, type, raw, path, ctx));
  }

  const kindOf = (name: string) =>
    functionNames.some((f) => f.name === name)
      ? 'function'
      : resourceNames.some((r) => r.name === name)
        ? 'resource'
        : undefined;
  const written = data.traffic;
  const trafficIsList = Array.isArray(written);
  const trafficRaw: readonly unknown[] = Array.isArray(written)
    ? written
    : written === undefined
      ? []
      : [written];
  const traffic = assignTrafficNames(
    trafficRaw.flatMap((raw, i) => {
      const path: Path = trafficIsList ? ['traffic', i] : ['traffic'];
      return isRecord(raw) ? [normalizeTraffic(raw, path, ctx, kindOf)] : [];
    }),
  );

  const derivedMs = traffic.reduce((max, t) => Math.max(max, t.spanMs), 0);
  const durationWritten = top.has('duration');
  const topValue = {
    name: top.or('name', baseName(fileName)),
    description: top.or('description', TOP_DEFAULTS.description),
    seed: top.or('seed', TOP_DEFAULTS.seed),
    region,
    durationMs: top.get('duration', millis, derivedMs),
  };
  // The name becomes a folder (reports/<name>/): one taken from the file name must be safe too.
  if (!top.has('name') && !SCENARIO_NAME_PATTERN.test(topValue.name)) {
    ctx.report.error(
      ['name'],
      `the file name gives the scenario the name ${describeValue(topValue.name)}, which cannot name ` +
        "the report folder: add `name:` with letters, digits, '-', '_' (and '.' after the first character)",
    );
  }
  // Without a written duration, a rejected traffic source leaves the window unknown: no follow-on error.
  const trafficRejected =
    traffic.some((t) => t.bad.has('arrivals')) || (traffic.length === 0 && ctx.invalid(['traffic']));
  if (!durationWritten && trafficRejected) top.markBad('duration');

  const a = top.nested('account', accountSchema);
  const account: Account = {
    concurrentExecutions: a.or('concurrentExecutions', ACCOUNT_DEFAULTS.concurrentExecutions),
    unreservedMinimum: a.or('unreservedMinimum', ACCOUNT_DEFAULTS.unreservedMinimum),
    scaling: a.or('scaling', ACCOUNT_DEFAULTS.scaling),
    burstLimit: a.or('burstLimit', legacyBurstLimit(region)),
  };

  const p = top.nested('platform', platformSchema);
  const platform: Platform = {
    idleTimeoutMs: p.get(
      'idleTimeout',
      (v) => normalizeDistribution(v, ['platform', 'idleTimeout'], ctx),
      DEFAULT_IDLE_TIMEOUT,
    ),
    maxLifetimeMs: p.get(
      'maxLifetime',
      (v) => (v === 'off' ? Number.POSITIVE_INFINITY : ms(v)),
      PLATFORM_DEFAULTS.maxLifetimeMs,
    ),
    placement: p.or('placement', PLATFORM_DEFAULTS.placement),
  };

  const b = top.nested('billing', billingSchema);
  checkMonth(data, ctx);
  const billing: Billing = {
    freeTier: b.or('freeTier', BILLING_DEFAULTS.freeTier),
    granularityMs: b.get('granularity', (v) => (v === '100ms' ? 100 : 1), BILLING_DEFAULTS.granularityMs),
    initBilled: b.or('initBilled', BILLING_DEFAULTS.initBilled),
    prices: b.get('prices', (v) => ({ ...v }), { ...BILLING_DEFAULTS.prices }),
    month: b.get('month', (v): MonthBasis => monthBasisOf(v), BILLING_DEFAULTS.month),
    savingsPlan: b.get(
      'savingsPlan',
      (v): SavingsPlan => ({ discount: fractionOf(v.discount), commitmentUsdPerHour: v.commitment ?? null }),
      BILLING_DEFAULTS.savingsPlan,
    ),
  };

  const o = top.nested('slo', sloSchema);
  const sloConvert = {
    duration: (v: string | number) => ms(String(v)),
    fraction: fractionOf,
    count: (v: string | number) => Number(v),
  };
  const slo: SloObjective[] = [];
  for (const metric of SLO_METRICS) {
    const max = o.get<SloMetric, number | undefined>(metric, sloConvert[SLO_METRIC_KINDS[metric]], undefined);
    if (max !== undefined) slo.push({ metric, max });
  }

  const budgets = normalizeBudgets(
    data.budgets,
    ['budgets'],
    functionNames.map((f) => f.name),
    ctx,
  );

  return {
    top: { value: topValue, path: [], bad: top.bad },
    durationWritten,
    account: { value: account, path: ['account'], bad: a.bad },
    platform: { value: platform, path: ['platform'], bad: p.bad },
    billing: { value: billing, path: ['billing'], bad: b.bad },
    slo: { value: slo, path: ['slo'], bad: o.bad },
    budgets: { value: budgets.value, path: ['budgets'], bad: budgets.bad },
    functions,
    resources,
    traffic,
    functionNames,
    resourceNames,
    trafficIsList,
  };
}
