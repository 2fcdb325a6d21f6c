/**
 * Defaults of a traffic source: invoked directly (the Invoke API), Poisson arrivals, a 1KB payload,
 * no response bytes sent over the internet, Lambda@Edge trigger origin-request. The front door's
 * overhead is in ./frontDoors.ts; caller retries are SDK_MAX_ATTEMPTS (./calls.ts) for direct
 * invocations of a function and 1 (no retry) otherwise. A phase without a name is `phase-<index>`.
 */
import type { Traffic } from '../types.ts';

export const TRAFFIC_DEFAULTS: Pick<
  Traffic,
  'via' | 'mode' | 'payloadBytes' | 'responseBytes' | 'edgeEventType'
> = {
  via: 'direct',
  mode: 'poisson',
  payloadBytes: 1024,
  responseBytes: 0,
  edgeEventType: 'origin-request',
};

/** The default name of `phases[index]`. */
export const defaultPhaseName = (index: number): string => `phase-${index}`;
