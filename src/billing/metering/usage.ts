/**
 * What a window of simulated (or calculated) traffic consumed, in billable units.
 *
 * Contract: produced by the model as it runs (aggregates only, never per-invocation lists) or by
 * the `lamsim cost` calculator; consumed by the pure billing functions. Durations that AWS
 * rounds per invocation are already rounded here (integer milliseconds, see billedDurationMs);
 * per-request payload metering is either already applied (Lambda requests) or described by a
 * per-request size next to the count (API Gateway, SQS), see ./metering.ts.
 *
 * Every field is *extensive* (it grows with the window: counts, bytes, ms, hours) unless its
 * comment says "intensive" (a setting or a mean: memory, AZ count, vCPUs, payload per request).
 * `scaleUsage` multiplies the extensive ones, which is how `billMonthly` projects a window.
 * Everything outside `lambda` is optional: absent means zero, so the model can fill it in stages.
 */
import type { Architecture, DatabaseEngine } from '../../scenario/index.ts';

/**
 * A level of provisioned concurrency. AWS bills the time from enabling provisioned concurrency to
 * disabling it rounded up to 5 minutes: the intervals of one such span are billed as they are,
 * and the span's rounding is added to its last interval (the one not `stillEnabled`).
 */
export interface ProvisionedInterval {
  /** Intensive: environments configured during the interval. */
  readonly concurrency: number;
  /** Time from enable (or change) to disable (or next change, or the window's end), ms. */
  readonly durationMs: number;
  /**
   * Provisioned concurrency stays enabled after it: the level changes to another above zero, or
   * the window ends (a span still running is billed to the window's end, not rounded).
   * Absent: disabled at its end, which ends the span.
   */
  readonly stillEnabled?: boolean;
}

export interface LambdaUsage {
  readonly function: string;
  /** Intensive. */
  readonly architecture: Architecture;
  /** Intensive: configured memory, MB (1 GB = 1024 MB). */
  readonly memoryMb: number;
  /** Intensive: configured /tmp, MB; the first 512 MB are free. */
  readonly ephemeralStorageMb: number;
  /** Lambda@Edge (via: cloudfront-edge): edge prices, no tiers, no free tier. */
  readonly edge: boolean;
  /** Billed requests: every invocation attempt, plus extra 64 KB chunks of async payloads. */
  readonly requests: number;
  /** Σ billed ms (integer, granularity and INIT rule applied) of invocations on on-demand environments. */
  readonly onDemandBilledMs: number;
  /** Σ billed ms of invocations served by provisioned-concurrency environments. */
  readonly provisionedBilledMs: number;
  /** Provisioned concurrency configured: each interval is billed rounded up to 5 minutes. */
  readonly provisionedIntervals: readonly ProvisionedInterval[];
  /**
   * Of `requests`, those made while the function had provisioned concurrency enabled (served by
   * provisioned environments or spilled over to on-demand ones). AWS: "The Lambda free tier does
   * not apply to functions that have Provisioned Concurrency enabled" (pricing page, aws-facts
   * A3), so the free requests never cover these. Absent: 0.
   */
  readonly requestsWhileProvisioned?: number;
  /**
   * Of `onDemandBilledMs`, the billed ms of spill-over: on-demand invocations made while
   * provisioned concurrency was enabled. Not covered by the free GB-s (as above). Absent: 0.
   */
  readonly onDemandBilledMsWhileProvisioned?: number;
  /** CloudWatch Logs bytes ingested. */
  readonly logBytes: number;
  /**
   * SnapStart cache (Python, .NET; see isSnapStartCharged): Σ over published versions of the time
   * each was active, ms. AWS bills at least 3 hours per version over its life; a producer that
   * knows a version lived less than that adds the difference.
   */
  readonly snapStartCacheMs?: number;
  /** SnapStart restores (environments resumed from a snapshot), each billed per GB of memory. */
  readonly snapStartRestores?: number;
  /** Response streaming: Σ bytes streamed beyond the first 6 MB of each response. */
  readonly responseStreamingBytes?: number;
  /** Event poller hours of the function's SQS event source mappings in provisioned mode (EPU-hours). */
  readonly eventPollerHours?: number;
}

export interface ApiGatewayUsage {
  /** REST APIs: per-request tiers; HTTP APIs: cheaper tiers, metered in 512 KB increments. */
  readonly type: 'rest' | 'http';
  /** API calls received. */
  readonly requests: number;
  /** Intensive: bytes per request, for the HTTP API 512 KB metering (default: under 512 KB). */
  readonly bytesPerRequest?: number;
}

