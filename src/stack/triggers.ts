/**
 * Event sources -> the written function's `events` and placeholder traffic, shared by the SAM,
 * CloudFormation and Serverless Framework readers.
 *
 * - Synchronous front doors (API Gateway REST and HTTP APIs, ALB target groups, function URLs,
 *   CloudFront) and asynchronous pushes (EventBridge rules with a pattern) become a traffic source
 *   targeting the function with that `via`.
 * - Polled sources (SQS, Kinesis, DynamoDB streams) become `events` entries with the mapping's
 *   settings, plus a traffic source targeting the queue or stream; S3 and SNS notifications likewise
 *   target the bucket or topic. Schedules are `events` entries and need no traffic.
 * - A source lamsim does not model (IoT rules, CloudWatch Logs subscriptions, Kafka, MQ, Cognito, ...)
 *   is approximated by its invocation type (asynchronous or synchronous, per the Lambda developer
 *   guide's list of services that invoke functions) and said so in the notes.
 * Every traffic source is a placeholder rate the assembly writes with an assumption comment.
 */
import { parseScheduleExpression, type ScheduleService } from '../scenario/index.ts';
import type { CfnTemplate } from './cfnTemplate.ts';
import { kafkaWording } from './kafkaSources.ts';
import { type MessagingType, messagingResource } from './messagingRefs.ts';
import type { PropertyReader } from './propertyReader.ts';
import type { RestEndpointType } from './restEndpoint.ts';
import type { ImportedFunction, StackBuilder, Where } from './stackBuilder.ts';
import { type Resolved, ResourceRef, Unknown } from './values.ts';

export type SyncVia =
  | 'api-gateway-rest'
  | 'api-gateway-http'
  | 'alb'
  | 'function-url'
  | 'cloudfront-edge'
  | 'direct';

/** What a front door's template sets besides its kind: Lambda@Edge's event, API Gateway's integration. */
export interface FrontDoorSettings {
  readonly eventType?: string;
  /** TimeoutInMillis. */
  readonly integrationTimeoutMs?: number;
  /** A REST API's endpoint type (restEndpoint.ts). */
  readonly endpointType?: RestEndpointType;
}

export function syncTrigger(
  b: StackBuilder,
  fn: ImportedFunction,
  via: SyncVia,
  because: string,
  where: Where,
  { eventType, integrationTimeoutMs, endpointType }: FrontDoorSettings = {},
): void {
  b.addTraffic({
    target: fn.name,
    via,
    because,
    where,
    eventType,
    integrationTimeoutMs,
    // Edge is AWS's default and the scenario's: only another type is written.
    ...(endpointType !== undefined && endpointType !== 'edge' ? { endpointType } : {}),
  });
}

/**
 * A function URL with `InvokeMode: RESPONSE_STREAM` streams its responses (Lambda developer guide,
 * "Response streaming"). A scenario has no streamed responses (`lamsim run` sends each response
 * whole); `lamsim cost --stream-size --stream-requests` prices the streamed bytes. Said in a note.
 */
export function streamingNote(b: StackBuilder, fn: ImportedFunction, invokeMode: string | undefined): void {
  if (invokeMode !== 'RESPONSE_STREAM') return;
  b.notes.push(
    `${fn.name}: its function URL streams responses (InvokeMode RESPONSE_STREAM); the simulation sends each response whole and does not bill streamed bytes: price them with lamsim cost --stream-size --stream-requests.`,
  );
}

export function asyncTrigger(
  b: StackBuilder,
  fn: ImportedFunction,
  via: 'eventbridge' | 'async',
  because: string,
  where: Where,
): void {
  b.addTraffic({ target: fn.name, via, because, where });
}

/** Invocation type of event sources lamsim does not model (Lambda developer guide, "Invoking Lambda with events from other AWS services"). */
const UNMODELLED_VIA: Readonly<Record<string, 'async' | 'direct'>> = {
  IoTRule: 'async',
  CloudWatchLogs: 'async',
  Cognito: 'direct',
  AlexaSkill: 'direct',
  MQ: 'direct',
  MSK: 'direct',
  SelfManagedKafka: 'direct',
  DocumentDB: 'direct',
  Websocket: 'direct',
};

