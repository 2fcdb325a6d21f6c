/**
 * Which lamsim resource an event source, destination or dead-letter queue points at.
 *
 * A reference to a template resource keeps its logical ID (a DynamoDB table's `StreamArn` names the
 * table's stream); an ARN or a physical name finds the template resource with that name, or else
 * becomes an external resource named after it (a queue another stack owns), listed in the notes. A
 * value only known at deploy time (a parameter with no Default) becomes an external resource named
 * after the parameter.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { type Resolved, ResourceRef, Unknown } from './values.ts';

export type MessagingType = 'sqs-queue' | 'sns-topic' | 's3-bucket' | 'kinesis-stream' | 'dynamodb-stream';

const CFN_TYPE: Readonly<Record<MessagingType, string>> = {
  'sqs-queue': 'AWS::SQS::Queue',
  'sns-topic': 'AWS::SNS::Topic',
  's3-bucket': 'AWS::S3::Bucket',
  'kinesis-stream': 'AWS::Kinesis::Stream',
  'dynamodb-stream': 'AWS::DynamoDB::Table',
};

/** The resource name inside an ARN (or a bare name): queue, topic, stream, table, bucket. */
export function nameInArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const parts = value.split(':');
  const resource = parts.slice(5).join(':');
  const table = /^table\/([^/]+)/.exec(resource);
  if (table) return table[1];
  const stream = /^stream\/([^/]+)/.exec(resource);
  if (stream) return stream[1];
  return resource.split(/[/:]/).filter(Boolean).pop() ?? resource;
}

export function messagingResource(
  template: CfnTemplate | undefined,
  builder: StackBuilder,
  value: Resolved,
  type: MessagingType,
  where: Where,
  fallbackName: string,
): string {
  if (value instanceof ResourceRef && template?.resources.get(value.logicalId)?.type === CFN_TYPE[type]) {
    if (type === 'dynamodb-stream') ensureTableStream(template, builder, value.logicalId);
    return builder.nameFor(value.logicalId);
  }
  if (typeof value === 'string' && value !== '') {
    const name = nameInArn(value);
    const id = template?.byPhysicalName(name);
    if (id !== undefined && template?.resources.get(id)?.type === CFN_TYPE[type]) {
      if (type === 'dynamodb-stream') ensureTableStream(template, builder, id);
      return builder.nameFor(id);
    }
    return external(builder, name, type, where, `${value} is not in the template`);
  }
  if (value instanceof Unknown) {
    return external(builder, value.parameter ?? fallbackName, type, where, value.reason);
  }
  if (value instanceof ResourceRef) {
    return external(
      builder,
      value.logicalId,
      type,
      where,
      `${value.logicalId} is not a ${CFN_TYPE[type]} of the template`,
    );
  }
  return external(builder, fallbackName, type, where, 'the template does not name it');
}

function external(builder: StackBuilder, id: string, type: MessagingType, where: Where, why: string): string {
  return builder.addExternalResource(
    id,
    where,
    { type },
    (name) => `${name}: an external ${type} (${why}); settings are lamsim's defaults.`,
  );
}

/** A DynamoDB table read as a stream: its stream, under the table's logical ID. */
function ensureTableStream(template: CfnTemplate, builder: StackBuilder, tableId: string): void {
  const r = template.resources.get(tableId);
  if (!r) return;
  const before = builder.resources.size;
  const comments = new Map([
    ['shardCount', 'assumption: DynamoDB sets the shard count from the table throughput; replace'],
  ]);
  builder.addResource(tableId, template.where(r.path), { type: 'dynamodb-stream', shardCount: 1 }, comments);
  if (builder.resources.size > before && template.props(tableId).StreamSpecification === undefined) {
    builder.notes.push(`${tableId}: read as a stream, but the table declares no StreamSpecification.`);
  }
}
