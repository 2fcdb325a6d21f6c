/**
 * Written `functions.<name>`: keys follow AWS SAM / the Serverless Framework (camelCase), plus the
 * `model` of how the code behaves. Defaults are filled in ../normalize/function.ts, not here.
 */
import * as z from 'zod';
import { KNOWN_RUNTIME_PROFILES, KNOWN_RUNTIMES, type RuntimeProfile } from '../defaults/runtimes.ts';
import { gotText } from '../quantities.ts';
import { DISTRIBUTION_HELP, distribution } from './distribution.ts';
import { destinations, functionEvent, provisionedConcurrency, recursiveLoop, retryPolicy } from './events.ts';
import {
  boolean,
  duration,
  durationOrSeconds,
  fraction,
  integer,
  list,
  mapping,
  NAME_PATTERN,
  number,
  oneOf,
  reference,
  size,
  sizeOrMb,
  text,
} from './leaves.ts';
import { choice, doc, isRecord, opt } from './registry.ts';

const PHASE_HELP =
  'invoke (default): made by every invocation; init: made once per environment during INIT (a secret or config cached in a global), part of the INIT duration; not re-made on a SnapStart restore.';

const internetCall = mapping(
  {
    resource: z.literal('internet'),
    latency: doc(distribution, `Round-trip latency of the call. ${DISTRIBUTION_HELP}`),
    bytes: opt(size, 'Bytes transferred by the call (NAT gateway data processing). Default 0B.'),
    count: opt(integer(1), 'Calls per invocation. Default 1.'),
    phase: opt(oneOf(['invoke', 'init']), PHASE_HELP),
  },
  'a call to the internet',
);

const RESOURCE_CALL_PATTERN = new RegExp(`^(?!internet$)${NAME_PATTERN.source.slice(1)}`);
const resourceCall = mapping(
  {
    resource: doc(
      z
        .string({ error: (iss) => `expected a resource name or 'internet'${gotText(iss.input)}` })
        .regex(RESOURCE_CALL_PATTERN),
      'A resource name (database, RDS proxy, VPC endpoint, secret; or an SQS queue, SNS topic, S3 bucket or stream written to), or `internet`.',
    ),
    count: opt(integer(1), 'Calls per invocation. Default 1.'),
    latency: opt(
      distribution,
      `Calls through a VPC endpoint (required there) and writes to queues, topics, buckets and streams (default by type): round-trip latency of the service. ${DISTRIBUTION_HELP}`,
    ),
    bytes: opt(
      size,
      'Calls through a VPC endpoint: bytes transferred (interface endpoint data processing). Writes: message size (default 1KB). Default 0B.',
    ),
    phase: opt(oneOf(['invoke', 'init']), `${PHASE_HELP} Calls to a VPC endpoint or a secret only.`),
  },
  'a call to a resource',
);

const functionCall = mapping(
  {
    function: doc(reference('a function'), 'The function invoked (Lambda Invoke API).'),
    invocation: opt(
      oneOf(['sync', 'async']),
      'sync (InvocationType RequestResponse, default): waits for the answer, retries throttles as the SDK does; async (Event): queued, answered at once.',
    ),
    count: opt(integer(1), 'Calls per invocation. Default 1.'),
    latency: opt(
      distribution,
      `Round trip of the Invoke API call itself (async; for sync it is added to the callee's time). Default: async 20ms, sync 0ms. ${DISTRIBUTION_HELP}`,
    ),
    bytes: opt(size, 'Event payload (async requests are billed per 64 KB beyond 256 KB). Default 1KB.'),
    retry: opt(retryPolicy, 'SDK retries of throttles (sync). Default { maxAttempts: 3 }.'),
  },
  'a call to a function',
);

export const call = choice(
  [internetCall, resourceCall, functionCall],
  (input) =>
    isRecord(input) ? ('function' in input ? 2 : input.resource === 'internet' ? 0 : 1) : undefined,
  'a call: { resource: internet, latency: <dist>, bytes, count }, { resource: <name>, count } (plus latency, bytes for a VPC endpoint, queue, topic, bucket or stream) or { function: <name>, invocation: sync | async }',
);

