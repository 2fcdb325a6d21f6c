/**
 * Kafka event sources (Amazon MSK, self-managed Apache Kafka) are not modelled: the import
 * approximates them as synchronous invocations (`via: direct`), one per placeholder arrival.
 *
 * Contract: the wording says what an arrival stands for. Lambda's Kafka event source mapping
 * polls the topic's partitions and invokes the function with batches (AWS Lambda developer guide,
 * "All Amazon MSK event source configuration parameters in Lambda": BatchSize 100 and
 * MaximumBatchingWindowInSeconds 500 ms by default), so one arrival here is one batch: the rate to
 * write is the batch rate (messages per second / BatchSize when batches fill), not the message rate.
 * lamsim's stream event source (Kinesis) does not stand in: it would bill shards and PUT payload
 * units that a Kafka topic does not have.
 */

const KAFKA_KINDS = new Set(['MSK', 'SelfManagedKafka']);

/** The note and the traffic comment for a Kafka source of `fn`; undefined for any other kind. */
export function kafkaWording(fn: string, kind: string): { note: string; because: string } | undefined {
  if (!KAFKA_KINDS.has(kind)) return undefined;
  return {
    note:
      `${fn}: its ${kind} event source is not modelled; approximated as synchronous invocations (via: direct), each one a batch of messages: ` +
      `Lambda's Kafka event source mapping invokes the function with up to BatchSize messages (100 by default) gathered over the batching window (500 ms by default), ` +
      `in order within each partition (not kept here: the invocations run concurrently). Write the batch rate (messages per second / BatchSize), not the message rate.`,
    because: `${kind} events, one invocation per batch: write the batch rate (messages/s / BatchSize, 100 by default), not the message rate`,
  };
}
