/**
 * `lamsim cost`: a monthly cost calculator with no simulation, in the spirit of the AWS Pricing
 * Calculator. It turns monthly averages into the `Usage` of one 730-hour month and bills it with
 * the same code as a simulated run.
 *
 * Contract: every invocation is billed at the *average* duration rounded up to the granularity
 * (1 ms: 120 ms bills 120 ms; 100 ms: 28 ms bills 100 ms), as if all invocations took the average.
 * Counts derived from shares are rounded to whole requests. Hourly resources default to the whole
 * month (730 hours). Nothing is billed for a service the input does not mention. On-demand
 * invocations are spread evenly over the month: with provisioned concurrency configured for H
 * hours, H/730 of them are spill-over while it is enabled, which the free tier does not cover
 * (with the provisioned ones; see ./lambda.ts). Pure.
 */
import type { Billing } from '../../scenario/index.ts';
import type { LambdaUsage, Usage } from '../metering/index.ts';
import {
  billedDurationMs,
  isInitBilled,
  kinesisPutPayloadUnits,
  MONTH_HOURS,
  MONTH_MS,
  MS_PER_HOUR,
  responseStreamingBilledBytes,
  snsBilledRequests,
} from '../metering/index.ts';
import { billWindow } from './bill.ts';
import type { CostBreakdown } from './breakdown.ts';
import { calculatorIssues } from './calculator-checks.ts';
import type { CostCalculatorInput } from './calculator-input.ts';

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

  const onDemandBilledMs =
    (onDemandRequests - coldRequests) * billed(input.durationMs) + coldRequests * coldBilledMs;
  const pcMonthShare = pc ? Math.min(1, monthHours(pc.hours) / MONTH_HOURS) : 0;

  const snap = input.snapStart;
  const lambda: LambdaUsage = {
    function: 'calculator',
    architecture: input.architecture ?? 'x86_64',
    memoryMb: input.memoryMb,
    ephemeralStorageMb: input.ephemeralStorageMb ?? 512,
    edge: input.edge ?? false,
    requests,
    onDemandBilledMs,
    provisionedBilledMs: pcRequests * billed(pc?.durationMs ?? input.durationMs),
    provisionedIntervals: pc
      ? [{ concurrency: pc.concurrency, durationMs: monthHours(pc.hours) * MS_PER_HOUR }]
      : [],
    requestsWhileProvisioned: pcRequests + onDemandRequests * pcMonthShare,
    onDemandBilledMsWhileProvisioned: onDemandBilledMs * pcMonthShare,
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
    databases: input.database
      ? [
          {
            name: 'database',
            engine: input.database.engine,
            instanceClass: input.database.instanceClass,
            hours: (input.database.instances ?? 1) * monthHours(input.database.hours),
          },
        ]
      : [],
    kinesisStreams: input.kinesis
      ? [
          {
            name: 'stream',
            shards: input.kinesis.shards,
            hours: monthHours(input.kinesis.hours),
            extendedRetention: input.kinesis.extendedRetention ?? false,
            putPayloadUnits:
              (input.kinesis.records ?? 0) * kinesisPutPayloadUnits(input.kinesis.recordBytes ?? 1024),
            enhancedFanOutConsumers: input.kinesis.enhancedFanOutConsumers ?? 0,
            enhancedFanOutBytes:
              (input.kinesis.enhancedFanOutConsumers ?? 0) *
              (input.kinesis.records ?? 0) *
              (input.kinesis.recordBytes ?? 1024),
          },
        ]
      : [],
    snsTopics: input.sns
      ? [
          {
            name: 'topic',
            publishRequests: input.sns.publishes * snsBilledRequests(input.sns.bytesPerMessage ?? 1024),
            deliveries: input.sns.publishes,
          },
        ]
      : [],
    eventBridge: input.eventBridge
      ? {
          customEvents: input.eventBridge.customEvents ?? 0,
          schedulerInvocations: input.eventBridge.schedulerInvocations ?? 0,
        }
      : undefined,
    s3Buckets: input.s3
      ? [{ name: 'bucket', putRequests: input.s3.putRequests ?? 0, getRequests: input.s3.getRequests ?? 0 }]
      : [],
  };
}

/** The billing settings the input implies (INIT is already applied in calculatorUsage). */
export function calculatorBilling(input: CostCalculatorInput): Billing {
  return {
    freeTier: input.freeTier ?? false,
    granularityMs: input.granularityMs ?? 1,
    initBilled: input.coldStarts?.initBilled ?? true,
    prices: input.prices ?? {},
    month: { window: 'repeat' },
    savingsPlan: input.savingsPlan ?? null,
  };
}

/** The monthly bill of the input. Throws RangeError listing every problem of an invalid input. */
export function calculateCost(input: CostCalculatorInput): CostBreakdown {
  const issues = calculatorIssues(input);
  if (issues.length > 0) throw new RangeError(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
  return billWindow(calculatorUsage(input), calculatorBilling(input));
}
