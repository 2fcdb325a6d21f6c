import { ASYNC_VIAS, REST_ENDPOINT_TYPES, SYNC_VIAS } from '../defaults/vias.ts';
import { distribution } from './distribution.ts';
import { retryPolicy } from './events.ts';
import {
  duration,
  durationOrSeconds,
  integer,
  list,
  mapping,
  number,
  oneOf,
  reference,
  size,
  text,
} from './leaves.ts';
import { choice, doc, isRecord, opt } from './registry.ts';

const phaseName = opt(text, 'Phase name. Default phase-<index> (0-based).');
const phaseDuration = doc(durationOrSeconds, 'Phase length (a bare number is seconds).', {
  examples: ['5m', 300],
});

const ratePhase = mapping(
  {
    name: phaseName,
    duration: phaseDuration,
    arrivalRate: doc(number(0), 'Arrivals per second (at the start of the phase when ramping).'),
    rampTo: opt(number(0), 'Arrivals per second at the end of the phase (linear ramp).'),
  },
  'a phase { duration, arrivalRate[, rampTo] }',
);
const countPhase = mapping(
  {
    name: phaseName,
    duration: phaseDuration,
    arrivalCount: doc(
      integer(0),
      'Exactly this many arrivals over the phase: evenly spaced with mode uniform; with mode poisson at random times (a Poisson process conditioned on its count).',
    ),
  },
  'a phase { duration, arrivalCount }',
);
const pausePhase = mapping(
  { name: phaseName, pause: doc(durationOrSeconds, 'A phase with no arrivals, this long.') },
  'a pause { pause }',
);

export const phase = choice(
  [ratePhase, countPhase, pausePhase],
  (input) => {
    if (!isRecord(input)) return undefined;
    if ('pause' in input) return 2;
    if ('arrivalCount' in input) return 1;
    return 0;
  },
  'a phase: { duration, arrivalRate[, rampTo] }, { duration, arrivalCount } or { pause }',
);

export const TRACE_FORMATS = ['timestamps', 'azure-2021'] as const;

export const trace = mapping(
  {
    file: doc(text, 'Trace file, relative to the scenario file.'),
    format: doc(
      oneOf(TRACE_FORMATS, 'a trace format'),
      'timestamps: first column = arrival time in seconds (optional header); azure-2021: app,func,end_timestamp,duration (arrival = end - duration).',
    ),
  },
  'a trace { file, format }',
);

export const trafficSource = mapping(
  {
    name: opt(text, 'Names this source in reports. Default: the target name (-2, -3, ... when repeated).'),
    target: doc(
      reference('a function'),
      'A function, or a resource that receives messages: sqs-queue (SendMessage), kinesis-stream or dynamodb-stream (one record each), s3-bucket (object created), sns-topic (Publish).',
    ),
    via: opt(
      oneOf([...SYNC_VIAS, ...ASYNC_VIAS], 'an invocation path'),
      `How the target is invoked. Synchronous: ${SYNC_VIAS.join(' | ')}; asynchronous: ${ASYNC_VIAS.join(' | ')}. Default direct.`,
    ),
    mode: opt(oneOf(['poisson', 'uniform']), 'poisson (default) | uniform (evenly spaced, deterministic).'),
    phases: opt(list(phase, 'phases', 1), 'Artillery-style phases, run back to back.'),
    trace: opt(trace, 'Replay recorded arrivals instead of phases.'),
    payload: opt(size, 'Event payload size. Default 1KB.'),
    responseSize: opt(
      size,
      'Bytes of each successful response sent to the caller over the internet (api-gateway-*, alb, function-url): data transfer out. Default 0B.',
    ),
    overhead: opt(
      distribution,
      "Latency the front door (via) adds to a synchronous caller's round trip. Default by via: direct 0ms; api-gateway-rest { p50: 10ms, p99: 25ms }; api-gateway-http, alb, function-url, cloudfront-edge { p50: 4ms, p99: 10ms }.",
    ),
    retry: opt(
      retryPolicy,
      'Caller retries of throttles (429), as the AWS SDK standard mode does them. Default: { maxAttempts: 3 } for direct, 1 (none) for the other front doors.',
    ),
    eventType: opt(
      oneOf(['viewer-request', 'viewer-response', 'origin-request', 'origin-response']),
      'via cloudfront-edge: the Lambda@Edge trigger (viewer events: 128 MB, 5 s at most; origin events: 30 s). Default origin-request.',
    ),
    integrationTimeout: opt(
      duration,
      'via api-gateway-*: how long the gateway waits for the function before answering 504 (the function runs on). 50ms..29s for REST (default 29s; up to 300s for a regional or private REST API after a Service Quotas increase), 50ms..30s for an HTTP API (default 30s).',
    ),
    endpointType: opt(
      oneOf(REST_ENDPOINT_TYPES, 'a REST API endpoint type'),
      'via api-gateway-rest: edge (default, as AWS creates REST APIs) | regional | private. Only regional and private APIs may raise integrationTimeout above 29s.',
    ),
  },
  'a traffic source',
);

export const traffic = choice(
  [trafficSource, list(trafficSource, 'traffic sources')],
  (input) => (Array.isArray(input) ? 1 : isRecord(input) ? 0 : undefined),
  'a traffic source (a mapping) or a list of them',
);
