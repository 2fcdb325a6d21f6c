/**
 * What a run consumed, in billable units (src/billing/metering/usage.ts), from the results of its
 * functions, front doors and resources (plain data, ./runData.ts). Pure.
 */

import type {
  AlbUsage,
  ApiGatewayUsage,
  DatabaseInstanceUsage,
  KinesisStreamUsage,
  LambdaUsage,
  NatGatewayUsage,
  RdsProxyUsage,
  S3BucketUsage,
  SnsTopicUsage,
  SqsUsage,
  Usage,
  VpcEndpointUsage,
} from '../billing/metering/index.ts';
import {
  eventBridgeBilledEvents,
  isSnapStartCharged,
  snsBilledRequests,
  sqsBilledRequests,
} from '../billing/metering/index.ts';
import type { Database, Scenario } from '../scenario/index.ts';
import type { EventSourcesResult, FunctionResult, ResourcesResult, TrafficResult } from './runData.ts';

const DAY_MS = 86_400_000;

/** Front doors whose responses leave AWS (CloudFront's own transfer pricing is not modelled). */
const INTERNET_FACING: ReadonlySet<string> = new Set([
  'api-gateway-rest',
  'api-gateway-http',
  'alb',
  'function-url',
]);

/** Event poller hours of `fn`'s SQS mappings in provisioned mode, when it has any. */
function eventPollerHoursOf(fn: string, eventSources: EventSourcesResult): { eventPollerHours?: number } {
  let ms = 0;
  for (const source of eventSources.sqs) if (source.function === fn) ms += source.eventPollerMs;
  return ms > 0 ? { eventPollerHours: ms / 3_600_000 } : {};
}

