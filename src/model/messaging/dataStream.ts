/**
 * A Kinesis data stream or DynamoDB stream: records written go to a shard (partition keys are
 * random, so shards are equally likely) and every consumer (event source mapping) reads every
 * record.
 *
 * Writes (Kinesis). "A shard supports 1 MB/s and 1000 records per second for writes and 2 MB/s
 * for reads" (Kinesis developer guide, "Create and manage Kinesis data streams"; PutRecords API
 * reference: "up to 1,000 records per second, up to a maximum data write total of 1 MB per
 * second"). A write the shard cannot take (token buckets of 1,000 records and 1 MiB refilled
 * over a second; the record's `payload` bytes count) is refused with
 * ProvisionedThroughputExceededException and counted in `writeThrottled`. The producer retries it
 * as the AWS SDK's standard retry mode does a throttling error (@smithy/util-retry: 3 attempts in
 * all, the k-th retry after floor(random x min(20 s, 2^k x 500 ms))), to the same shard (same
 * partition key); a write refused on its last attempt is lost (`writeFailed`). Retries owed when
 * the run ends are not made. DynamoDB streams have no such write limit here (the table's write
 * capacity is not modelled).
 *
 * Reads (Kinesis, standard consumers). Per shard, 5 GetRecords calls and 2 MiB per second shared
 * by every standard (shared-throughput) consumer of the shard (Kinesis quotas); enhanced fan-out
 * consumers get their own 2 MiB/s per shard (kept by the consumer). The byte budget may go into
 * debt (a large read makes the next reads wait, as Kinesis does). DynamoDB streams: no read
 * budget is modelled.
 */

import { kinesisPutPayloadUnits } from '../../billing/metering/index.ts';
import type { Rng, Simulation } from '../../engine/index.ts';
import type { DataStream } from '../../scenario/index.ts';
import { TokenBucket } from '../concurrency/tokenBucket.ts';
import { sdkRetryDelayMs } from '../invocation/syncCaller.ts';
import type { MessageSink } from './sink.ts';

/** Kinesis: 1,000 records and 1 MiB per second written per shard. */
export const KINESIS_SHARD_RECORDS_PER_SECOND = 1000;
export const KINESIS_SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
/** Kinesis: 5 GetRecords calls and 2 MiB per second read per shard (shared by standard consumers). */
export const KINESIS_SHARD_READS_PER_SECOND = 5;
export const KINESIS_SHARD_READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
/** AWS SDK standard retry mode: attempts in all. */
export const KINESIS_PRODUCER_ATTEMPTS = 3;

/** A stream over a run, as plain data (DataStreamModel.result()). */
export interface DataStreamResult {
  readonly name: string;
  readonly type: 'kinesis-stream' | 'dynamodb-stream';
  readonly shards: number;
  /** Records written (accepted). */
  readonly records: number;
  /** Write attempts refused by the shard write limits (ProvisionedThroughputExceededException). */
  readonly writeThrottled: number;
  /** Writes refused on every attempt (lost). */
  readonly writeFailed: number;
  /** The shard write limit in records per second (Kinesis), or null (DynamoDB streams). */
  readonly shardRecordsPerSecond: number | null;
  /** Kinesis PUT payload units (25 KB chunks) of the records accepted; 0 for DynamoDB streams. */
  readonly putPayloadUnits: number;
  /** How long the stream keeps records (above 24 h Kinesis bills extended retention). */
  readonly retentionMs: number;
}

export interface StreamConsumer {
  /** A record of `bytes` written at `nowMs` to `shard`. */
  append(shard: number, nowMs: number, depth: number, bytes: number): void;
}

/** The read budget of one shard shared by its standard consumers. */
export interface ShardReadBudget {
  readonly calls: TokenBucket;
  readonly bytes: TokenBucket;
}

// A retry's event payload: (depth x 64 + attempt, bytes x 16384 + shard).
const ATTEMPT_SLOTS = 64;
const SHARD_SLOTS = 16384;

