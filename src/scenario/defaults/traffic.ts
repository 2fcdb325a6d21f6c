/**
 * Defaults of a traffic source: invoked directly (the Invoke API), Poisson arrivals, a 1KB payload,
 * no response bytes sent over the internet, Lambda@Edge trigger origin-request, an edge-optimized
 * REST endpoint (AWS's default), the gateway's default integration timeout (./vias.ts). The front door's
 * overhead is in ./frontDoors.ts; caller retries are SDK_MAX_ATTEMPTS (./calls.ts) for direct
 * invocations of a function and 1 (no retry) otherwise. A phase without a name is `phase-<index>`.
 */
import type { Traffic } from '../types.ts';

export const TRAFFIC_DEFAULTS: Pick<
  Traffic,
  'via' | 'mode' | 'payloadBytes' | 'responseBytes' | 'edgeEventType' | 'endpointType'
> = {
  via: 'direct',
  mode: 'poisson',
  payloadBytes: 1024,
  responseBytes: 0,
  edgeEventType: 'origin-request',
  // CreateRestApi and SAM's AWS::Serverless::Api default to an edge-optimized endpoint.
  endpointType: 'edge',
};

/** The default name of `phases[index]`. */
export const defaultPhaseName = (index: number): string => `phase-${index}`;
