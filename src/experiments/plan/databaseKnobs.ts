/**
 * Knobs on a database behind the functions (knobs.ts): an RDS Proxy in front of it, a larger
 * instance class (priced), a proxy's pool size. Pure.
 */
import { priceRegionFor, priceTable } from '../../billing/index.ts';
import { present } from '../../result.ts';
import type { Database, RdsProxy, Scenario } from '../../scenario/index.ts';
import {
  DB_INSTANCE_CLASSES,
  defaultMaxConnections,
  RDS_PROXY_DEFAULTS,
  splitInstanceClass,
} from '../../scenario/index.ts';
import { withResource } from '../edits.ts';
import type { Knob } from './knobs.ts';
import { resourceOf } from './knobTargets.ts';

/** Functions that call `db` directly. */
const directCallers = (s: Scenario, db: string) =>
  s.functions.filter((f) => f.model.calls.some((c) => c.kind === 'resource' && c.resource === db));

export function addRdsProxyKnob(s: Scenario, db: string): Knob | null {
  if (s.resources.some((r) => r.type === 'rds-proxy' && r.target === db)) return null;
  if (directCallers(s, db).length === 0) return null;
  let name = `${db}-proxy`;
  for (let i = 2; s.resources.some((r) => r.name === name); i++) name = `${db}-proxy-${i}`;
  return {
    id: 'rdsProxy',
    domain: { kind: 'list', values: [name] },
    apply(scenario) {
      // What the scenario parser fills in for `{ type: rds-proxy, target: db }`.
      const proxy: RdsProxy = { type: 'rds-proxy', name, target: db, ...RDS_PROXY_DEFAULTS };
      const callers = directCallers(scenario, db).map((f) => f.name);
      const functions = scenario.functions.map((f) =>
        callers.includes(f.name)
          ? {
              ...f,
              model: {
                ...f.model,
                calls: f.model.calls.map((c) =>
                  c.kind === 'resource' && c.resource === db ? { ...c, resource: name } : c,
                ),
              },
            }
          : f,
      );
      return {
        scenario: { ...scenario, resources: [...scenario.resources, proxy], functions },
        changes: [
          {
            setting: `resources.${name}`,
            from: null,
            to: `rds-proxy → ${db}`,
            reason: { code: 'addProxy', database: db },
          },
          ...callers.map((fn) => ({
            setting: `functions.${fn}.model.calls`,
            from: db,
            to: name,
            reason: { code: 'throughProxy', function: fn } as const,
          })),
        ],
      };
    },
  };
}

export function dbInstanceClassKnob(s: Scenario, db: string): Knob | null {
  const d = resourceOf<Database>(s, db);
  if (!d || !('instanceClass' in d)) return null;
  const { family } = splitInstanceClass(d.instanceClass);
  // Only classes the bill can price (the Region's table or a billing.prices override), so the
  // monthly cost that ranks this change includes the larger instance's hours.
  const table = priceTable(priceRegionFor(s.region), s.billing.prices);
  const priced = (cls: string) => table.ok && table.value.dbInstanceUsdPerHour(d.type, cls) !== undefined;
  const bigger = Object.entries(DB_INSTANCE_CLASSES)
    .filter(([cls, spec]) => splitInstanceClass(cls).family === family && spec.vcpus > d.vcpus && priced(cls))
    .sort((a, b) => a[1].vcpus - b[1].vcpus || a[1].memoryGiB - b[1].memoryGiB)
    .map(([cls]) => cls);
  // max_connections follows the class unless the scenario set it explicitly.
  const defaultConnections = d.maxConnections === defaultMaxConnections(d.type, d.instanceClass);
  return {
    id: 'dbInstanceClass',
    domain: { kind: 'list', values: bigger },
    apply(scenario, value) {
      const cls = String(value);
      const spec = DB_INSTANCE_CLASSES[cls];
      const old = present(resourceOf<Database>(scenario, db), `database ${db}`);
      const next: Database = {
        ...old,
        instanceClass: cls,
        vcpus: spec.vcpus,
        memoryGiB: spec.memoryGiB,
        maxConnections: defaultConnections ? defaultMaxConnections(old.type, cls) : old.maxConnections,
      };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${db}.instanceClass`,
            from: old.instanceClass,
            to: cls,
            reason: {
              code: 'largerInstance',
              vcpus: spec.vcpus,
              memoryGiB: spec.memoryGiB,
              maxConnections: defaultConnections ? next.maxConnections : null,
            },
          },
        ],
      };
    },
  };
}

export function proxyConnectionsKnob(s: Scenario, proxy: string): Knob | null {
  const p = resourceOf<RdsProxy>(s, proxy);
  if (p?.type !== 'rds-proxy') return null;
  return {
    id: 'proxyMaxConnections',
    domain: { kind: 'list', values: [0.5, 0.75, 0.9, 1].filter((v) => v > p.maxConnectionsFraction) },
    apply(scenario, value) {
      const old = present(resourceOf<RdsProxy>(scenario, proxy), `proxy ${proxy}`);
      const next: RdsProxy = { ...old, maxConnectionsFraction: Number(value) };
      return {
        scenario: withResource(scenario, next),
        changes: [
          {
            setting: `resources.${proxy}.maxConnectionsPercent`,
            from: `${old.maxConnectionsFraction * 100}%`,
            to: `${Number(value) * 100}%`,
            reason: { code: 'largerProxyPool' },
          },
        ],
      };
    },
  };
}
