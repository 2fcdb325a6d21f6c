/**
 * Builds the scenario's resources on the simulation (databases, RDS proxies, NAT gateways, VPC
 * endpoints, SQS queues, streams, buckets and topics) and turns a function's resource calls into
 * its call program. Pure wiring: behaviour lives in ./database, ./network and ./messaging.
 */

import type { Rng, Simulation } from '../engine/index.ts';
import type { SeriesMaker } from '../metrics/index.ts';
import { present } from '../result.ts';
import type {
  Call,
  Database,
  LambdaFunction,
  NatGateway,
  RdsProxy,
  Scenario,
  Secret,
  SqsQueue,
  VpcEndpoint,
} from '../scenario/index.ts';
import { SECRETS_MANAGER_SERVICE } from '../scenario/index.ts';
import type { ProgramCall } from './calls/callProgram.ts';
import type { RequestResumer, ResourceCall } from './calls/resourceCall.ts';
import { DatabaseServer } from './database/databaseServer.ts';
import { DirectDatabaseCall } from './database/directDatabaseCall.ts';
import { ProxyCall, RdsProxyModel } from './database/rdsProxy.ts';
import type { CallRoutes } from './handler/handlerModel.ts';
import { DataStreamModel } from './messaging/dataStream.ts';
import { NotifierModel } from './messaging/notifier.ts';
import { keepsWholeWindow, SqsQueueModel } from './messaging/sqsQueue.ts';
import { ChainedRoute, MeteredRoute, type Route } from './network/route.ts';
import type { ResourcesResult } from './runData.ts';

export interface Resources {
  readonly databases: ReadonlyMap<string, DatabaseServer>;
  readonly proxies: ReadonlyMap<string, RdsProxyModel>;
  /** NAT gateways (no AWS latency figure: default 1 ms ⚠) and VPC endpoints, metered. */
  readonly nats: ReadonlyMap<string, MeteredRoute<NatGateway>>;
  readonly endpoints: ReadonlyMap<string, MeteredRoute<VpcEndpoint>>;
  /** Secrets Manager secrets: a GetSecretValue call is a fixed-latency call, metered. */
  readonly secrets: ReadonlyMap<string, MeteredRoute<Secret>>;
  /** SQS queues, with their dead-letter queues linked. */
  readonly queues: ReadonlyMap<string, SqsQueueModel>;
  /** Kinesis and DynamoDB streams. */
  readonly streams: ReadonlyMap<string, DataStreamModel>;
  /** S3 buckets and SNS topics. */
  readonly notifiers: ReadonlyMap<string, NotifierModel>;
}

/** Where a call that is not a database, proxy or endpoint call goes (function calls, writes). */
export interface ProgramMessaging {
  /** The resource call for `call` (the i-th of `fn`'s calls), or null when it is not one of these. */
  callFor(fn: LambdaFunction, call: Call, i: number, resumer: RequestResumer, rng: Rng): ResourceCall | null;
}

