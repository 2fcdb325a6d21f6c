/**
 * Lambda's line items: requests, on-demand duration (tiered per architecture), provisioned
 * concurrency, ephemeral storage, SnapStart, response streaming, and Lambda@Edge.
 *
 * Rules (AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/, and its worked examples):
 * - GB = MB / 1024; billed milliseconds are already rounded per invocation in the usage.
 * - On-demand duration tiers aggregate the month's GB-s per architecture over all regional functions.
 * - With the free tier, 1M requests and 400,000 GB-s are free each month. The GB-s allowance is used
 *   by x86_64 first (the dearer rate), the remainder by arm64. "The Lambda free tier does not apply
 *   to functions that have Provisioned Concurrency enabled" (pricing page, aws-facts A3): requests
 *   and spill-over duration while a function's provisioned concurrency is enabled are never free,
 *   its requests and duration while it is disabled are (AWS's "PC #1" example subtracts the free
 *   tier from the requests and duration outside the 8 provisioned hours; "PC #2", provisioned all
 *   the time, applies none). Never free either: the PC charge, the PC duration, ephemeral
 *   storage, SnapStart and Lambda@Edge.
 * - Provisioned concurrency: concurrency × time × GB at the PC rate, the time from enabling to
 *   disabling rounded up to 5 minutes (level changes in between are not rounded),
 *   plus the invocations it served at the (untiered) PC duration rate; spill-over is on-demand.
 * - Ephemeral storage above 512 MB: GB × billed seconds of every invocation (on-demand and PC).
 * - Lambda@Edge: its own request and GB-s prices, no tiers, no free tier.
 * - SQS event source mappings in provisioned mode: event poller hours (EPU-hours), no free tier.
 * Pure.
 */

import type { LambdaUsage } from '../metering/index.ts';
import { BYTES_PER_GB, gbSeconds, MB_PER_GB, provisionedBilledMs } from '../metering/index.ts';
import { type CostLine, freeLine, pricedLine } from './breakdown.ts';
import type { PriceId } from './price-ids.ts';
import type { PriceTable } from './price-table.ts';
import { tieredLines } from './tiers.ts';

const FREE_STORAGE_MB = 512;

const sum = <T>(items: readonly T[], f: (x: T) => number): number => {
  let total = 0;
  for (const x of items) total += f(x);
  return total;
};

/**
 * GB-s of provisioned concurrency configured by one function: each span from enabling to
 * disabling is rounded up to 5 minutes once, the rounding billed at the level it was disabled
 * from; level changes inside a span and a span the window cuts are billed as they are.
 */
export function provisionedGbSeconds(l: LambdaUsage): number {
  let total = 0;
  let spanMs = 0;
  for (const i of l.provisionedIntervals) {
    spanMs += i.durationMs;
    let billedMs = i.durationMs;
    if (!i.stillEnabled) {
      // The span ends here: its rounding goes on this level (a span of one interval: as before).
      billedMs =
        spanMs === i.durationMs
          ? provisionedBilledMs(i.durationMs)
          : i.durationMs + provisionedBilledMs(spanMs) - spanMs;
      spanMs = 0;
    }
    total += gbSeconds(i.concurrency * billedMs, l.memoryMb);
  }
  return total;
}

/** Requests the free tier may cover: those made while provisioned concurrency was disabled. */
const freeTierRequests = (l: LambdaUsage): number => l.requests - (l.requestsWhileProvisioned ?? 0);

/** On-demand GB-s the free tier may cover: not the spill-over while provisioned concurrency was enabled. */
const freeTierGbSeconds = (l: LambdaUsage): number =>
  gbSeconds(l.onDemandBilledMs - (l.onDemandBilledMsWhileProvisioned ?? 0), l.memoryMb);

/** `freeGbSeconds`: the allowance this architecture uses (at most its eligible on-demand GB-s). */
function architectureLines(
  table: PriceTable,
  functions: readonly LambdaUsage[],
  architecture: 'x86_64' | 'arm64',
  freeGbSeconds: number,
): { readonly duration: CostLine[]; readonly provisioned: CostLine[] } {
  const fns = functions.filter((l) => l.architecture === architecture);
  const tiers = architecture === 'x86_64' ? table.tiers.lambdaDurationX86 : table.tiers.lambdaDurationArm;
  const onDemand = sum(fns, (l) => gbSeconds(l.onDemandBilledMs, l.memoryMb));
  const pc = sum(fns, provisionedGbSeconds);
  const pcDuration = sum(fns, (l) => gbSeconds(l.provisionedBilledMs, l.memoryMb));
  return {
    duration: tieredLines(
      table,
      'lambda',
      `duration ${architecture}`,
      'GB-s',
      onDemand,
      freeGbSeconds,
      tiers,
    ),
    provisioned: [
      pricedLine(
        table,
        'lambda',
        `provisioned concurrency ${architecture}`,
        pc,
        'GB-s',
        `lambda.provisioned.concurrency.${architecture}` satisfies PriceId,
      ),
      pricedLine(
        table,
        'lambda',
        `provisioned duration ${architecture}`,
        pcDuration,
        'GB-s',
        `lambda.provisioned.duration.${architecture}` satisfies PriceId,
      ),
    ],
  };
}

