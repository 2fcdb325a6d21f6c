/**
 * `lamsim cost`: a monthly cost calculator with no simulation, in the spirit of the AWS Pricing
 * Calculator. It turns monthly averages into the `Usage` of one 730-hour month and bills it with
 * the same code as a simulated run.
 *
 * Contract: every invocation is billed at the *average* duration rounded up to the granularity
 * (1 ms: 120 ms bills 120 ms; 100 ms: 28 ms bills 100 ms), as if all invocations took the average.
 * Counts derived from shares are rounded to whole requests. Hourly resources default to the whole
 * month (730 hours). Nothing is billed for a service the input does not mention. Pure.
 */
import type { Architecture, Billing, PackageType } from '../scenario/types.ts';
import { billWindow } from './bill.ts';
import type { CostBreakdown } from './breakdown.ts';
import { responseStreamingBilledBytes } from './metering.ts';
import { priceOverrideIssues, SUPPORTED_REGIONS } from './price-table.ts';
import { billedDurationMs, isInitBilled } from './rounding.ts';
import { MONTH_HOURS, MONTH_MS, MS_PER_HOUR } from './units.ts';
import type { LambdaUsage, Usage } from './usage.ts';

export interface CostCalculatorInput {
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Invocations per month. */
  readonly requests: number;
  /** Average duration of an invocation (handler), ms. */
  readonly durationMs: number;
  readonly memoryMb: number;
  /** Default `x86_64`. */
  readonly architecture?: Architecture;
  /** Default 512 (free). */
  readonly ephemeralStorageMb?: number;
  /** Apply the always-free tiers (Lambda 1M requests + 400,000 GB-s, ...). Default false. */
  readonly freeTier?: boolean;
  /** Default 1 (since December 2020); 100 before. */
  readonly granularityMs?: 1 | 100;
  /** Price overrides by price id, USD per unit. */
  readonly prices?: Readonly<Record<string, number>>;
  /** A Lambda@Edge function: edge prices, no free tier. */
  readonly edge?: boolean;
  readonly provisioned?: {
    readonly concurrency: number;
    /** Time the concurrency is configured in the month (one interval, rounded up to 5 min). Default 730. */
    readonly hours?: number;
    /** Requests served by provisioned environments; default `requestShare` × requests. */
    readonly requests?: number;
    /** Fraction of requests served by provisioned environments, 0..1; default 1. */
    readonly requestShare?: number;
    /** Average duration of those requests, ms; default `durationMs`. */
    readonly durationMs?: number;
  };
  /** Cold starts among on-demand invocations, whose INIT is billed by the INIT rule. */
  readonly coldStarts?: {
    /** Fraction of on-demand invocations that are cold starts, 0..1. */
    readonly share: number;
    readonly initMs: number;
    /** Default `nodejs22.x`. */
    readonly runtime?: string;
    /** Default `zip`. */
    readonly packageType?: PackageType;
    /** AWS's rule since 2025-08-01 (default true); false = INIT free for zip on managed runtimes. */
    readonly initBilled?: boolean;
  };
  /** SnapStart for Python or .NET (Java has no SnapStart charge). */
  readonly snapStart?: {
    /** Restores in the month; default `restoreShare` × requests. */
    readonly restores?: number;
    readonly restoreShare?: number;
    /** Versions kept active; default 1. */
    readonly versions?: number;
    /** Hours each version is active (billed at least 3); default 730. */
    readonly hours?: number;
  };
  readonly responseStreaming?: {
    /** Responses of that size; default all requests. */
    readonly requests?: number;
    /** Bytes per streamed response; the first 6 MB of each are free. */
    readonly bytesPerResponse: number;
  };
  /** Every request arrives through an API Gateway API. */
  readonly apiGateway?: { readonly type: 'rest' | 'http'; readonly bytesPerRequest?: number };
  /** Every request arrives through an ALB (Lambda target); defaults: one new connection per request, 730 h. */
  readonly alb?: {
    readonly hours?: number;
    readonly newConnections?: number;
    readonly activeConnectionMinutes?: number;
    readonly processedBytes?: number;
    readonly ruleEvaluations?: number;
  };
  readonly sqs?: { readonly requests: number; readonly fifo?: boolean; readonly bytesPerRequest?: number };
  readonly natGateway?: { readonly azs: number; readonly hours?: number; readonly bytesPerRequest?: number };
  readonly vpcEndpoints?: {
    readonly endpoints: number;
    readonly azs: number;
    readonly hours?: number;
    readonly bytesPerRequest?: number;
  };
  readonly rdsProxy?: {
    readonly target: 'instance' | 'aurora-serverless-v2';
    /** vCPUs of the target, or mean ACUs of an Aurora Serverless v2 target. */
    readonly capacity: number;
    readonly hours?: number;
  };
  readonly secretsManager?: { readonly secrets: number; readonly apiCalls?: number };
  /** CloudWatch Logs bytes written per invocation; default 0. */
  readonly logBytesPerRequest?: number;
  /** Bytes sent to the internet per invocation; default 0. */
  readonly dataTransferOutBytesPerRequest?: number;
}

