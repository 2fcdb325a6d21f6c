/**
 * Template resources that carry messages -> lamsim resources (CloudFormation resource reference:
 * AWS::SQS::Queue, AWS::Kinesis::Stream, AWS::SNS::Topic, AWS::S3::Bucket, AWS::DynamoDB::Table
 * streams, AWS::SecretsManager::Secret). Settings the template writes are kept literally (seconds stay
 * bare seconds); what it leaves out takes lamsim's defaults, which are AWS's.
 */
import type { CfnTemplate, TemplateResource } from './cfnTemplate.ts';
import { messagingResource } from './messagingRefs.ts';
import { PropertyReader } from './propertyReader.ts';
import type { StackBuilder, Written } from './stackBuilder.ts';
import type { Resolved } from './values.ts';

export const MESSAGING_TYPES = new Set([
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::SNS::Topic',
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::SecretsManager::Secret',
]);

/** On-demand Kinesis streams start with 4 MB/s of write capacity, that is 4 shards (Kinesis Data Streams developer guide, "On-demand mode"). */
const ON_DEMAND_SHARDS = 4;

export function mapMessagingResource(t: CfnTemplate, b: StackBuilder, r: TemplateResource): void {
  const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
  const where = t.where(r.path);
  const comments = new Map<string, string>();
  const written: Written = {};
  switch (r.type) {
    case 'AWS::SQS::Queue': {
      written.type = 'sqs-queue';
      if (p.boolean('FifoQueue')) written.fifo = true;
      const visibility = p.number('VisibilityTimeout');
      if (visibility !== undefined) written.visibilityTimeout = visibility;
      const retention = p.number('MessageRetentionPeriod');
      if (retention !== undefined) written.messageRetentionPeriod = retention;
      const redrive = redrivePolicy(p);
      if (redrive) {
        const dlq = messagingResource(
          t,
          b,
          redrive.target,
          'sqs-queue',
          p.where('RedrivePolicy'),
          `${r.id}-dlq`,
        );
        written.redrivePolicy = { deadLetterQueue: dlq, maxReceiveCount: redrive.maxReceiveCount };
      }
      break;
    }
    case 'AWS::Kinesis::Stream': {
      written.type = 'kinesis-stream';
      const mode = p.child('StreamModeDetails')?.string('StreamMode');
      const shards = p.number('ShardCount');
      if (shards !== undefined) written.shardCount = shards;
      else if (mode === 'ON_DEMAND') {
        written.shardCount = ON_DEMAND_SHARDS;
        comments.set(
          'shardCount',
          'on-demand stream: its starting capacity; it grows with traffic (not modelled)',
        );
      }
      const hours = p.number('RetentionPeriodHours');
      if (hours !== undefined) written.retentionPeriod = `${hours}h`;
      break;
    }
    case 'AWS::SNS::Topic':
      written.type = 'sns-topic';
      break;
    case 'AWS::S3::Bucket':
      written.type = 's3-bucket';
      break;
    case 'AWS::SecretsManager::Secret':
      written.type = 'secret';
      break;
    case 'AWS::DynamoDB::Table': {
      if (p.raw('StreamSpecification') === undefined) {
        b.notModelledResource(r.id, r.type, 'its reads and writes are handler time: model.io or calls');
        return;
      }
      written.type = 'dynamodb-stream';
      written.shardCount = 1;
      comments.set(
        'shardCount',
        'assumption: DynamoDB sets the shard count from the table throughput; replace',
      );
      b.notes.push(`${r.id}: the table's stream (the table itself is part of its callers' handler time).`);
      break;
    }
    default:
      return;
  }
  b.addResource(r.id, where, written, comments);
}

function redrivePolicy(p: PropertyReader): { target: Resolved; maxReceiveCount: number } | undefined {
  const policy = p.mappingOrJson('RedrivePolicy');
  const target = policy?.raw('deadLetterTargetArn');
  const count = policy?.number('maxReceiveCount');
  if (target === undefined || count === undefined) return undefined;
  return { target, maxReceiveCount: count };
}
