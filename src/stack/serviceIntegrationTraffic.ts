/**
 * API Gateway HTTP API service integrations that write to a queue or stream (API Gateway developer
 * guide, "Integration subtype reference": `SQS-SendMessage` takes `QueueUrl`, `Kinesis-PutRecord`
 * takes `StreamName`) -> placeholder traffic into that queue or stream through the API
 * (`via: api-gateway-http`), so the API's requests are billed and the queue's readers are reached.
 * Other subtypes (EventBridge, Step Functions, AppConfig, SQS reads) write nothing lamsim models.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { messagingResource } from './messagingRefs.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, type Resolved } from './values.ts';

const WRITES = {
  'SQS-SendMessage': { type: 'sqs-queue', parameter: 'QueueUrl' },
  'Kinesis-PutRecord': { type: 'kinesis-stream', parameter: 'StreamName' },
} as const;

/** Adds the traffic of an integration of `subtype`; false when the subtype writes nothing modelled. */
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
