/**
 * Defaults of a handler's downstream calls (`model.calls`) and of callers' throttle retries.
 *
 * Every call is made once per invocation (count 1) during the invocation (phase invoke), carrying
 * 0 bytes; a call to a function is synchronous and carries a 1KB event.
 */
import type { DistSpec } from '../../engine/index.ts';
import type { CallPhase } from '../types.ts';

/** AWS SDK standard retry mode: 3 attempts in all (@smithy/util-retry DEFAULT_MAX_ATTEMPTS). */
export const SDK_MAX_ATTEMPTS = 3;

/** Round trip of an asynchronous Invoke (InvocationType Event) call: an assumption (⚠ no AWS figure). */
export const ASYNC_INVOKE_LATENCY_MS = 20;

export const CALL_DEFAULTS: {
  readonly count: number;
  readonly phase: CallPhase;
  readonly bytes: number;
  /** Calls to resources (VPC endpoints); writes to messaging resources default by type (./writeLatency.ts). */
  readonly latencyMs: DistSpec;
  readonly functionInvocation: 'sync' | 'async';
  readonly functionBytes: number;
} = {
  count: 1,
  phase: 'invoke',
  bytes: 0,
  latencyMs: { kind: 'constant', value: 0 },
  functionInvocation: 'sync',
  functionBytes: 1024,
};
