/**
 * A Kinesis data stream or DynamoDB stream: records written go to a shard (partition keys are
 * random, so shards are equally likely) and every consumer (event source mapping) reads every
 * record. Kinesis accepts at most 1,000 records per second per shard (Kinesis developer guide,
 * "Quotas and limits"): writes beyond that are refused (ProvisionedThroughputExceededException)
 * and counted, not retried. DynamoDB streams have no such write limit here (the table's write
 * capacity is not modelled).
 */

import { kinesisPutPayloadUnits } from '../../billing/metering/index.ts';
import type { Rng } from '../../engine/index.ts';
import type { DataStream } from '../../scenario/index.ts';
import { TokenBucket } from '../concurrency/tokenBucket.ts';
import type { MessageSink } from './sink.ts';

/** Kinesis: 1,000 records per second written per shard. */
export const KINESIS_SHARD_RECORDS_PER_SECOND = 1000;

/** A stream over a run, as plain data (DataStreamModel.result()). */
export interface DataStreamResult {
  readonly name: string;
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly shards: number;
  /** Records written. */
  readonly records: number;
  /** Writes refused by the shard write limit. */
  readonly writeThrottled: number;
  /** The shard write limit in records per second (Kinesis), or null (DynamoDB streams). */
  readonly shardRecordsPerSecond: number | null;
  /** Kinesis PUT payload units (25 KB chunks) of the records accepted; 0 for DynamoDB streams. */
  readonly putPayloadUnits: number;
  /** How long the stream keeps records (above 24 h Kinesis bills extended retention). */
  readonly retentionMs: number;
}

export interface StreamConsumer {
  /** A record written at `nowMs` to `shard`. */
  append(shard: number, nowMs: number, depth: number): void;
}

export class DataStreamModel implements MessageSink {
  private readonly consumers: StreamConsumer[] = [];
  private readonly writeLimits: TokenBucket[] | null;
  private records = 0;
  private writeThrottled = 0;
  /** Kinesis PUT payload units (25 KB chunks) of the records accepted; 0 for DynamoDB streams. */
  private putPayloadUnits = 0;

  constructor(
    readonly config: DataStream,
    private readonly rng: Rng,
  ) {
    this.writeLimits =
      config.type === 'kinesis-stream'
        ? Array.from(
            { length: config.shardCount },
            () => new TokenBucket(KINESIS_SHARD_RECORDS_PER_SECOND, KINESIS_SHARD_RECORDS_PER_SECOND / 1000),
          )
        : null;
  }

  get name(): string {
    return this.config.name;
  }

  result(): DataStreamResult {
    return {
      name: this.config.name,
      type: this.config.type,
      shards: this.config.shardCount,
      records: this.records,
      writeThrottled: this.writeThrottled,
      shardRecordsPerSecond: this.writeLimits ? KINESIS_SHARD_RECORDS_PER_SECOND : null,
      putPayloadUnits: this.putPayloadUnits,
      retentionMs: this.config.retentionMs,
    };
  }

  addConsumer(consumer: StreamConsumer): void {
    this.consumers.push(consumer);
  }

  /** PutRecord (or a table write that produces a stream record). */
  put(nowMs: number, depth: number, bytes: number): void {
    const shard = Math.floor(this.rng.next() * this.config.shardCount);
    if (this.writeLimits && !this.writeLimits[shard].tryTake(nowMs)) {
      this.writeThrottled++;
      return;
    }
    this.records++;
    if (this.writeLimits) this.putPayloadUnits += kinesisPutPayloadUnits(bytes);
    for (const c of this.consumers) c.append(shard, nowMs, depth);
  }
}