export function unmodelledTrigger(b: StackBuilder, fn: ImportedFunction, kind: string, where: Where): void {
  const via = UNMODELLED_VIA[kind] ?? 'direct';
  const kafka = kafkaWording(fn.name, kind);
  b.notes.push(
    kafka?.note ??
      `${fn.name}: its ${kind} event source is not modelled; approximated as ${via === 'async' ? 'asynchronous' : 'synchronous'} invocations (via: ${via}).`,
  );
  b.addTraffic({ target: fn.name, via, because: kafka?.because ?? `${kind} events (approximation)`, where });
}

/**
 * A schedule: `service` says what fires it, EventBridge Scheduler (AWS::Scheduler::Schedule, SAM
 * `ScheduleV2`, a Serverless `schedule` with `method: scheduler`; billed per invocation) or a scheduled
 * EventBridge rule (AWS::Events::Rule, SAM `Schedule`, a Serverless `schedule`; free).
 */
export function scheduleTrigger(
  b: StackBuilder,
  fn: ImportedFunction,
  expression: string,
  enabled: boolean,
  service: ScheduleService,
  timezone?: string,
): void {
  const parsed = parseScheduleExpression(expression);
  if (!parsed.ok) {
    b.notes.push(`${fn.name}: schedule ${expression} is not modelled (${parsed.error}).`);
    return;
  }
  if (timezone !== undefined && timezone !== 'UTC' && timezone !== 'Etc/UTC') {
    b.notes.push(`${fn.name}: schedule ${expression} is in ${timezone}; lamsim runs schedules in UTC.`);
  }
  // The scenario's default is scheduler: only a rule writes its service.
  const written: Record<string, unknown> = { expression };
  if (!enabled) written.enabled = false;
  if (service === 'rule') written.service = 'rule';
  fn.events.push({ schedule: Object.keys(written).length === 1 ? expression : written });
}

/** Event source mapping settings, CloudFormation names (AWS::Lambda::EventSourceMapping; SAM SQS, Kinesis, DynamoDB events). */
export function pollerTrigger(
  t: CfnTemplate | undefined,
  b: StackBuilder,
  fn: ImportedFunction,
  type: 'sqs-queue' | 'kinesis-stream' | 'dynamodb-stream',
  written: Resolved,
  p: PropertyReader,
  options: { readonly enhancedFanOut?: boolean } = {},
): void {
  const where = p.where();
  const consumer = type === 'kinesis-stream' ? streamOfConsumer(t, written) : undefined;
  const source = consumer ?? written;
  if (p.boolean('Enabled') === false) {
    b.notes.push(
      `${fn.name}: an event source mapping on ${describeSource(source)} is disabled (Enabled: false), left out.`,
    );
    return;
  }
  const name = messagingResource(t, b, source, type, where, `${fn.name}-${type}`);
  const event: Record<string, unknown> = type === 'sqs-queue' ? { queue: name } : { stream: name };
  const copy = (from: string, to: string, transform: (n: number) => unknown = (n) => n) => {
    const v = p.number(from);
    if (v !== undefined) event[to] = transform(v);
  };
  copy('BatchSize', 'batchSize');
  copy('MaximumBatchingWindowInSeconds', 'maximumBatchingWindow');
  if (consumer !== undefined || options.enhancedFanOut) event.enhancedFanOut = true;
  if (type === 'sqs-queue') {
    const max = p.child('ScalingConfig')?.number('MaximumConcurrency');
    if (max !== undefined) event.maximumConcurrency = max;
    const responses = p.list('FunctionResponseTypes') ?? [];
    if (responses.includes('ReportBatchItemFailures')) event.functionResponseType = 'ReportBatchItemFailures';
    const provisioned = p.child('ProvisionedPollerConfig');
    if (provisioned !== undefined) {
      const pollers: Record<string, number> = {};
      const min = provisioned.number('MinimumPollers');
      const max = provisioned.number('MaximumPollers');
      if (min !== undefined) pollers.min = min;
      if (max !== undefined) pollers.max = max;
      event.provisionedPollers = pollers;
    }
  } else {
    copy('ParallelizationFactor', 'parallelizationFactor');
    copy('MaximumRetryAttempts', 'maximumRetryAttempts');
    copy('MaximumRecordAgeInSeconds', 'maximumRecordAge');
    if (p.boolean('BisectBatchOnFunctionError')) event.bisectBatchOnFunctionError = true;
    const onFailure = p.child('DestinationConfig')?.child('OnFailure')?.raw('Destination');
    if (onFailure !== undefined) {
      const isTopic = typeof onFailure === 'string' && onFailure.startsWith('arn:aws:sns');
      const isBucket = typeof onFailure === 'string' && onFailure.startsWith('arn:aws:s3');
      if (isBucket) b.notes.push(`${fn.name}: the S3 on-failure destination of ${name} is not modelled.`);
      else {
        event.destinations = {
          onFailure: messagingResource(
            t,
            b,
            onFailure,
            isTopic ? 'sns-topic' : 'sqs-queue',
            where,
            `${name}-failures`,
          ),
        };
      }
    }
  }
  const unmodelled = ['FilterCriteria', 'TumblingWindowInSeconds'];
  if (type !== 'sqs-queue') unmodelled.push('ProvisionedPollerConfig');
  for (const key of unmodelled) {
    if (p.has(key)) b.notes.push(`${fn.name}: ${key} of its ${type} mapping on ${name} is not modelled.`);
  }
  const kind = type === 'sqs-queue' ? 'sqs' : type === 'kinesis-stream' ? 'kinesis' : 'dynamodb';
  fn.events.push({ [kind]: event });
  // A queue holds messages; Kinesis and DynamoDB streams hold records.
  const items = type === 'sqs-queue' ? 'messages' : 'records';
  b.addTraffic({ target: name, because: `${items} into ${name}, read by ${fn.name}`, where });
}

