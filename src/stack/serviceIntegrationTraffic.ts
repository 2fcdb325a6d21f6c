/**
 * API Gateway service integrations that write to a queue or stream -> placeholder traffic into that
 * queue or stream through the API (`via` the API), so the API's requests are billed and the queue's
 * readers are reached:
 *
 * - An HTTP API's (API Gateway developer guide, "Integration subtype reference": `SQS-SendMessage`
 *   takes `QueueUrl`, `Kinesis-PutRecord` takes `StreamName`), `via: api-gateway-http`.
 * - A REST API's AWS integration (CloudFormation AWS::ApiGateway::Method Integration `Uri`: "For
 *   AWS or AWS_PROXY integrations, the URI is of the form
 *   arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}"), on a
 *   method or in an OpenAPI body, `via: api-gateway-rest`: SQS by path (`sqs:path/ACCOUNT/QUEUE`,
 *   the request's `Action` SendMessage, or none written) or by action (`sqs:action/SendMessage`),
 *   Kinesis by action (`kinesis:action/PutRecord` or `PutRecords`).
 *
 * Other subtypes and actions (EventBridge, Step Functions, SQS and Kinesis reads) write nothing
 * lamsim models.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { type MessagingType, messagingResource } from './messagingRefs.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, type Resolved, ResourceRef } from './values.ts';

const WRITES = {
  'SQS-SendMessage': { type: 'sqs-queue', parameter: 'QueueUrl' },
  'Kinesis-PutRecord': { type: 'kinesis-stream', parameter: 'StreamName' },
} as const;

/** Adds the traffic of an HTTP API integration of `subtype`; false when the subtype writes nothing modelled. */
export function serviceIntegrationTraffic(
  t: CfnTemplate,
  b: StackBuilder,
  subtype: unknown,
  requestParameters: Resolved | undefined,
  because: string,
  where: Where,
): boolean {
  if (typeof subtype !== 'string' || !(subtype in WRITES)) return false;
  const write = WRITES[subtype as keyof typeof WRITES];
  const value = isRecord(requestParameters) ? (requestParameters[write.parameter] as Resolved) : null;
  const target = messagingResource(t, b, value ?? null, write.type, where, `${because}-${write.type}`);
  b.addTraffic({ target, via: 'api-gateway-http', because: `${because} (${subtype})`, where });
  return true;
}

/** What a REST API's AWS integration writes, read from its URI and request mapping. */
export interface RestWrite {
  readonly type: Extract<MessagingType, 'sqs-queue' | 'kinesis-stream'>;
  /** The API action: SendMessage, SendMessageBatch, PutRecord, PutRecords. */
  readonly action: string;
  /** The queue the URI's path names (`sqs:path/ACCOUNT/QUEUE`); undefined for the action forms. */
  readonly pathName?: string;
}

/** `:sqs:path/...`: the service part of the URI, found also in a Sub or Join as written. */
const URI = /:(?:[\w-]+\.)?(sqs|kinesis):(path|action)\/([^"\s?]*)/;
/** The SQS action a path integration's request names (`Action=SendMessage`, querystring.Action). */
const SQS_ACTION = /Action['"=:\s]+(\w+)/;
const WRITE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  sqs: ['SendMessage', 'SendMessageBatch'],
  kinesis: ['PutRecord', 'PutRecords'],
};

/**
 * The queue or stream write of an integration URI, given as text (resolved, or as written: only
 * its shape is read) with the text of its request parameters and templates; undefined when it
 * writes nothing lamsim models.
 */
export function restWrite(uriText: string, requestText: string): RestWrite | undefined {
  const m = URI.exec(uriText);
  if (!m) return undefined;
  const [, service, form, rest] = m;
  const type = service === 'sqs' ? 'sqs-queue' : 'kinesis-stream';
  if (form === 'action') {
    const action = rest.split('/')[0];
    return WRITE_ACTIONS[service].includes(action) ? { type, action } : undefined;
  }
  if (service !== 'sqs') return undefined;
  const action = SQS_ACTION.exec(requestText)?.[1] ?? 'SendMessage';
  if (!WRITE_ACTIONS.sqs.includes(action)) return undefined;
  return { type, action, pathName: rest.split('/').filter(Boolean).pop() };
}

/** A REST API integration's (method's or OpenAPI operation's) properties this module reads. */
export interface RestIntegration {
  readonly uri?: Resolved;
  readonly requestParameters?: Resolved;
  readonly requestTemplates?: Resolved;
}

/** Adds the traffic of a REST API's AWS integration; false when it writes nothing modelled. */
export function restServiceIntegrationTraffic(
  t: CfnTemplate,
  b: StackBuilder,
  integration: RestIntegration,
  because: string,
  where: Where,
): boolean {
  if (typeof integration.uri !== 'string') return false; // a Lambda ARN reference, or unknown
  const request: (Resolved | undefined)[] = [integration.requestParameters, integration.requestTemplates];
  const write = restWrite(integration.uri, JSON.stringify(request));
  if (write === undefined) return false;
  const target =
    write.pathName !== undefined
      ? messagingResource(t, b, write.pathName, write.type, where, `${because}-${write.type}`)
      : actionTarget(t, b, write, request, because, where);
  const records = write.action === 'PutRecords' ? ': one arrival is one request and one record' : '';
  b.addTraffic({
    target,
    via: 'api-gateway-rest',
    because: `${because} (${write.type === 'sqs-queue' ? 'SQS' : 'Kinesis'} ${write.action}${records})`,
    where,
  });
  return true;
}

const CFN_TYPE = { 'sqs-queue': 'AWS::SQS::Queue', 'kinesis-stream': 'AWS::Kinesis::Stream' } as const;

/**
 * The queue or stream of an action integration: the one of the template its request mapping names
 * (`QueueUrl`, `StreamName`: a logical ID, physical name or URL); else the template's only one of
 * that type, with a note (the request names it at run time, `$input.params('stream-name')`); else
 * an external one.
 */
function actionTarget(
  t: CfnTemplate,
  b: StackBuilder,
  write: RestWrite,
  request: readonly (Resolved | undefined)[],
  because: string,
  where: Where,
): string {
  const fallback = `${because}-${write.type}`;
  const named = new Set<string>();
  const visit = (v: Resolved | undefined): void => {
    if (v instanceof ResourceRef) named.add(v.logicalId);
    else if (typeof v === 'string') for (const word of v.split(/[^\w.-]+/)) named.add(word);
    else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (isRecord(v)) for (const x of Object.values(v)) visit(x as Resolved);
  };
  for (const v of request) visit(v);
  const all = t.ofType(CFN_TYPE[write.type]).map((r) => r.id);
  const mentioned = [...named]
    .map((w) => t.byPhysicalName(w))
    .find((id) => id !== undefined && all.includes(id));
  const only = all.length === 1 ? all[0] : undefined;
  const id = mentioned ?? only;
  const target = messagingResource(
    t,
    b,
    id === undefined ? null : new ResourceRef(id),
    write.type,
    where,
    fallback,
  );
  if (mentioned === undefined && only !== undefined) {
    const what = write.type === 'sqs-queue' ? 'queue' : 'stream';
    b.notes.push(
      `${because}: its ${write.action} requests name the ${what} at run time, not in the template: taken as ${target}, the template's only ${what}.`,
    );
  }
  return target;
}
