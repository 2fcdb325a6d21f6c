/**
 * The short summary `lamsim run` prints to stdout: one block per function, then the bill.
 * Pure: returns the text.
 */
import { BYTES_PER_GB } from '../billing/index.ts';
import type { ResourceSummary, Summary } from '../results/index.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.ts';
import { monthlyPeriod } from './runReport.ts';

export function summaryText(summary: Summary): string {
  const lines: string[] = [];
  lines.push(
    `lamsim ${summary.lamsim.version}: ${summary.scenario} (seed ${summary.seed}, window ${formatMs(summary.window.durationMs)})`,
  );
  for (const [name, f] of Object.entries(summary.functions)) {
    const inv = f.invocations;
    const by = f.throttledBy;
    const reasons = [
      by.reservedConcurrency ? `reserved ${formatCount(by.reservedConcurrency)}` : '',
      by.accountConcurrency ? `account ${formatCount(by.accountConcurrency)}` : '',
      by.scalingRate ? `scaling rate ${formatCount(by.scalingRate)}` : '',
    ].filter(Boolean);
    lines.push('');
    lines.push(`  ${name}`);
    lines.push(
      `    requests    ${formatCount(inv.arrived)} arrived, ${formatCount(inv.succeeded)} ok, ` +
        `${formatCount(inv.failed)} failed, ${formatCount(inv.timedOut)} timed out`,
    );
    lines.push(
      `    throttled   ${formatCount(inv.throttled)} (${formatPercent(f.throttleRate)})` +
        (f.throttledAttempts !== inv.throttled
          ? `; ${formatCount(f.throttledAttempts)} refused attempts`
          : '') +
        (reasons.length ? `: ${reasons.join(', ')}` : ''),
    );
    lines.push(
      `    cold starts ${formatCount(f.coldStarts)} (${formatPercent(f.coldStartRate)} of started), ` +
        `INIT p50 ${formatMs(f.initDurationMs.p50)}, p99 ${formatMs(f.initDurationMs.p99)}`,
    );
    lines.push(
      `    latency     p50 ${formatMs(f.latencyMs.p50)}, p95 ${formatMs(f.latencyMs.p95)}, ` +
        `p99 ${formatMs(f.latencyMs.p99)}, max ${formatMs(f.latencyMs.max)}`,
    );
    lines.push(
      `    concurrency peak ${formatCount(f.concurrency.peak)}, mean ${String(round1(f.concurrency.mean))}; ` +
        `environments created ${formatCount(f.environments.created)}, peak ${formatCount(f.environments.peak)}`,
    );
  }
  const resources = Object.entries(summary.resources);
  if (resources.length > 0) lines.push('');
  for (const [name, r] of resources) lines.push(`  ${name.padEnd(11)} ${resourceLine(r)}`);
  lines.push('');
  lines.push(
    `  cost        ${formatUsd(summary.cost.window.totalUsd)} for the window, ` +
      `${formatUsd(summary.cost.monthly.totalUsd)} ${monthlyPeriod(summary.cost.monthly.basis)}`,
  );
  lines.push(`              month: ${summary.cost.monthly.basis.assumption}`);
  return `${lines.join('\n')}\n`;
}

/** One decimal, or two significant digits below 1 (a mean concurrency of 0.03 is not 0). */
const round1 = (x: number) => (x > 0 && x < 1 ? Number(x.toPrecision(2)) : Math.round(x * 10) / 10);

const gb = (bytes: number): string => `${(bytes / BYTES_PER_GB).toFixed(2)} GB`;

/** One line per resource: what it did and how close it came to its limits. */
function resourceLine(r: ResourceSummary): string {
  switch (r.type) {
    case 'rds-postgres':
    case 'rds-mysql':
    case 'aurora-postgresql':
    case 'aurora-mysql':
      return (
        `${r.type} ${r.instanceClass}: connections peak ${formatCount(r.peakConnections)} of ${formatCount(r.maxConnections)}, ` +
        `${formatCount(r.connectionErrors)} refused; CPU ${formatPercent(r.cpuUtilization)}, query p99 ${formatMs(r.queryMs.p99)}`
      );
    case 'rds-proxy':
      return (
        `RDS Proxy, pool of ${formatCount(r.poolSize)}: ${formatCount(r.borrows)} borrows, ${formatCount(r.borrowWaits)} waited ` +
        `(mean wait ${formatMs(r.meanBorrowWaitMs)}), ${formatCount(r.borrowTimeouts)} timed out; ` +
        `${formatCount(r.peakClientConnections)} client connections at peak`
      );
    case 'nat-gateway':
      return `NAT gateway: ${formatCount(r.calls)} calls, ${gb(r.processedBytes)} processed`;
    case 'vpc-endpoint':
      return `${r.endpointType} endpoint (${r.service}): ${formatCount(r.calls)} calls, ${gb(r.processedBytes)}`;
    case 'sqs-queue':
      return (
        `SQS queue: ${formatCount(r.sent)} sent, backlog peak ${formatCount(r.backlog.peak)}, ` +
        `oldest message ${formatMs(r.maxAgeMs)}, ${formatCount(r.movedToDeadLetterQueue)} to the DLQ`
      );
    case 'kinesis-stream':
    case 'dynamodb-stream':
      return (
        `${r.type === 'kinesis-stream' ? 'Kinesis' : 'DynamoDB'} stream, ${r.shards} shard${r.shards === 1 ? '' : 's'}: ${formatCount(r.records)} records, ` +
        `${formatCount(r.writeThrottled)} writes throttled, iterator age up to ${formatMs(r.maxAgeMs)}`
      );
    case 's3-bucket':
    case 'sns-topic':
      return `${r.type === 's3-bucket' ? 'S3 bucket' : 'SNS topic'}: ${formatCount(r.published)} published, ${formatCount(r.deliveries)} notifications`;
    case 'secret':
      return `Secrets Manager secret: ${formatCount(r.calls)} GetSecretValue calls`;
  }
}