export function usageOf(
  scenario: Scenario,
  functions: readonly FunctionResult[],
  /** In the scenario's order of traffic. */
  traffic: readonly TrafficResult[],
  resources: ResourcesResult,
  eventSources: EventSourcesResult,
): Usage {
  const edgeTargets = new Set(
    scenario.traffic.filter((t) => t.via === 'cloudfront-edge').map((t) => t.target),
  );
  const lambda: LambdaUsage[] = functions.map((f, i) => {
    const fn = scenario.functions[i];
    const s = f.billing;
    return {
      function: fn.name,
      architecture: fn.architecture,
      memoryMb: fn.memoryMb,
      ephemeralStorageMb: fn.ephemeralStorageMb,
      edge: edgeTargets.has(fn.name),
      requests: s.requests,
      onDemandBilledMs: s.onDemandBilledMs,
      provisionedBilledMs: s.provisionedBilledMs,
      provisionedIntervals: f.provisionedIntervals,
      requestsWhileProvisioned: s.requestsWhileProvisioned,
      onDemandBilledMsWhileProvisioned: s.onDemandBilledMsWhileProvisioned,
      logBytes: s.requests * fn.logBytesPerInvocation,
      ...eventPollerHoursOf(fn.name, eventSources),
      // SnapStart (Python, .NET): the version's snapshot is cached for the whole window (AWS's
      // 3-hour minimum is per version's life, which a window only samples), and each restore is
      // billed per GB of memory. Java's SnapStart has no charge.
      ...(fn.snapStart && isSnapStartCharged(fn.runtime)
        ? { snapStartCacheMs: scenario.durationMs, snapStartRestores: f.snapStartRestores }
        : {}),
    };
  });
  // API Gateway bills every API call it receives, including those Lambda throttled.
  const apiGateway: ApiGatewayUsage[] = [];
  scenario.traffic.forEach((t, i) => {
    if (t.via === 'api-gateway-rest' || t.via === 'api-gateway-http') {
      apiGateway.push({
        type: t.via === 'api-gateway-rest' ? 'rest' : 'http',
        requests: traffic[i].sent,
        bytesPerRequest: t.payloadBytes,
      });
    }
  });
  const hours = scenario.durationMs / 3_600_000;
  const natGateways: NatGatewayUsage[] = resources.nats.map((nat) => ({
    name: nat.name,
    azs: nat.azs,
    hours,
    processedBytes: nat.processedBytes,
  }));
  // RDS Proxy bills the vCPUs of every instance it is enabled for (minimum applied by billing) for
  // its lifetime: its target's, and an Aurora cluster's readers' too ("you pay per vCPU of each
  // database instance for which the proxy is enabled", RDS Proxy pricing page ⚠ as quoted, not read).
  const readersOf = (name: string) =>
    scenario.resources.find((r): r is Database => r.name === name && 'readers' in r)?.readers ?? [];
  const rdsProxies: RdsProxyUsage[] = resources.proxies.map((proxy) => {
    const target = scenario.resources.find((r) => r.name === proxy.name);
    const readers = target?.type === 'rds-proxy' ? readersOf(target.target) : [];
    return {
      name: proxy.name,
      target: 'instance',
      capacity: proxy.targetVcpus + readers.reduce((n, r) => n + r.vcpus, 0),
      hours,
    };
  });
  // Gateway endpoints are free; interface endpoints bill AZ-hours and processed bytes.
  const vpcEndpoints: VpcEndpointUsage[] = resources.endpoints
    .filter((e) => e.endpointType === 'interface')
    .map((e) => ({ name: e.name, azs: e.azs, hours, processedBytes: e.processedBytes }));
  // ALB with Lambda targets: one ALB per traffic source; every request a new connection (⚠ clients
  // that keep connections alive open fewer), active within its minute; bytes = payload in.
  const albs: AlbUsage[] = [];
  scenario.traffic.forEach((t, i) => {
    if (t.via !== 'alb') return;
    const sent = traffic[i].sent;
    albs.push({
      name: t.name,
      hours,
      newConnections: sent,
      activeConnectionMinutes: sent,
      processedBytes: sent * t.payloadBytes,
      ruleEvaluations: 0,
      targets: 'lambda',
    });
  });
  // SQS: SendMessage per message (64 KB chunks), a ReceiveMessage per batch (64 KB chunks of the
  // batch) plus every long poll of the mapping's pollers that came back empty (SqsEventSource),
  // a DeleteMessageBatch per 10 messages of each batch deleted (rounded up per batch: SqsQueue).
  const sqs: SqsUsage[] = resources.queues.map((q) => {
    const bytes = q.meanMessageBytes;
    const receiveRequests =
      q.receiveCalls * Math.max(1, sqsBilledRequests((bytes * q.received) / Math.max(1, q.receiveCalls)));
    let emptyReceives = 0;
    for (const source of eventSources.sqs) {
      if (source.queue === q.name) emptyReceives += source.emptyReceives;
    }
    return {
      queue: q.name,
      fifo: q.fifo,
      requests:
        q.sent * sqsBilledRequests(bytes) + receiveRequests + Math.round(emptyReceives) + q.deleteCalls,
    };
  });
  // Secrets Manager: every secret for the window, and each GetSecretValue call.
  const secrets = resources.secrets;
  const secretsManager =
    secrets.length > 0
      ? {
          secrets: secrets.length,
          hours,
          apiCalls: secrets.reduce((n, s) => n + s.calls, 0),
        }
      : undefined;
  // RDS / Aurora: each database is one single-AZ provisioned instance running for the window.
  // An Aurora cluster's readers bill their own instance hours (Aurora user guide, "DB instance
  // billing for Aurora": every provisioned instance of a cluster bills DB instance hours).
  const databases: DatabaseInstanceUsage[] = resources.databases.flatMap((db) => [
    { name: db.name, engine: db.type, instanceClass: db.instanceClass, hours },
    ...readersOf(db.name).map((r, i) => ({
      name: `${db.name} reader ${i + 1}`,
      engine: db.type,
      instanceClass: r.instanceClass,
      hours,
    })),
  ]);
  // Kinesis (provisioned mode): shard-hours, extended retention above 24 h, PUT payload units of
  // the records accepted (refused writes are not billed), and for each mapping with enhanced
  // fan-out (a registered consumer) its consumer-shard-hours and the bytes pushed to it. Standard
  // (polling) reads are free. DynamoDB streams read by Lambda: free.
  const fanOutMappings = scenario.functions.flatMap((fn) =>
    fn.events.filter((e) => e.kind === 'stream' && e.streamType === 'kinesis' && e.enhancedFanOut),
  );
  const kinesisStreams: KinesisStreamUsage[] = resources.streams
    .filter((st) => st.type === 'kinesis-stream')
    .map((st) => ({
      name: st.name,
      shards: st.shards,
      hours,
      extendedRetention: st.retentionMs > DAY_MS,
      putPayloadUnits: st.putPayloadUnits,
      enhancedFanOutConsumers: fanOutMappings.filter((e) => e.kind === 'stream' && e.stream === st.name)
        .length,
      enhancedFanOutBytes: eventSources.streams
        .filter((s) => s.stream === st.name)
        .reduce((n, s) => n + s.pushedBytes, 0),
    }));
  // SNS: publishes (64 KB chunks) and the deliveries to subscribed functions (free); S3: every
  // object written (by traffic, functions, destinations) is a PUT request. Traffic `via: sns` and
  // `via: s3` straight to a function stands for a topic or bucket the scenario does not name; on a
  // topic or bucket target the resource itself already counts every write, so `via` adds nothing.
  const notifiers = resources.notifiers;
  const snsTopics: SnsTopicUsage[] = notifiers
    .filter((n) => n.type === 'sns-topic')
    .map((n) => ({
      name: n.name,
      publishRequests: n.publishRequests,
      deliveries: n.deliveries,
    }));
  const s3Buckets: S3BucketUsage[] = notifiers
    .filter((n) => n.type === 's3-bucket')
    .map((n) => ({
      name: n.name,
      putRequests: n.published,
      getRequests: 0,
    }));
  let customEvents = 0;
  scenario.traffic.forEach((t, i) => {
    const sent = traffic[i].sent;
    if (t.targetKind !== 'function') return;
    if (t.via === 'sns') {
      snsTopics.push({
        name: `${t.name} (via sns)`,
        publishRequests: sent * snsBilledRequests(t.payloadBytes),
        deliveries: sent,
      });
    } else if (t.via === 's3') {
      s3Buckets.push({
        name: `${t.name} (via s3)`,
        putRequests: sent,
        getRequests: 0,
      });
    } else if (t.via === 'eventbridge') {
      customEvents += sent * eventBridgeBilledEvents(t.payloadBytes);
    }
  });
  // EventBridge Scheduler bills one invocation per firing; a scheduled EventBridge rule is free
  // (EventBridge pricing: scheduled rules and AWS service events on the default bus cost nothing).
  const schedulerInvocations = eventSources.schedules
    .filter((s) => s.service === 'scheduler')
    .reduce((n, s) => n + s.fired, 0);
  // Data transfer out: responses returned over the internet by internet-facing front doors.
  let dataTransferOutBytes = 0;
  scenario.traffic.forEach((t, i) => {
    if (INTERNET_FACING.has(t.via)) dataTransferOutBytes += traffic[i].responded * t.responseBytes;
  });
  return {
    region: scenario.region,
    windowMs: scenario.durationMs,
    lambda,
    apiGateway,
    albs,
    sqs,
    natGateways,
    vpcEndpoints,
    rdsProxies,
    secretsManager,
    dataTransferOutBytes,
    databases,
    kinesisStreams,
    snsTopics,
    eventBridge: { customEvents, schedulerInvocations },
    s3Buckets,
  };
}