/**
 * The stream an enhanced fan-out consumer reads (AWS::Kinesis::StreamConsumer's StreamARN, or the
 * stream in a consumer ARN `arn:aws:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:TIME`);
 * undefined when the source is not a consumer. An event source mapping on a consumer is enhanced
 * fan-out (Lambda developer guide, "Using Lambda with Kinesis": stream consumers).
 */
function streamOfConsumer(t: CfnTemplate | undefined, source: Resolved): Resolved | undefined {
  if (source instanceof ResourceRef && t?.resources.get(source.logicalId)?.type === CONSUMER_TYPE) {
    return t.props(source.logicalId).StreamARN ?? null;
  }
  if (typeof source === 'string' && /^arn:[^:]*:kinesis:.*\/consumer\//.test(source)) {
    return source.replace(/\/consumer\/.*$/, '');
  }
  return undefined;
}

export const CONSUMER_TYPE = 'AWS::Kinesis::StreamConsumer';

export function notificationTrigger(
  t: CfnTemplate | undefined,
  b: StackBuilder,
  fn: ImportedFunction,
  type: Extract<MessagingType, 's3-bucket' | 'sns-topic'>,
  source: Resolved,
  where: Where,
): void {
  const name = messagingResource(t, b, source, type, where, `${fn.name}-${type}`);
  const kind = type === 's3-bucket' ? 's3' : 'sns';
  if (!fn.events.some((e) => e[kind] === name)) fn.events.push({ [kind]: name });
  b.addTraffic({
    target: name,
    because: type === 's3-bucket' ? `objects created in ${name}` : `messages published to ${name}`,
    where,
  });
}

/**
 * A topic or bucket that delivers its notifications to a queue or topic as well (an SNS
 * subscription with Protocol sqs, an S3 queue or topic configuration): recorded in
 * StackBuilder.deliveries, written as the topic's or bucket's `deliverTo`. A filter (an SNS
 * FilterPolicy, an S3 key filter) is not modelled: every notification is delivered, and a note says so.
 */
export function deliveryTrigger(
  t: CfnTemplate | undefined,
  b: StackBuilder,
  from: { readonly type: 's3-bucket' | 'sns-topic'; readonly value: Resolved; readonly fallback: string },
  to: { readonly type: 'sqs-queue' | 'sns-topic'; readonly value: Resolved; readonly fallback: string },
  where: Where,
  filter?: string,
): void {
  const source = messagingResource(t, b, from.value, from.type, where, from.fallback);
  const target = messagingResource(t, b, to.value, to.type, where, to.fallback);
  b.deliver(source, target);
  if (filter !== undefined) {
    b.notes.push(
      `${source}: its ${filter} for ${target} is not modelled: every notification is delivered to ${target}; write the traffic of what matches it.`,
    );
  }
}

/** An event source as a note names it: its logical ID, its ARN or name, or what leaves it open. */
const describeSource = (v: Resolved): string => {
  if (typeof v === 'string') return v;
  if (v instanceof ResourceRef) return v.logicalId;
  if (v instanceof Unknown) return `a source lamsim cannot name (${v.reason})`;
  return JSON.stringify(v) ?? String(v);
};