export const model = mapping(
  {
    init: opt(
      distribution,
      'INIT phase duration. Default: measured hello-world INIT for the runtime, architecture, packaging and memory (lambda-perf).',
    ),
    preInit: opt(
      distribution,
      'Before INIT, not reported in Init Duration and not billed: placement, code download, sandbox start; the caller waits for it on a cold start. Default: measured client-side (Shilkov 2021) less INIT: zip { p50: 105ms, p97.5: 400ms } plus 103ms per MB of packageSize; image { p50: 469ms, p97.5: 1078ms }.',
    ),
    restore: opt(
      distribution,
      'With SnapStart: time to restore the snapshot, instead of INIT. Default: measured Java hello-world restores, { p50: 610ms, p99: 950ms }.',
    ),
    compute: opt(distribution, 'CPU-bound handler work, as measured at `computeAt`. Default 1ms.'),
    computeAt: opt(sizeOrMb, 'Memory at which `compute` was measured. Default 1769MB (1 vCPU).'),
    threads: opt(integer(1, 6), 'How many vCPUs the handler can use at once, 1..6. Default 1.'),
    archSpeed: opt(
      mapping(
        {
          x86_64: opt(number(0.1, 10), 'Relative speed of compute on x86_64. Default 1.'),
          arm64: opt(number(0.1, 10), 'Relative speed of compute on arm64. Default 1.'),
        },
        'speeds by architecture { x86_64, arm64 }',
      ),
      "How fast `compute` runs on each architecture, relative to each other (only the ratio matters): compute measured on the function's architecture takes speed(that) / speed(other) as long on the other. Default 1 and 1 (no published general ratio: measure, e.g. with tune --from-power-tuning on both).",
    ),
    io: opt(distribution, 'Waiting that memory does not speed up. Default 0ms.'),
    calls: opt(list(call, 'calls'), 'Downstream calls made in sequence by each invocation. Default [].'),
    errorRate: opt(
      fraction,
      'Fraction of invocations that end in a function error (for batches: of records; a batch fails if any record fails). Default 0.',
    ),
    perRecord: opt(
      mapping(
        {
          compute: opt(distribution, 'CPU-bound work per record, as measured at `computeAt`. Default 0ms.'),
          io: opt(distribution, 'Waiting per record that memory does not speed up. Default 0ms.'),
        },
        'per-record handler time { compute, io }',
      ),
      'Handler time added for each record of a batch (SQS, Kinesis, DynamoDB streams).',
    ),
  },
  'a function model',
);

export const vpc = mapping(
  {
    subnetIds: doc(list(text, 'subnet ids', 1), 'Subnets (at least one).'),
    securityGroupIds: doc(list(text, 'security group ids', 1), 'Security groups (at least one).'),
    eniMode: opt(
      oneOf(['hyperplane', 'legacy']),
      'hyperplane (since Sept 2019, default) | legacy (an ENI per environment).',
    ),
    ipsPerSubnet: opt(
      integer(1),
      'Free IP addresses in each subnet, which bound legacy ENIs (one IP each). Default 251 (a /24 less the 5 addresses AWS reserves).',
    ),
  },
  'a VPC configuration',
);

export const lambdaFunction = mapping(
  {
    runtime: doc(
      oneOf(KNOWN_RUNTIMES, 'a Lambda runtime id'),
      'Lambda runtime id; picks the default INIT distribution.',
    ),
    runtimeProfile: opt(
      oneOf(KNOWN_RUNTIME_PROFILES as [RuntimeProfile, ...RuntimeProfile[]], 'a custom-runtime profile'),
      'For provided.al2 / provided.al2023: which measured language gives the default INIT. Default go.',
    ),
    architecture: opt(oneOf(['x86_64', 'arm64']), 'x86_64 (default) | arm64.'),
    memorySize: opt(sizeOrMb, 'Memory, 128MB..10240MB in 1 MB steps (a bare number is MB). Default 128MB.', {
      examples: ['1024MB', '1GB', 1769],
    }),
    timeout: opt(durationOrSeconds, 'Maximum run time, up to 900s (a bare number is seconds). Default 3s.', {
      examples: ['30s', 30],
    }),
    ephemeralStorageSize: opt(sizeOrMb, '/tmp size, 512MB..10240MB (a bare number is MB). Default 512MB.'),
    packageType: opt(oneOf(['zip', 'image']), 'zip (default) | image.'),
    packageSize: opt(
      size,
      'Zipped size of the code package with its layers (zip): lengthens the part of a cold start before INIT by 103ms per MB (Shilkov 2021). Default 0B (hello world). Not used for images (they load lazily).',
    ),
    reservedConcurrency: opt(
      integer(0),
      'Reserved concurrency (floor and ceiling). Default: none (unreserved pool).',
    ),
    provisionedConcurrency: opt(
      provisionedConcurrency,
      'Environments initialised before traffic (an integer), or { concurrency, allocationTime, schedule, autoScaling }. Default 0.',
    ),
    vpc: opt(vpc, 'VPC attachment. Default: no VPC.'),
    snapStart: opt(
      boolean,
      'SnapStart: cold starts restore a snapshot instead of running INIT. A zip package needs Java 11+, Python 3.12+ or .NET 8+; a container image may be any language (a warning outside those base images). Default false.',
    ),
    maximumRetryAttempts: opt(integer(0, 2), 'Retries of failed asynchronous invocations, 0..2. Default 2.'),
    maximumEventAge: opt(duration, 'Maximum age of an asynchronous event, 60s..6h. Default 6h.'),
    destinations: opt(destinations, 'Asynchronous invocation destinations { onSuccess, onFailure }.'),
    deadLetterQueue: opt(
      reference('an sqs-queue or sns-topic resource'),
      'Dead-letter queue of failed asynchronous events: an sqs-queue or sns-topic resource.',
    ),
    recursiveLoop: opt(
      recursiveLoop,
      'terminate (default): AWS stops a recursive chain (function -> SQS/SNS/S3/Lambda -> same function) after about 16 calls; allow: it runs on.',
    ),
    events: opt(
      list(functionEvent, 'events'),
      'Event sources: { sqs }, { kinesis }, { dynamodb }, { schedule }, { s3 }, { sns }.',
    ),
    logSize: opt(
      size,
      'CloudWatch Logs bytes written per invocation (START/END/REPORT lines are ~300 B). Default 1KB.',
    ),
    model: opt(model, 'How the code behaves.'),
  },
  'a function',
);