export class DataStreamModel implements MessageSink {
  private readonly consumers: StreamConsumer[] = [];
  private readonly writeRecords: TokenBucket[] | null;
  private readonly writeBytes: TokenBucket[] | null;
  /** Per shard, the read budget shared by standard consumers (Kinesis), or null. */
  readonly readBudgets: readonly ShardReadBudget[] | null;
  private readonly retryKind: number;
  private records = 0;
  private writeThrottled = 0;
  private writeFailed = 0;
  /** Kinesis PUT payload units (25 KB chunks) of the records accepted; 0 for DynamoDB streams. */
  private putPayloadUnits = 0;

  constructor(
    readonly config: DataStream,
    private readonly sim: Simulation,
    private readonly rng: Rng,
  ) {
    const kinesis = config.type === 'kinesis-stream';
    const buckets = (perSecond: number) =>
      Array.from({ length: config.shardCount }, () => new TokenBucket(perSecond, perSecond / 1000));
    this.writeRecords = kinesis ? buckets(KINESIS_SHARD_RECORDS_PER_SECOND) : null;
    this.writeBytes = kinesis ? buckets(KINESIS_SHARD_WRITE_BYTES_PER_SECOND) : null;
    this.readBudgets = kinesis
      ? Array.from({ length: config.shardCount }, () => ({
          calls: new TokenBucket(KINESIS_SHARD_READS_PER_SECOND, KINESIS_SHARD_READS_PER_SECOND / 1000),
          bytes: new TokenBucket(
            KINESIS_SHARD_READ_BYTES_PER_SECOND,
            KINESIS_SHARD_READ_BYTES_PER_SECOND / 1000,
          ),
        }))
      : null;
    this.retryKind = sim.on(`stream-write-retry:${config.name}`, (a, b) =>
      this.write(
        this.sim.now,
        b % SHARD_SLOTS,
        Math.floor(a / ATTEMPT_SLOTS),
        Math.floor(b / SHARD_SLOTS),
        a % ATTEMPT_SLOTS,
      ),
    );
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
      writeFailed: this.writeFailed,
      shardRecordsPerSecond: this.writeRecords ? KINESIS_SHARD_RECORDS_PER_SECOND : null,
      putPayloadUnits: this.putPayloadUnits,
      retentionMs: this.config.retentionMs,
    };
  }

  /**
   * Forgets what the stream counted before `nowMs` (a time shard's warm-up); its write and read
   * budgets and the producers' retries owed carry on.
   */
  startRecording(_nowMs: number): void {
    this.records = 0;
    this.writeThrottled = 0;
    this.writeFailed = 0;
    this.putPayloadUnits = 0;
  }

  addConsumer(consumer: StreamConsumer): void {
    this.consumers.push(consumer);
  }

  /** PutRecord (or a table write that produces a stream record). */
  put(nowMs: number, depth: number, bytes: number): void {
    const shard = Math.floor(this.rng.next() * this.config.shardCount);
    this.write(nowMs, shard, depth, bytes, 1);
  }

  /** Attempt number `attempt` (1 = the first) of a write to `shard`. */
  private write(nowMs: number, shard: number, depth: number, bytes: number, attempt: number): void {
    const records = this.writeRecords;
    const byteLimits = this.writeBytes;
    if (records && byteLimits) {
      // A record larger than a second's budget passes when the budget is full.
      const size = Math.min(bytes, KINESIS_SHARD_WRITE_BYTES_PER_SECOND);
      if (records[shard].available(nowMs) < 1 || !byteLimits[shard].tryTakeAmount(nowMs, size)) {
        this.writeThrottled++;
        if (attempt >= KINESIS_PRODUCER_ATTEMPTS) {
          this.writeFailed++;
          return;
        }
        const delayMs = sdkRetryDelayMs(attempt - 1, this.rng.next());
        this.sim.at(
          nowMs + delayMs,
          this.retryKind,
          depth * ATTEMPT_SLOTS + attempt + 1,
          bytes * SHARD_SLOTS + shard,
        );
        return;
      }
      records[shard].tryTake(nowMs);
      this.putPayloadUnits += kinesisPutPayloadUnits(bytes);
    }
    this.records++;
    for (const c of this.consumers) c.append(shard, nowMs, depth, bytes);
  }
}
