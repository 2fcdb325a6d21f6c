/**
 * Round trip of a handler's write to a messaging service when `latency` is not written on the call
 * (`model.calls: [{ resource: <queue|topic|bucket|stream> }]`). Assumptions, in-Region from Lambda
 * (⚠ no AWS figure; typical published client measurements are single-digit to a few tens of ms):
 * SQS SendMessage 10 ms, SNS Publish 15 ms, S3 PutObject (small object) 30 ms, Kinesis PutRecord
 * 15 ms, DynamoDB write producing a stream record 10 ms.
 */
import type { DistSpec } from '../../engine/index.ts';
import type { MessagingType } from '../types.ts';

const constant = (value: number): DistSpec => ({ kind: 'constant', value });

export const DEFAULT_WRITE_LATENCY_MS: Readonly<Record<MessagingType, DistSpec>> = {
  'sqs-queue': constant(10),
  'sns-topic': constant(15),
  's3-bucket': constant(30),
  'kinesis-stream': constant(15),
  'dynamodb-stream': constant(10),
};