export interface AlbUsage {
  readonly name: string;
  /** Load-balancer hours (the time the ALB existed in the window). */
  readonly hours: number;
  /** New connections (or flows) established. */
  readonly newConnections: number;
  /** Σ over the window's minutes of the active connections in that minute (connection-minutes). */
  readonly activeConnectionMinutes: number;
  /** Bytes processed (requests and responses). */
  readonly processedBytes: number;
  /** Rule evaluations beyond the 10 free rules: requests × (rules processed − 10). */
  readonly ruleEvaluations: number;
  /** Intensive: Lambda targets count 0.4 GB per LCU-hour of processed bytes, instance/IP targets 1 GB. */
  readonly targets: 'lambda' | 'instance';
}

export interface SqsUsage {
  readonly queue: string;
  /** Intensive. */
  readonly fifo: boolean;
  /** API actions (send, receive including empty long-polls, delete, ...). */
  readonly requests: number;
  /** Intensive: payload bytes per action; every 64 KB chunk bills one request (default: one chunk). */
  readonly bytesPerRequest?: number;
}

export interface NatGatewayUsage {
  readonly name: string;
  /** Intensive: one gateway per AZ, each billed per hour. */
  readonly azs: number;
  /** Hours the gateways existed in the window. */
  readonly hours: number;
  /** Bytes processed, both directions. */
  readonly processedBytes: number;
}

export interface VpcEndpointUsage {
  readonly name: string;
  /** Intensive: an interface endpoint is billed per AZ per hour. */
  readonly azs: number;
  readonly hours: number;
  readonly processedBytes: number;
}

export interface RdsProxyUsage {
  readonly name: string;
  /** `instance`: per vCPU-hour of the target (minimum 2 vCPUs); `aurora-serverless-v2`: per ACU-hour (minimum 8). */
  readonly target: 'instance' | 'aurora-serverless-v2';
  /** Intensive: vCPUs of the target instance(s), or mean ACUs of an Aurora Serverless v2 target. */
  readonly capacity: number;
  readonly hours: number;
}

export interface SecretsManagerUsage {
  /** Intensive: secrets stored. */
  readonly secrets: number;
  /** Hours the secrets were stored in the window (a secret-month is 730 hours). */
  readonly hours: number;
  /** API calls (GetSecretValue, ...). */
  readonly apiCalls: number;
}

export interface DatabaseInstanceUsage {
  readonly name: string;
  /** Intensive. */
  readonly engine: DatabaseEngine;
  /** Intensive: the DB instance class, e.g. `db.r6g.large` (priced per engine and class). */
  readonly instanceClass: string;
  /**
   * Hours the single-AZ instance ran in the window. RDS bills per second (10-minute minimum per
   * instance start); an instance that outlives the window bills exactly the window's hours.
   */
  readonly hours: number;
}

export interface KinesisStreamUsage {
  readonly name: string;
  /** Intensive: provisioned shards, each billed per hour. */
  readonly shards: number;
  /** Hours the stream existed in the window. */
  readonly hours: number;
  /** Intensive: retention above 24 h (up to 7 days) bills extended-retention shard-hours. */
  readonly extendedRetention: boolean;
  /** PUT payload units of the records accepted (25 KB chunks, see kinesisPutPayloadUnits). */
  readonly putPayloadUnits: number;
  /**
   * Intensive: consumers registered for enhanced fan-out (one per Lambda mapping with
   * `enhancedFanOut`), each billed per shard per hour the stream existed.
   */
  readonly enhancedFanOutConsumers: number;
  /** Bytes pushed to enhanced fan-out consumers (each consumer's copy counts), billed per GB. */
  readonly enhancedFanOutBytes: number;
}

export interface SnsTopicUsage {
  readonly name: string;
  /** Publish requests billed: one per 64 KB chunk of each message (see snsBilledRequests). */
  readonly publishRequests: number;
  /**
   * Notifications delivered to Lambda functions and SQS queues: AWS charges nothing for these (SNS
   * pricing page, notification deliveries; a queue's SendMessage is the queue's request, billed by SQS).
   */
  readonly deliveries: number;
}

export interface EventBridgeUsage {
  /** Custom events put on an event bus: one per 64 KB chunk (see eventBridgeBilledEvents). */
  readonly customEvents: number;
  /** EventBridge Scheduler invocations (schedules that invoke a function). */
  readonly schedulerInvocations: number;
}

