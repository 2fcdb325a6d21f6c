/**
 * Anything a message can be written to: an SQS queue (SendMessage), an SNS topic (Publish), an S3
 * bucket (PutObject), a stream (PutRecord), or a function's asynchronous event queue (Invoke with
 * InvocationType Event). Traffic to a resource, writes made by functions, asynchronous
 * destinations and dead-letter queues all go through this one interface.
 *
 * `depth` is the message's place in a chain of invocations: 0 for traffic and schedules, the
 * writing request's depth + 1 otherwise (AWS recursive loop detection counts these hops).
 */
export interface MessageSink {
  readonly name: string;
  put(nowMs: number, depth: number, bytes: number): void;
}

/**
 * AWS stops a recursive loop when a chain has invoked the same function about 16 times ("Lambda
 * recursive loop detection", AWS docs invocation-recursion.html; launched July 2023 for SQS, SNS
 * and Lambda, extended to S3 in 2024). lamsim counts every hop of the chain, which is exact for a
 * function that triggers itself.
 */
export const RECURSION_LIMIT = 16;

/** Upper bound kept on chain depth (loops allowed to run forever keep counting up to here). */
export const MAX_DEPTH = 1_000_000;

export const nextDepth = (depth: number): number => Math.min(MAX_DEPTH, depth + 1);
