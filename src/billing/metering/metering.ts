/**
 * How many billed requests (or billed bytes) one request of a given payload size counts as.
 * The model multiplies these by its request counts when it fills a `Usage`. Sizes in bytes
 * (KB = 1024 bytes). Pure.
 */
import { BYTES_PER_KB, BYTES_PER_MB } from './units.ts';

const KB_25 = 25 * BYTES_PER_KB;
const KB_64 = 64 * BYTES_PER_KB;
const KB_256 = 256 * BYTES_PER_KB;
const KB_512 = 512 * BYTES_PER_KB;

function chunks(bytes: number, chunkBytes: number): number {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`payload must be >= 0 bytes, got ${bytes}`);
  return Math.max(1, Math.ceil(Math.round(bytes) / chunkBytes));
}

/**
 * Lambda requests billed for one asynchronous event (S3, SNS, EventBridge, async invoke): one for
 * the first 256 KB, plus one per additional 64 KB chunk (events up to 1 MB). AWS pricing page.
 */
export function lambdaAsyncBilledRequests(payloadBytes: number): number {
  if (!Number.isFinite(payloadBytes) || payloadBytes < 0) {
    throw new RangeError(`payload must be >= 0 bytes, got ${payloadBytes}`);
  }
  const beyond = Math.max(0, Math.round(payloadBytes) - KB_256);
  return 1 + Math.ceil(beyond / KB_64);
}

/** API Gateway HTTP API requests billed for one call: metered in 512 KB increments. */
export function httpApiMeteredRequests(bytesPerRequest: number): number {
  return chunks(bytesPerRequest, KB_512);
}

/** SQS requests billed for one API action: every 64 KB chunk of payload is one request. */
export function sqsBilledRequests(payloadBytes: number): number {
  return chunks(payloadBytes, KB_64);
}

/**
 * Kinesis Data Streams PUT payload units of one record: "counted in 25KB payload chunks that
 * comprise a record. For example, a 5KB record contains one PUT Payload Unit, a 45KB record
 * contains two PUT Payload Units, and a 1MB record contains 40 PUT Payload Units" (AWS Kinesis
 * pricing page).
 */
export function kinesisPutPayloadUnits(recordBytes: number): number {
  return chunks(recordBytes, KB_25);
}

/** SNS publish requests billed for one message: "each 64KB chunk of published data is billed as 1 request". */
export function snsBilledRequests(messageBytes: number): number {
  return chunks(messageBytes, KB_64);
}

/** EventBridge events billed for one custom event: each 64 KB chunk of payload is one event. */
export function eventBridgeBilledEvents(eventBytes: number): number {
  return chunks(eventBytes, KB_64);
}

/** Response streaming: the first 6 MB of each response are free; bytes beyond are billed. */
export const RESPONSE_STREAMING_INCLUDED_BYTES = 6 * BYTES_PER_MB;

export function responseStreamingBilledBytes(responseBytes: number): number {
  return Math.max(0, responseBytes - RESPONSE_STREAMING_INCLUDED_BYTES);
}