export interface CalculatorIssue {
  /** Path of the offending field in CostCalculatorInput, e.g. `provisioned.requestShare`. */
  readonly field: string;
  readonly message: string;
}

const MAX_DURATION_MS = 900_000;

/** Every problem of an input, all at once. */
export function calculatorIssues(input: CostCalculatorInput): CalculatorIssue[] {
  const issues: CalculatorIssue[] = [];
  const check = (field: string, value: number | undefined, ok: (v: number) => boolean, expected: string) => {
    if (value !== undefined && !(Number.isFinite(value) && ok(value))) {
      issues.push({ field, message: `must be ${expected}, got ${value}` });
    }
  };
  const nonNegative = (v: number) => v >= 0;
  const fraction = (v: number) => v >= 0 && v <= 1;
  const region = input.region ?? 'us-east-1';
  if (!SUPPORTED_REGIONS.includes(region)) {
    issues.push({
      field: 'region',
      message: `no price table for "${region}"; available: ${SUPPORTED_REGIONS.join(', ')}`,
    });
  }
  check('requests', input.requests, nonNegative, 'a count >= 0');
  check(
    'durationMs',
    input.durationMs,
    (v) => v >= 0 && v <= MAX_DURATION_MS,
    'between 0 and 900000 ms (15 min)',
  );
  check(
    'memoryMb',
    input.memoryMb,
    (v) => Number.isInteger(v) && v >= 128 && v <= 10240,
    'a whole number of MB in 128..10240',
  );
  check(
    'ephemeralStorageMb',
    input.ephemeralStorageMb,
    (v) => Number.isInteger(v) && v >= 512 && v <= 10240,
    'a whole number of MB in 512..10240',
  );
  if (input.granularityMs !== undefined && input.granularityMs !== 1 && input.granularityMs !== 100) {
    issues.push({ field: 'granularityMs', message: `must be 1 or 100, got ${input.granularityMs}` });
  }
  for (const issue of priceOverrideIssues(input.prices ?? {}))
    issues.push({ field: `prices.${issue.id}`, message: issue.message });
  const pc = input.provisioned;
  if (pc) {
    if (input.edge)
      issues.push({
        field: 'provisioned',
        message: 'Lambda@Edge functions cannot use provisioned concurrency',
      });
    check(
      'provisioned.concurrency',
      pc.concurrency,
      (v) => Number.isInteger(v) && v >= 0,
      'a whole number >= 0',
    );
    check('provisioned.hours', pc.hours, nonNegative, 'hours >= 0');
    check(
      'provisioned.requests',
      pc.requests,
      (v) => v >= 0 && v <= input.requests,
      'between 0 and the requests',
    );
    check('provisioned.requestShare', pc.requestShare, fraction, 'a fraction in 0..1');
    check(
      'provisioned.durationMs',
      pc.durationMs,
      (v) => v >= 0 && v <= MAX_DURATION_MS,
      'between 0 and 900000 ms',
    );
  }
  const cold = input.coldStarts;
  if (cold) {
    check('coldStarts.share', cold.share, fraction, 'a fraction in 0..1');
    check('coldStarts.initMs', cold.initMs, nonNegative, 'ms >= 0');
  }
  const snap = input.snapStart;
  if (snap) {
    check('snapStart.restores', snap.restores, nonNegative, 'a count >= 0');
    check('snapStart.restoreShare', snap.restoreShare, fraction, 'a fraction in 0..1');
    check('snapStart.versions', snap.versions, (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0');
    check('snapStart.hours', snap.hours, nonNegative, 'hours >= 0');
  }
  const stream = input.responseStreaming;
  if (stream) {
    check(
      'responseStreaming.requests',
      stream.requests,
      (v) => v >= 0 && v <= input.requests,
      'between 0 and the requests',
    );
    check('responseStreaming.bytesPerResponse', stream.bytesPerResponse, nonNegative, 'bytes >= 0');
  }
  check('apiGateway.bytesPerRequest', input.apiGateway?.bytesPerRequest, nonNegative, 'bytes >= 0');
  for (const key of [
    'hours',
    'newConnections',
    'activeConnectionMinutes',
    'processedBytes',
    'ruleEvaluations',
  ] as const) {
    check(`alb.${key}`, input.alb?.[key], nonNegative, 'a number >= 0');
  }
  check('sqs.requests', input.sqs?.requests, nonNegative, 'a count >= 0');
  check('sqs.bytesPerRequest', input.sqs?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check('natGateway.azs', input.natGateway?.azs, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  check('natGateway.hours', input.natGateway?.hours, nonNegative, 'hours >= 0');
  check('natGateway.bytesPerRequest', input.natGateway?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check(
    'vpcEndpoints.endpoints',
    input.vpcEndpoints?.endpoints,
    (v) => Number.isInteger(v) && v >= 0,
    'a whole number >= 0',
  );
  check(
    'vpcEndpoints.azs',
    input.vpcEndpoints?.azs,
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number >= 1',
  );
  check('vpcEndpoints.hours', input.vpcEndpoints?.hours, nonNegative, 'hours >= 0');
  check('vpcEndpoints.bytesPerRequest', input.vpcEndpoints?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check('rdsProxy.capacity', input.rdsProxy?.capacity, (v) => v > 0, 'a number > 0');
  check('rdsProxy.hours', input.rdsProxy?.hours, nonNegative, 'hours >= 0');
  check('secretsManager.secrets', input.secretsManager?.secrets, nonNegative, 'a count >= 0');
  check('secretsManager.apiCalls', input.secretsManager?.apiCalls, nonNegative, 'a count >= 0');
  check('logBytesPerRequest', input.logBytesPerRequest, nonNegative, 'bytes >= 0');
  check('dataTransferOutBytesPerRequest', input.dataTransferOutBytesPerRequest, nonNegative, 'bytes >= 0');
  return issues;
}

/** The month of usage the input describes (window = 730 hours). Assumes a valid input. */
export function calculatorUsage(input: CostCalculatorInput): Usage {
  const granularity = input.granularityMs ?? 1;
  const requests = input.requests;
  const billed = (ms: number) => billedDurationMs(ms, granularity);
  const monthHours = (hours: number | undefined) => hours ?? MONTH_HOURS;

  const pc = input.provisioned;
  const pcRequests = pc ? (pc.requests ?? Math.round(requests * (pc.requestShare ?? 1))) : 0;
  const onDemandRequests = requests - pcRequests;
  const cold = input.coldStarts;
  const coldRequests = cold ? Math.round(onDemandRequests * cold.share) : 0;
  const initBilled =
    cold !== undefined &&
    isInitBilled(
      { runtime: cold.runtime ?? 'nodejs22.x', packageType: cold.packageType ?? 'zip' },
      cold.initBilled ?? true,
    );
  const coldBilledMs = cold ? billed(input.durationMs + (initBilled ? cold.initMs : 0)) : 0;

  const snap = input.snapStart;
  const lambda: LambdaUsage = {
    function: 'calculator',
    architecture: input.architecture ?? 'x86_64',
    memoryMb: input.memoryMb,
    ephemeralStorageMb: input.ephemeralStorageMb ?? 512,
    edge: input.edge ?? false,
    requests,
    onDemandBilledMs:
      (onDemandRequests - coldRequests) * billed(input.durationMs) + coldRequests * coldBilledMs,
    provisionedBilledMs: pcRequests * billed(pc?.durationMs ?? input.durationMs),
    provisionedIntervals: pc
      ? [{ concurrency: pc.concurrency, durationMs: monthHours(pc.hours) * MS_PER_HOUR }]
      : [],
    logBytes: requests * (input.logBytesPerRequest ?? 0),
    snapStartCacheMs: snap ? (snap.versions ?? 1) * Math.max(3, monthHours(snap.hours)) * MS_PER_HOUR : 0,
    snapStartRestores: snap ? (snap.restores ?? Math.round(requests * (snap.restoreShare ?? 0))) : 0,
    responseStreamingBytes: input.responseStreaming
      ? (input.responseStreaming.requests ?? requests) *
        responseStreamingBilledBytes(input.responseStreaming.bytesPerResponse)
      : 0,
  };

  const perRequest = (bytes: number | undefined) => requests * (bytes ?? 0);
  const alb = input.alb;
  const nat = input.natGateway;
  const endpoints = input.vpcEndpoints;
  const proxy = input.rdsProxy;
  const secrets = input.secretsManager;
  return {
    region: input.region ?? 'us-east-1',
    windowMs: MONTH_MS,
    lambda: [lambda],
    apiGateway: input.apiGateway
      ? [{ type: input.apiGateway.type, requests, bytesPerRequest: input.apiGateway.bytesPerRequest ?? 0 }]
      : [],
    albs: alb
      ? [
          {
            name: 'alb',
            hours: monthHours(alb.hours),
            newConnections: alb.newConnections ?? requests,
            activeConnectionMinutes: alb.activeConnectionMinutes ?? 0,
            processedBytes: alb.processedBytes ?? 0,
            ruleEvaluations: alb.ruleEvaluations ?? 0,
            targets: 'lambda',
          },
        ]
      : [],
    sqs: input.sqs
      ? [
          {
            queue: 'queue',
            fifo: input.sqs.fifo ?? false,
            requests: input.sqs.requests,
            bytesPerRequest: input.sqs.bytesPerRequest ?? 0,
          },
        ]
      : [],
    natGateways: nat
      ? [
          {
            name: 'nat',
            azs: nat.azs,
            hours: monthHours(nat.hours),
            processedBytes: perRequest(nat.bytesPerRequest),
          },
        ]
      : [],
    vpcEndpoints: endpoints
      ? [
          {
            name: 'endpoints',
            azs: endpoints.azs * endpoints.endpoints,
            hours: monthHours(endpoints.hours),
            processedBytes: perRequest(endpoints.bytesPerRequest),
          },
        ]
      : [],
    rdsProxies: proxy
      ? [{ name: 'proxy', target: proxy.target, capacity: proxy.capacity, hours: monthHours(proxy.hours) }]
      : [],
    secretsManager: secrets
      ? { secrets: secrets.secrets, hours: MONTH_HOURS, apiCalls: secrets.apiCalls ?? 0 }
      : undefined,
    dataTransferOutBytes: perRequest(input.dataTransferOutBytesPerRequest),
  };
}

/** The billing settings the input implies (INIT is already applied in calculatorUsage). */
export function calculatorBilling(input: CostCalculatorInput): Billing {
  return {
    freeTier: input.freeTier ?? false,
    granularityMs: input.granularityMs ?? 1,
    initBilled: input.coldStarts?.initBilled ?? true,
    prices: input.prices ?? {},
  };
}

/** The monthly bill of the input. Throws RangeError listing every problem of an invalid input. */
export function calculateCost(input: CostCalculatorInput): CostBreakdown {
  const issues = calculatorIssues(input);
  if (issues.length > 0) throw new RangeError(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
  return billWindow(calculatorUsage(input), calculatorBilling(input));
}
