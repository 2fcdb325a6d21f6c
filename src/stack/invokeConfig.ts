/**
 * Asynchronous invocation settings -> the written function: SAM's `EventInvokeConfig`, the
 * AWS::Lambda::EventInvokeConfig resource (same property names) and the Serverless Framework's
 * `maximumRetryAttempts`, `maximumEventAge`, `destinations` (translated by its reader).
 *
 * Destinations lamsim models are functions, SQS queues and SNS topics; an EventBridge bus or S3 bucket
 * destination is listed as not modelled. SAM creates the queue or topic itself when a destination
 * of Type SQS or SNS names none (SAM EventInvokeConfig "Destination" property): it is added under
 * the name SAM gives it.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { messagingResource } from './messagingRefs.ts';
import type { PropertyReader } from './propertyReader.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import { type Resolved, ResourceRef } from './values.ts';

export function mapInvokeConfig(
  t: CfnTemplate | undefined,
  b: StackBuilder,
  fn: ImportedFunction,
  p: PropertyReader,
): void {
  const retries = p.number('MaximumRetryAttempts');
  if (retries !== undefined) {
    fn.written.maximumRetryAttempts = retries;
    fn.origins.set('maximumRetryAttempts', p.where('MaximumRetryAttempts'));
  }
  const age = p.number('MaximumEventAgeInSeconds');
  if (age !== undefined) {
    fn.written.maximumEventAge = `${age}s`;
    fn.origins.set('maximumEventAge', p.where('MaximumEventAgeInSeconds'));
  }
  const config = p.child('DestinationConfig');
  if (!config) return;
  const out: Record<string, string> = {};
  for (const [key, written] of [
    ['OnSuccess', 'onSuccess'],
    ['OnFailure', 'onFailure'],
  ] as const) {
    const d = config.child(key);
    if (!d) continue;
    const name = destination(t, b, fn, d, key);
    if (name !== undefined) {
      out[written] = name;
      fn.origins.set(`destinations.${written}`, d.where());
    }
  }
  if (Object.keys(out).length > 0) fn.written.destinations = out;
}

function destination(
  t: CfnTemplate | undefined,
  b: StackBuilder,
  fn: ImportedFunction,
  d: PropertyReader,
  key: string,
): string | undefined {
  const samType = d.string('Type');
  const target: Resolved | undefined = d.raw('Destination');
  if (target === undefined) {
    if (samType === 'SQS' || samType === 'SNS') {
      const kind = samType === 'SQS' ? 'Queue' : 'Topic';
      const id = `${fn.name}EventInvokeConfig${key}${kind}`;
      b.notes.push(`${id}: the ${samType} destination SAM creates for ${fn.name}.`);
      return b.addResource(id, d.where(), { type: samType === 'SQS' ? 'sqs-queue' : 'sns-topic' });
    }
    return undefined;
  }
  const targetFunction = t?.functionOf(target);
  if (
    samType === 'Lambda' ||
    targetFunction !== undefined ||
    (typeof target === 'string' && target.includes(':lambda:'))
  ) {
    if (targetFunction !== undefined) return b.nameFor(targetFunction);
    b.notes.push(
      `${fn.name}: its ${key} destination ${describe(target)} is a function outside the template (not modelled).`,
    );
    return undefined;
  }
  const arnService =
    typeof target === 'string' && target.startsWith('arn:') ? target.split(':')[2] : undefined;
  const cfnType = target instanceof ResourceRef ? t?.resources.get(target.logicalId)?.type : undefined;
  const isQueue = samType === 'SQS' || arnService === 'sqs' || cfnType === 'AWS::SQS::Queue';
  const isTopic = samType === 'SNS' || arnService === 'sns' || cfnType === 'AWS::SNS::Topic';
  if (!isQueue && !isTopic) {
    b.notes.push(
      `${fn.name}: its ${key} destination ${describe(target)} (${samType ?? arnService ?? 'unknown type'}) is not modelled.`,
    );
    return undefined;
  }
  return messagingResource(
    t,
    b,
    target,
    isQueue ? 'sqs-queue' : 'sns-topic',
    d.where('Destination'),
    `${fn.name}-${key}`,
  );
}

const describe = (v: Resolved): string => (v instanceof ResourceRef ? v.logicalId : JSON.stringify(v));
