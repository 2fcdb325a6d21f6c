/**
 * Builds the scenario's resources on the simulation (databases, RDS proxies, NAT gateways) and
 * turns a function's resource calls into its call program. Pure wiring: behaviour lives in
 * ./database and ./network.
 */
import type { Rng, Simulation } from '../engine/index.ts';
import type { Database, LambdaFunction, NatGateway, RdsProxy, Scenario } from '../scenario/types.ts';
import type { RequestResumer } from './calls/resourceCall.ts';
import { DatabaseServer } from './database/databaseServer.ts';
import { DirectDatabaseCall } from './database/directDatabaseCall.ts';
import { ProxyCall, RdsProxyModel } from './database/rdsProxy.ts';
import type { ProgramCall } from './functionRuntime.ts';
import { NatGatewayModel } from './network/natGateway.ts';

export interface Resources {
  readonly databases: ReadonlyMap<string, DatabaseServer>;
  readonly proxies: ReadonlyMap<string, RdsProxyModel>;
  readonly nats: ReadonlyMap<string, NatGatewayModel>;
}

export function buildResources(
  scenario: Scenario,
  sim: Simulation,
  root: Rng,
  windowMs: number,
  bucketMs: number,
): Resources {
  const databases = new Map<string, DatabaseServer>();
  const proxies = new Map<string, RdsProxyModel>();
  const nats = new Map<string, NatGatewayModel>();
  for (const r of scenario.resources) {
    if (r.type === 'nat-gateway') {
      nats.set(r.name, new NatGatewayModel(r as NatGateway, root.fork(`resource:${r.name}`)));
    } else if (r.type !== 'rds-proxy') {
      const db = r as Database;
      let server: DatabaseServer | undefined;
      const kind = sim.on(`db-completion:${db.name}`, () => server!.onCompletion(sim.now));
      server = new DatabaseServer(db, sim, kind, windowMs, bucketMs);
      databases.set(db.name, server);
    }
  }
  for (const r of scenario.resources) {
    if (r.type !== 'rds-proxy') continue;
    const proxy = r as RdsProxy;
    const db = databases.get(proxy.target)!;
    proxies.set(
      proxy.name,
      new RdsProxyModel(proxy, db, sim, root.fork(`resource:${proxy.name}`), windowMs, bucketMs),
    );
  }
  return { databases, proxies, nats };
}

/** The NAT gateway a VPC function's internet calls use: the scenario's first (validation requires one). */
export function natFor(fn: LambdaFunction, resources: Resources): NatGatewayModel | null {
  if (!fn.vpc) return null;
  return resources.nats.values().next().value ?? null;
}

export function buildProgram(
  fn: LambdaFunction,
  resources: Resources,
  resumer: RequestResumer,
  sim: Simulation,
  rng: Rng,
): ProgramCall[] {
  const program: ProgramCall[] = [];
  fn.model.calls.forEach((call, i) => {
    if (call.kind !== 'resource') return;
    const db = resources.databases.get(call.resource);
    if (db) {
      const direct = new DirectDatabaseCall(
        db,
        resumer,
        sim,
        rng.fork(`call-${i}`),
        `db-connected:${fn.name}:${i}`,
      );
      program.push({ call: direct, count: call.count });
      return;
    }
    const proxy = resources.proxies.get(call.resource);
    if (proxy) {
      program.push({ call: new ProxyCall(proxy, resumer), count: call.count });
      return;
    }
    throw new Error(
      `call to ${call.resource} from ${fn.name}: no database or proxy of that name (validation missed it)`,
    );
  });
  return program;
}

export function closeResourcesWindow(resources: Resources): void {
  for (const db of resources.databases.values()) db.closeWindow();
  for (const proxy of resources.proxies.values()) proxy.closeWindow();
}