export function buildResources(
  scenario: Scenario,
  sim: Simulation,
  root: Rng,
  windowMs: number,
  series: SeriesMaker,
): Resources {
  const databases = new Map<string, DatabaseServer>();
  const proxies = new Map<string, RdsProxyModel>();
  const nats = new Map<string, MeteredRoute<NatGateway>>();
  const endpoints = new Map<string, MeteredRoute<VpcEndpoint>>();
  const secrets = new Map<string, MeteredRoute<Secret>>();
  const queues = new Map<string, SqsQueueModel>();
  const streams = new Map<string, DataStreamModel>();
  const notifiers = new Map<string, NotifierModel>();
  for (const r of scenario.resources) {
    if (r.type === 'sqs-queue') {
      queues.set(r.name, new SqsQueueModel(r, sim, windowMs, series));
    } else if (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream') {
      streams.set(r.name, new DataStreamModel(r, sim, root.fork(`resource:${r.name}`)));
    } else if (r.type === 's3-bucket' || r.type === 'sns-topic') {
      notifiers.set(r.name, new NotifierModel(r, sim));
    } else if (r.type === 'secret') {
      secrets.set(r.name, new MeteredRoute(r, root.fork(`resource:${r.name}`), series));
    } else if (r.type === 'vpc-endpoint') {
      endpoints.set(r.name, new MeteredRoute(r as VpcEndpoint, root.fork(`resource:${r.name}`), series));
    } else if (r.type === 'nat-gateway') {
      nats.set(r.name, new MeteredRoute(r as NatGateway, root.fork(`resource:${r.name}`), series));
    } else if (r.type !== 'rds-proxy') {
      const db = r as Database;
      databases.set(db.name, new DatabaseServer(db, sim, windowMs, series));
    }
  }
  for (const r of scenario.resources) {
    if (r.type !== 'rds-proxy') continue;
    const proxy = r as RdsProxy;
    const db = present(databases.get(proxy.target), `database ${proxy.target}, the target of ${proxy.name}`);
    proxies.set(
      proxy.name,
      new RdsProxyModel(proxy, db, sim, root.fork(`resource:${proxy.name}`), windowMs, series),
    );
  }
  // Queues (and a bucket's topics) subscribed to a bucket or topic, before any function subscribes.
  for (const notifier of notifiers.values()) {
    for (const name of notifier.config.deliverTo) {
      notifier.subscribe(present(queues.get(name) ?? notifiers.get(name), `queue or topic ${name}`));
    }
  }
  for (const queue of queues.values()) {
    const dlq = queue.config.deadLetterQueue;
    if (dlq !== null) queue.deadLetterQueue = queues.get(dlq) ?? null;
  }
  return { databases, proxies, nats, endpoints, secrets, queues, streams, notifiers };
}

/**
 * Where a function's fixed-latency calls go: calls to a VPC endpoint through it; in a VPC,
 * internet calls through the scenario's (first) NAT gateway, and calls to a secret through a
 * `secretsmanager` endpoint if there is one, else through the NAT gateway (validation requires
 * one of them); outside a VPC, straight to the service.
 */
export function routesFor(fn: LambdaFunction, resources: Resources): CallRoutes {
  const nat = fn.vpc ? (resources.nats.values().next().value ?? null) : null;
  const secretsPath: Route | null = fn.vpc
    ? ([...resources.endpoints.values()].find((e) => e.config.service === SECRETS_MANAGER_SERVICE) ?? nat)
    : null;
  const routes = new Map<string, Route>(resources.endpoints);
  for (const [name, secret] of resources.secrets) {
    routes.set(name, secretsPath ? new ChainedRoute(secretsPath, secret) : secret);
  }
  return { internet: nat, resources: routes };
}

export function buildProgram(
  fn: LambdaFunction,
  resources: Resources,
  resumer: RequestResumer,
  sim: Simulation,
  rng: Rng,
  messaging?: ProgramMessaging,
): ProgramCall[] {
  const program: ProgramCall[] = [];
  fn.model.calls.forEach((call, i) => {
    const other = messaging?.callFor(fn, call, i, resumer, rng.fork(`call-${i}`)) ?? null;
    if (other !== null) {
      program.push({ call: other, count: call.count });
      return;
    }
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
    if (resources.endpoints.has(call.resource) || resources.secrets.has(call.resource)) return; // fixed latency (HandlerModel)
    throw new Error(
      `call to ${call.resource} from ${fn.name}: no database, proxy, queue, stream, bucket or topic of that name (validation missed it)`,
    );
  });
  return program;
}

/** Samples of every SQS queue's oldest-message age per time bucket (startQueueAgeSampling). */
const QUEUE_AGE_SAMPLES_PER_BUCKET = 4;

/**
 * The instants startQueueAgeSampling samples at: from 0, every bucketMs / 4 (by repeated
 * addition, as the simulation schedules them), while inside the window.
 */
export function* queueAgeSampleTimes(windowMs: number, bucketMs: number): Generator<number> {
  const everyMs = bucketMs / QUEUE_AGE_SAMPLES_PER_BUCKET;
  for (let t = 0; t < windowMs; t += everyMs) yield t;
}

