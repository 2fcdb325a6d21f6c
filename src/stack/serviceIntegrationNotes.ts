/**
 * An API whose routes send requests straight to SQS (an API Gateway service integration: an HTTP
 * API's `integrationSubtype: SQS-SendMessage`, or a REST API's AWS integration on an `:sqs:` URI),
 * in its OpenAPI `DefinitionBody` / `Body`, written inline or included from a local file with
 * `Fn::Transform: AWS::Include`) -> a note.
 *
 * Contract: the queue's placeholder traffic stands for the API's requests, but the API is not
 * simulated: its requests are not billed (API Gateway's per-request price) and its latency is not
 * in the results. The note says so, so that the bill is not read as the whole bill. An inline
 * integration that sends messages (an HTTP API's SQS-SendMessage, a REST API's SendMessage) gets no
 * note: serviceIntegrationTraffic.ts turns it into traffic through the API. Read from the template as written (raw, before intrinsics), since only
 * the shape and the queue's `Ref` matter.
 */
import type { Result } from '../result.ts';
import { openApiIntegrationObjects } from './openApi.ts';
import { restWrite } from './serviceIntegrationTraffic.ts';
import type { StackBuilder } from './stackBuilder.ts';
import { readTemplate } from './templateSource.ts';
import { isRecord } from './values.ts';

const API_TYPES: Readonly<Record<string, string>> = {
  'AWS::Serverless::HttpApi': 'DefinitionBody',
  'AWS::Serverless::Api': 'DefinitionBody',
  'AWS::ApiGatewayV2::Api': 'Body',
  'AWS::ApiGateway::RestApi': 'Body',
};

/**
 * Notes each API of `data` (a CloudFormation template as written) with SQS service integrations.
 * `readFile` reads a file the template names, relative to it (an AWS::Include Location).
 */
export function noteApiServiceIntegrations(
  data: Record<string, unknown>,
  b: StackBuilder,
  readFile: ((path: string) => Result<string, string>) | undefined,
): void {
  const resources = isRecord(data.Resources) ? data.Resources : {};
  for (const [id, r] of Object.entries(resources)) {
    if (!isRecord(r) || typeof r.Type !== 'string' || API_TYPES[r.Type] === undefined) continue;
    const props = isRecord(r.Properties) ? r.Properties : {};
    const written = props[API_TYPES[r.Type]];
    const body = definition(written, readFile);
    // An inline integration that writes the queue (an HTTP API's SQS-SendMessage, a REST API's
    // SendMessage) is simulated as traffic through the API (serviceIntegrationTraffic.ts): only
    // the others need the note.
    const http = HTTP_APIS.has(r.Type);
    const simulated = (q: SqsIntegration) =>
      !isInclude(written) && (http ? q.subtype === 'SQS-SendMessage' : q.restWrite);
    const queues = sqsIntegrations(body)
      .filter((q) => !simulated(q))
      .map((q) => (q.queue === undefined ? 'an SQS queue' : `the SQS queue ${q.queue}`));
    if (queues.length === 0) continue;
    b.notes.push(
      `${id}: the API sends requests straight to ${[...new Set(queues)].join(' and ')} (an API Gateway service integration); ` +
        `the queue's traffic stands for those requests, but the API is not simulated: its requests are not billed (API Gateway's per-request price) and its latency is not in the results.`,
    );
  }
}

/** The OpenAPI document: inline, or the local file an AWS::Include names (undefined when unreadable). */
function definition(
  value: unknown,
  readFile: ((path: string) => Result<string, string>) | undefined,
): unknown {
  const transform = isRecord(value) ? value['Fn::Transform'] : undefined;
  if (!isRecord(transform)) return value;
  const location = isRecord(transform.Parameters) ? transform.Parameters.Location : undefined;
  if (transform.Name !== 'AWS::Include' || typeof location !== 'string' || readFile === undefined)
    return undefined;
  if (location.startsWith('s3://')) return undefined;
  const text = readFile(location);
  if (!text.ok) return undefined;
  const { source, issues } = readTemplate(text.value, location);
  return issues.some((i) => i.severity === 'error') ? undefined : source.data;
}

const HTTP_APIS = new Set(['AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api']);

const isInclude = (value: unknown): boolean => isRecord(value) && value['Fn::Transform'] !== undefined;

interface SqsIntegration {
  readonly subtype: string;
  /** The queue's `Ref`, when written so. */
  readonly queue: string | undefined;
  /** A REST API's AWS integration that sends messages (restWrite). */
  readonly restWrite: boolean;
}

/** Each SQS service integration in the document. */
function sqsIntegrations(doc: unknown): SqsIntegration[] {
  return openApiIntegrationObjects(doc).flatMap((integration) => {
    const subtype = String(integration.integrationSubtype ?? '');
    const uri = JSON.stringify(integration.uri ?? '');
    if (!subtype.startsWith('SQS-') && !/:sqs:/.test(uri)) return [];
    const parameters = isRecord(integration.requestParameters) ? integration.requestParameters : {};
    const queue = parameters.QueueUrl;
    const request = JSON.stringify([integration.requestParameters, integration.requestTemplates]);
    return [
      {
        subtype,
        queue: isRecord(queue) && typeof queue.Ref === 'string' ? queue.Ref : undefined,
        restWrite: restWrite(uri, request ?? '') !== undefined,
      },
    ];
  });
}
