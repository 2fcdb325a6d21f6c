/**
 * Database CPU demand at the traffic's peak, checked before a run (`validate`, `run` and the other
 * commands print it as a warning). Pure.
 *
 * A database's `query` is CPU time on the instance's vCPUs: running queries share them (processor
 * sharing), so when queries need more vCPUs than the instance has, every query slows in
 * proportion, holds its connection longer and connections pile up. The demand counted here is a
 * lower bound: the peak rate of the traffic that invokes functions directly (phases; a trace by
 * its busiest second), times the queries each invocation makes (direct or through an RDS Proxy),
 * times the mean query time. Queues, streams and calls between functions are left out.
 */
import { distMean } from '../engine/index.ts';
import { rateSegments } from '../model/index.ts';
import type { Database, Scenario } from '../scenario/index.ts';

export interface DatabaseSaturation {
  readonly database: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  /** vCPUs the queries need at the peak rate (a lower bound). */
  readonly demandVcpus: number;
  /** Invocations per second at the peak, summed over the functions that query the database. */
  readonly peakPerSecond: number;
  /** Queries per second at the peak. */
  readonly queriesPerSecond: number;
  readonly meanQueryMs: number;
}

/** Requests per second at the busiest moment of one traffic source over the window. */
function peakPerSecond(traffic: Scenario['traffic'][number], windowMs: number): number {
  if (traffic.arrivals.kind === 'trace') {
    const perSecond = new Map<number, number>();
    let best = 0;
    for (const t of traffic.arrivals.timesMs) {
      if (t >= windowMs) continue;
      const s = Math.floor(t / 1000);
      const n = (perSecond.get(s) ?? 0) + 1;
      perSecond.set(s, n);
      if (n > best) best = n;
    }
    return best;
  }
  let best = 0;
  for (const seg of rateSegments(traffic, windowMs)) best = Math.max(best, seg.rate0, seg.rate1);
  return best * 1000;
}

/** Databases whose queries need more vCPUs at the peak than the instance has. */
export function databaseSaturation(scenario: Scenario): DatabaseSaturation[] {
  const databases = scenario.resources.filter((r): r is Database => 'queryMs' in r);
  const proxyTarget = new Map<string, string>();
  for (const r of scenario.resources) if (r.type === 'rds-proxy') proxyTarget.set(r.name, r.target);
  const peakByFunction = new Map<string, number>();
  for (const t of scenario.traffic) {
    if (t.targetKind !== 'function') continue;
    peakByFunction.set(t.target, (peakByFunction.get(t.target) ?? 0) + peakPerSecond(t, scenario.durationMs));
  }
  const out: DatabaseSaturation[] = [];
  for (const db of databases) {
    let peak = 0;
    let queries = 0;
    for (const fn of scenario.functions) {
      const perInvocation = fn.model.calls.reduce(
        (n, c) =>
          c.kind === 'resource' && (c.resource === db.name || proxyTarget.get(c.resource) === db.name)
            ? n + c.count
            : n,
        0,
      );
      const rate = peakByFunction.get(fn.name) ?? 0;
      if (perInvocation === 0 || rate === 0) continue;
      peak += rate;
      queries += rate * perInvocation;
    }
    const meanQueryMs = distMean(db.queryMs);
    const demandVcpus = (queries * meanQueryMs) / 1000;
    if (demandVcpus > db.vcpus) {
      out.push({
        database: db.name,
        instanceClass: db.instanceClass,
        vcpus: db.vcpus,
        demandVcpus,
        peakPerSecond: peak,
        queriesPerSecond: queries,
        meanQueryMs,
      });
    }
  }
  return out;
}