/** Line items of regional Lambda functions (`edge: false`). */
function regionalLines(table: PriceTable, functions: readonly LambdaUsage[], freeTier: boolean): CostLine[] {
  const free = table.freeTier;
  const lines: CostLine[] = [];

  const requests = sum(functions, (l) => l.requests);
  const freeRequests = freeTier ? Math.min(sum(functions, freeTierRequests), free.lambdaRequests) : 0;
  if (freeRequests > 0) lines.push(freeLine('lambda', 'requests', freeRequests, 'requests'));
  lines.push(pricedLine(table, 'lambda', 'requests', requests - freeRequests, 'requests', 'lambda.requests'));

  const eligibleGbS = (architecture: 'x86_64' | 'arm64') =>
    sum(
      functions.filter((l) => l.architecture === architecture),
      freeTierGbSeconds,
    );
  const freeX86GbS = freeTier ? Math.min(free.lambdaGbSeconds, eligibleGbS('x86_64')) : 0;
  const freeArmGbS = freeTier ? Math.min(free.lambdaGbSeconds - freeX86GbS, eligibleGbS('arm64')) : 0;
  const x86 = architectureLines(table, functions, 'x86_64', freeX86GbS);
  const arm = architectureLines(table, functions, 'arm64', freeArmGbS);
  lines.push(...x86.duration, ...arm.duration, ...x86.provisioned, ...arm.provisioned);

  const storage = sum(functions, (l) =>
    gbSeconds(
      l.onDemandBilledMs + l.provisionedBilledMs,
      Math.max(0, l.ephemeralStorageMb - FREE_STORAGE_MB),
    ),
  );
  lines.push(pricedLine(table, 'lambda', 'ephemeral storage', storage, 'GB-s', 'lambda.ephemeralStorage'));

  const cache = sum(functions, (l) => gbSeconds(l.snapStartCacheMs ?? 0, l.memoryMb));
  const restoredGb = sum(functions, (l) => ((l.snapStartRestores ?? 0) * l.memoryMb) / MB_PER_GB);
  lines.push(pricedLine(table, 'lambda', 'snapstart cache', cache, 'GB-s', 'lambda.snapStart.cache'));
  lines.push(pricedLine(table, 'lambda', 'snapstart restore', restoredGb, 'GB', 'lambda.snapStart.restore'));

  const streamedGb = sum(functions, (l) => (l.responseStreamingBytes ?? 0) / BYTES_PER_GB);
  const freeStreamedGb = freeTier ? Math.min(streamedGb, free.responseStreamingGb) : 0;
  if (freeStreamedGb > 0) lines.push(freeLine('lambda', 'response streaming', freeStreamedGb, 'GB'));
  lines.push(
    pricedLine(
      table,
      'lambda',
      'response streaming',
      streamedGb - freeStreamedGb,
      'GB',
      'lambda.responseStreaming',
    ),
  );
  const pollerHours = sum(functions, (l) => l.eventPollerHours ?? 0);
  lines.push(
    pricedLine(table, 'lambda', 'sqs event pollers', pollerHours, 'EPU-hours', 'lambda.eventPollers.sqs'),
  );
  return lines;
}

function edgeLines(table: PriceTable, functions: readonly LambdaUsage[]): CostLine[] {
  const requests = sum(functions, (l) => l.requests);
  const duration = sum(functions, (l) => gbSeconds(l.onDemandBilledMs + l.provisionedBilledMs, l.memoryMb));
  return [
    pricedLine(table, 'lambda-edge', 'requests', requests, 'requests', 'lambdaEdge.requests'),
    pricedLine(table, 'lambda-edge', 'duration', duration, 'GB-s', 'lambdaEdge.duration'),
  ];
}

/** Every Lambda and Lambda@Edge line item of one billing month. */
export function lambdaLines(table: PriceTable, usage: readonly LambdaUsage[], freeTier: boolean): CostLine[] {
  return [
    ...regionalLines(
      table,
      usage.filter((l) => !l.edge),
      freeTier,
    ),
    ...edgeLines(
      table,
      usage.filter((l) => l.edge),
    ),
  ];
}