export interface S3BucketUsage {
  readonly name: string;
  /** PUT, COPY, POST and LIST requests (objects written by traffic and functions). */
  readonly putRequests: number;
  /** GET and SELECT requests. */
  readonly getRequests: number;
}

export interface Usage {
  readonly region: string;
  /** Length of the window the usage covers (monthly projection scales by 730 h / window). */
  readonly windowMs: number;
  readonly lambda: readonly LambdaUsage[];
  readonly apiGateway?: readonly ApiGatewayUsage[];
  readonly albs?: readonly AlbUsage[];
  readonly sqs?: readonly SqsUsage[];
  readonly natGateways?: readonly NatGatewayUsage[];
  readonly vpcEndpoints?: readonly VpcEndpointUsage[];
  readonly rdsProxies?: readonly RdsProxyUsage[];
  readonly secretsManager?: SecretsManagerUsage;
  /** Bytes sent from the Region to the internet (inbound is free). */
  readonly dataTransferOutBytes?: number;
  /** RDS and Aurora DB instances (provisioned; Aurora Serverless v2 is not modelled). */
  readonly databases?: readonly DatabaseInstanceUsage[];
  /** Kinesis data streams in provisioned mode (DynamoDB streams read by Lambda are free). */
  readonly kinesisStreams?: readonly KinesisStreamUsage[];
  readonly snsTopics?: readonly SnsTopicUsage[];
  readonly eventBridge?: EventBridgeUsage;
  readonly s3Buckets?: readonly S3BucketUsage[];
}

/** A zeroed LambdaUsage for a function, for producers that accumulate into a copy. */
export function emptyLambdaUsage(fn: {
  readonly name: string;
  readonly architecture: Architecture;
  readonly memoryMb: number;
  readonly ephemeralStorageMb: number;
  readonly edge?: boolean;
}): LambdaUsage {
  return {
    function: fn.name,
    architecture: fn.architecture,
    memoryMb: fn.memoryMb,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    edge: fn.edge ?? false,
    requests: 0,
    onDemandBilledMs: 0,
    provisionedBilledMs: 0,
    provisionedIntervals: [],
    logBytes: 0,
  };
}

const scaled = (value: number | undefined, factor: number): number | undefined =>
  value === undefined ? undefined : value * factor;

/**
 * The same usage repeated `factor` times (factor > 0): every extensive quantity multiplied, every
 * intensive one kept, `windowMs` multiplied. Quantities may stop being integers (a projection).
 */
export function scaleUsage(usage: Usage, factor: number): Usage {
  return scaleUsageParts(usage, { traffic: factor, resources: factor });
}

/**
 * Scales traffic quantities (requests, billed ms, bytes, messages, calls) by `traffic` and the time
 * resources exist (hours of NAT gateways, endpoints, ALBs, proxies, databases, streams, secrets;
 * provisioned-concurrency intervals; the SnapStart cache) by `resources`; `windowMs` follows
 * `resources` (it is the period the resources cover). Both factors > 0.
 */