/** The SQS queues no event source mapping reads (only expiry takes messages out of them). */
export function unreadQueues(scenario: Scenario): SqsQueue[] {
  const read = new Set<string>();
  for (const fn of scenario.functions) for (const e of fn.events) if (e.kind === 'sqs') read.add(e.queue);
  return scenario.resources.filter((r): r is SqsQueue => r.type === 'sqs-queue' && !read.has(r.name));
}

/**
 * The unread SQS queues that time shards continue across slices (results/unreadQueues.ts), by
 * name: those that keep every message of the window (keepsWholeWindow), so nothing ever leaves
 * them and what they hold at a slice's start is exactly what the earlier slices sent. An unread
 * queue whose messages expire inside the window is rebuilt by each shard's warm-up instead (its
 * retention is part of the warm-up, experiments/shardPlan.ts).
 */
export function continuedQueueNames(scenario: Scenario): Set<string> {
  return new Set(
    unreadQueues(scenario)
      .filter((q) => keepsWholeWindow(q, scenario.durationMs))
      .map((q) => q.name),
  );
}

/**
 * Samples the age of the oldest message of every SQS queue four times per time bucket over the
 * window (ApproximateAgeOfOldestMessage is itself approximate), starting at 0
 * (queueAgeSampleTimes).
 */
export function startQueueAgeSampling(
  resources: Resources,
  sim: Simulation,
  windowMs: number,
  bucketMs: number,
): void {
  if (resources.queues.size === 0) return;
  const everyMs = bucketMs / QUEUE_AGE_SAMPLES_PER_BUCKET;
  const kind = sim.on('queue-age-sample', () => {
    for (const q of resources.queues.values()) q.sampleAge(sim.now);
    const next = sim.now + everyMs;
    if (next < windowMs) sim.at(next, kind);
  });
  sim.at(0, kind);
}

/**
 * Forgets what every resource measured before `nowMs` (a time shard's warm-up; before any event
 * at `nowMs`): counters from zero, levels and series carried on from `nowMs`; the state (messages
 * and records waiting, connections open, sessions, retries owed) stays.
 */
export function startResourcesRecording(resources: Resources, nowMs: number): void {
  for (const db of resources.databases.values()) db.startRecording(nowMs);
  for (const proxy of resources.proxies.values()) proxy.startRecording(nowMs);
  for (const routes of [resources.nats, resources.endpoints, resources.secrets])
    for (const route of routes.values()) route.startRecording(nowMs);
  for (const queue of resources.queues.values()) queue.startRecording(nowMs);
  for (const stream of resources.streams.values()) stream.startRecording(nowMs);
  for (const notifier of resources.notifiers.values()) notifier.startRecording(nowMs);
}

/** Freezes the resources' levels at `endMs` (the window's end, or a time shard's slice end). */
export function closeResourcesWindow(resources: Resources, endMs: number): void {
  for (const db of resources.databases.values()) db.closeWindow(endMs);
  for (const proxy of resources.proxies.values()) proxy.closeWindow(endMs);
  for (const queue of resources.queues.values()) queue.closeWindow(endMs);
}

/** The resources over the run, as plain data (call once the run is over). */
export function resourcesResult(resources: Resources): ResourcesResult {
  const results = <T, R>(map: ReadonlyMap<string, T>, f: (x: T) => R): R[] => [...map.values()].map(f);
  return {
    databases: results(resources.databases, (db) => db.result()),
    proxies: results(resources.proxies, (proxy) => proxy.result()),
    nats: results(resources.nats, (nat) => ({ ...nat.result(), azs: nat.config.azs })),
    endpoints: results(resources.endpoints, (e) => ({
      ...e.result(),
      azs: e.config.azs,
      endpointType: e.config.endpointType,
      service: e.config.service,
    })),
    secrets: results(resources.secrets, (secret) => secret.result()),
    queues: results(resources.queues, (q) => q.result()),
    streams: results(resources.streams, (stream) => stream.result()),
    notifiers: results(resources.notifiers, (n) => n.result()),
  };
}
