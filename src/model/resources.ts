/**
 * Builds the scenario's resources on the simulation (databases, RDS proxies, NAT gateways) and
 * turns a function's resource calls into its call program. Pure wiring: behaviour lives in
 * ./database and ./network.
 */
import type { Rng, Simulation } from '../engine/index.ts';
import type {
  Database,
  LambdaFunction,
  NatGateway,
  RdsProxy,
  Scenario,
  VpcEndpoint,
} from '../scenario/types.ts';
import type { RequestResumer } from './calls/resourceCall.ts';
import { DatabaseServer } from './database/databaseServer.ts';
import { DirectDatabaseCall } from './database/directDatabaseCall.ts';
import { ProxyCall, RdsProxyModel } from './database/rdsProxy.ts';
import type { ProgramCall } from './functionRuntime.ts';
import type { CallRoutes } from './handler/handlerModel.ts';
import { NatGatewayModel } from './network/natGateway.ts';
import { VpcEndpointModel } from './network/vpcEndpoint.ts';

export interface Resources {
  readonly databases: ReadonlyMap<string, DatabaseServer>;
  readonly proxies: ReadonlyMap<string, RdsProxyModel>;
  readonly nats: ReadonlyMap<string, NatGatewayModel>;
  readonly endpoints: ReadonlyMap<string, VpcEndpointModel>;
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
  const endpoints = new Map<string, VpcEndpointModel>();
  for (const r of scenario.resources) {
    if (r.type === 'vpc-endpoint') {
      endpoints.set(r.name, new VpcEndpointModel(r as VpcEndpoint, root.fork(`resource:${r.name}`)));
    } else if (r.type === 'nat-gateway') {
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
  return { databases, proxies, nats, endpoints };
}

/**
 * Where a function's fixed-latency calls go: in a VPC, internet calls through the scenario's
 * (first) NAT gateway — validation requires one — and endpoint calls through their endpoint.
 */
export function routesFor(fn: LambdaFunction, resources: Resources): CallRoutes {
  return {
    internet: fn.vpc ? (resources.nats.values().next().value ?? null) : null,
    endpoints: resources.endpoints,
  };
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
    if (resources.endpoints.has(call.resource)) return; // a fixed-latency call (HandlerModel)
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