export function scaleUsageParts(
  usage: Usage,
  f: { readonly traffic: number; readonly resources: number },
): Usage {
  for (const factor of [f.traffic, f.resources]) {
    if (!(factor > 0) || !Number.isFinite(factor))
      throw new RangeError(`scaleUsage: factor must be > 0, got ${factor}`);
  }
  const factor = f.traffic;
  const r = f.resources;
  const hours = <T extends { readonly hours: number }>(x: T): T => ({ ...x, hours: x.hours * r });
  return {
    ...usage,
    windowMs: usage.windowMs * r,
    lambda: usage.lambda.map((l) => ({
      ...l,
      requests: l.requests * factor,
      onDemandBilledMs: l.onDemandBilledMs * factor,
      provisionedBilledMs: l.provisionedBilledMs * factor,
      provisionedIntervals: l.provisionedIntervals.map((i) => ({ ...i, durationMs: i.durationMs * r })),
      requestsWhileProvisioned: scaled(l.requestsWhileProvisioned, factor),
      onDemandBilledMsWhileProvisioned: scaled(l.onDemandBilledMsWhileProvisioned, factor),
      logBytes: l.logBytes * factor,
      snapStartCacheMs: scaled(l.snapStartCacheMs, r),
      snapStartRestores: scaled(l.snapStartRestores, factor),
      responseStreamingBytes: scaled(l.responseStreamingBytes, factor),
      eventPollerHours: scaled(l.eventPollerHours, r),
    })),
    apiGateway: usage.apiGateway?.map((g) => ({ ...g, requests: g.requests * factor })),
    albs: usage.albs?.map((a) => ({
      ...hours(a),
      newConnections: a.newConnections * factor,
      activeConnectionMinutes: a.activeConnectionMinutes * factor,
      processedBytes: a.processedBytes * factor,
      ruleEvaluations: a.ruleEvaluations * factor,
    })),
    sqs: usage.sqs?.map((q) => ({ ...q, requests: q.requests * factor })),
    natGateways: usage.natGateways?.map((n) => ({ ...hours(n), processedBytes: n.processedBytes * factor })),
    vpcEndpoints: usage.vpcEndpoints?.map((e) => ({
      ...hours(e),
      processedBytes: e.processedBytes * factor,
    })),
    rdsProxies: usage.rdsProxies?.map(hours),
    secretsManager: usage.secretsManager && {
      ...hours(usage.secretsManager),
      apiCalls: usage.secretsManager.apiCalls * factor,
    },
    dataTransferOutBytes: scaled(usage.dataTransferOutBytes, factor),
    databases: usage.databases?.map(hours),
    kinesisStreams: usage.kinesisStreams?.map((k) => ({
      ...hours(k),
      putPayloadUnits: k.putPayloadUnits * factor,
      enhancedFanOutBytes: k.enhancedFanOutBytes * factor,
    })),
    snsTopics: usage.snsTopics?.map((t) => ({
      ...t,
      publishRequests: t.publishRequests * factor,
      deliveries: t.deliveries * factor,
    })),
    eventBridge: usage.eventBridge && {
      customEvents: usage.eventBridge.customEvents * factor,
      schedulerInvocations: usage.eventBridge.schedulerInvocations * factor,
    },
    s3Buckets: usage.s3Buckets?.map((b) => ({
      ...b,
      putRequests: b.putRequests * factor,
      getRequests: b.getRequests * factor,
    })),
  };
}

const both = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): readonly T[] | undefined =>
  a === undefined && b === undefined ? undefined : [...(a ?? []), ...(b ?? [])];

/**
 * Two periods' usage as one (a month made of bursts and a baseline): windows add up, lists are
 * concatenated (billing sums them; an ALB's LCUs are then taken per period, as AWS's hourly maximum
 * would), Secrets Manager's hours and calls add up (its secret count must match), and so do
 * EventBridge's counts and the bytes sent out. Same Region.
 */
export function addUsage(a: Usage, b: Usage): Usage {
  const secrets =
    a.secretsManager && b.secretsManager
      ? {
          secrets: a.secretsManager.secrets,
          hours: a.secretsManager.hours + b.secretsManager.hours,
          apiCalls: a.secretsManager.apiCalls + b.secretsManager.apiCalls,
        }
      : (a.secretsManager ?? b.secretsManager);
  const eb =
    a.eventBridge && b.eventBridge
      ? {
          customEvents: a.eventBridge.customEvents + b.eventBridge.customEvents,
          schedulerInvocations: a.eventBridge.schedulerInvocations + b.eventBridge.schedulerInvocations,
        }
      : (a.eventBridge ?? b.eventBridge);
  return {
    region: a.region,
    windowMs: a.windowMs + b.windowMs,
    lambda: [...a.lambda, ...b.lambda],
    apiGateway: both(a.apiGateway, b.apiGateway),
    albs: both(a.albs, b.albs),
    sqs: both(a.sqs, b.sqs),
    natGateways: both(a.natGateways, b.natGateways),
    vpcEndpoints: both(a.vpcEndpoints, b.vpcEndpoints),
    rdsProxies: both(a.rdsProxies, b.rdsProxies),
    secretsManager: secrets,
    dataTransferOutBytes:
      a.dataTransferOutBytes === undefined && b.dataTransferOutBytes === undefined
        ? undefined
        : (a.dataTransferOutBytes ?? 0) + (b.dataTransferOutBytes ?? 0),
    databases: both(a.databases, b.databases),
    kinesisStreams: both(a.kinesisStreams, b.kinesisStreams),
    snsTopics: both(a.snsTopics, b.snsTopics),
    eventBridge: eb,
    s3Buckets: both(a.s3Buckets, b.s3Buckets),
  };
}
