/**
 * The short summary `lamsim run` prints to stdout: one block per function, then the bill.
 * Pure: returns the text.
 */
import { BYTES_PER_GB } from '../billing/index.ts';
import type { FunctionSummary, NotifierSummary, ResourceSummary, Summary } from '../results/index.ts';
import { growingBacklogWarnings } from './backlogText.ts';
import { arrivalNoun, eventsOnly } from './countWords.ts';
import { formatCount, formatMean, formatMs, formatPercent, formatUsd } from './format.ts';
import { oldestMessageText } from './messagingTables.ts';
import { monthlyPeriod, snapStartCacheNote } from './monthText.ts';
import { replicationLines } from './replicationsText.ts';
import { sloLines } from './sloText.ts';
import { coldStartPhase, restoresNote } from './snapStartWords.ts';
import { shardsText } from './tables.ts';

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
      by.requestRate ? `request rate ${formatCount(by.requestRate)}` : '',
    ].filter(Boolean);
    lines.push('');
    lines.push(`  ${name}`);
    lines.push(...countLines(name, f, summary.resources));
    lines.push(
      `    throttled   ${formatCount(inv.throttled)} ${arrivalNoun(f)} (${formatPercent(f.throttleRate)})` +
        (f.throttledAttempts !== inv.throttled
          ? `; ${formatCount(f.throttledAttempts)} refused attempts`
          : '') +
        (reasons.length ? `: ${reasons.join(', ')}` : ''),
    );
    // Percentiles of nothing read 0: without cold starts or successes the line says so instead.
    const phase = coldStartPhase(f);
    lines.push(
      `    cold starts ${formatCount(f.coldStarts)} (${formatPercent(f.coldStartRate)} of started${restoresNote(f)})` +
        (f.coldStarts > 0
          ? `, ${phase} p50 ${formatMs(f.initDurationMs.p50)}, p99 ${formatMs(f.initDurationMs.p99)}` +
            `; before ${phase} p50 ${formatMs(f.preInitDurationMs.p50)}, p99 ${formatMs(f.preInitDurationMs.p99)}`
          : '') +
        (f.networkSetupMs && f.networkSetupMs.max > 0
          ? `; VPC network interface p50 ${formatMs(f.networkSetupMs.p50)}, p99 ${formatMs(f.networkSetupMs.p99)}`
          : ''),
    );
    lines.push(
      inv.succeeded === 0
        ? '    latency     none succeeded'
        : `    latency     p50 ${formatMs(f.latencyMs.p50)}, p95 ${formatMs(f.latencyMs.p95)}, ` +
            `p99 ${formatMs(f.latencyMs.p99)}, max ${formatMs(f.latencyMs.max)}`,
    );
    lines.push(
      `    concurrency peak ${formatCount(f.concurrency.peak)}, mean ${formatMean(f.concurrency.mean)}; ` +
        `environments created ${formatCount(f.environments.created)}, peak ${formatCount(f.environments.peak)}`,
    );
  }
  const resources = Object.entries(summary.resources);
  if (resources.length > 0) lines.push('');
  for (const [name, r] of resources) lines.push(`  ${name.padEnd(11)} ${resourceLine(r)}`);
  const backlogs = growingBacklogWarnings(summary);
  if (backlogs.length > 0) lines.push('', ...backlogs.map((w) => `  ${w}`));
  if (summary.slo) {
    lines.push('');
    lines.push(...sloLines(summary.slo));
  }
  lines.push('');
  lines.push(
    `  cost        ${formatUsd(summary.cost.window.totalUsd)} for the window, ` +
      `${formatUsd(summary.cost.monthly.totalUsd)} ${monthlyPeriod(summary.cost.monthly.basis)}`,
  );
  lines.push(`              month: ${summary.cost.monthly.basis.assumption}`);
  const snapStart = snapStartCacheNote(summary.cost.window, summary.window.durationMs);
  if (snapStart) lines.push(`              ${snapStart}`);
  if (summary.replications) lines.push('', ...replicationLines(summary));
  if (summary.provenance.shards)
    lines.push('', `  merged from ${shardsText(summary, summary.provenance.shards)}`);
  return `${lines.join('\n')}\n`;
}

const gb = (bytes: number): string => `${(bytes / BYTES_PER_GB).toFixed(2)} GB`;

/** One line per resource: what it did and how close it came to its limits. */
function resourceLine(r: ResourceSummary): string {
  switch (r.type) {
    case 'rds-postgres':
    case 'rds-mysql':
    case 'aurora-postgresql':
    case 'aurora-mysql':
      return (
        `${r.type} ${r.instanceClass} (${r.vcpus} vCPU${r.vcpus === 1 ? '' : 's'}): connections peak ${formatCount(r.peakConnections)} of ${formatCount(r.maxConnections)}, ` +
        `${formatCount(r.connectionErrors)} refused; CPU ${formatPercent(r.cpuUtilization)}, query p99 ${formatMs(r.queryMs.p99)}`
      );
    case 'rds-proxy':
      return (
        `RDS Proxy, pool of ${formatCount(r.poolSize)}: ${formatCount(r.borrows)} borrows, ${formatCount(r.borrowWaits)} waited` +
        // The mean wait beside the count of borrows that waited is theirs; over all borrows it is smaller.
        (r.borrowWaits > 0
          ? ` (mean wait ${formatMs(r.meanWaitWhenWaitedMs)}; ${formatMs(r.meanBorrowWaitMs)} per borrow over all)`
          : '') +
        `, ${formatCount(r.borrowTimeouts)} timed out; ` +
        `${formatCount(r.peakClientConnections)} client connections at peak`
      );
    case 'nat-gateway':
      return `NAT gateway: ${formatCount(r.calls)} calls, ${gb(r.processedBytes)} processed`;
    case 'vpc-endpoint':
      return `${r.endpointType} endpoint (${r.service}): ${formatCount(r.calls)} calls, ${gb(r.processedBytes)}`;
    case 'sqs-queue':
      return (
        `SQS queue: ${formatCount(r.sent)} sent, backlog peak ${formatCount(r.backlog.peak)}, ` +
        `oldest message ${oldestMessageText(r)}, ${formatCount(r.movedToDeadLetterQueue)} to the DLQ`
      );
    case 'kinesis-stream':
    case 'dynamodb-stream':
      return (
        `${r.type === 'kinesis-stream' ? 'Kinesis' : 'DynamoDB'} stream, ${r.shards} shard${r.shards === 1 ? '' : 's'}: ${formatCount(r.records)} records, ` +
        `${formatCount(r.writeThrottled)} write attempts throttled, ${formatCount(r.writeFailed)} writes lost ` +
        `(throttled on every attempt), iterator age up to ${formatMs(r.maxAgeMs)}`
      );
    case 's3-bucket':
    case 'sns-topic':
      return `${r.type === 's3-bucket' ? 'S3 bucket' : 'SNS topic'}: ${formatCount(r.published)} published; ${notificationText(r)}`;
    case 'secret':
      return `Secrets Manager secret: ${formatCount(r.calls)} GetSecretValue calls`;
  }
}

/** A bucket's or topic's notifications as the identity of notifierIdentities (countIdentities.ts). */
function notificationText(r: NotifierSummary): string {
  if (r.subscribers === 0) return 'nothing subscribed';
  return (
    `${formatCount(r.published * r.subscribers)} notifications = ` +
    sum([
      [r.deliveries, 'delivered', true],
      [r.inTransitAtEnd, 'in transit at the end'],
    ])
  );
}

/** `a + b + c`, leaving out terms that are zero unless `always`. */
function sum(terms: readonly (readonly [number, string, boolean?])[]): string {
  return terms
    .filter(([n, , always]) => always || n !== 0)
    .map(([n, label]) => `${formatCount(n)} ${label}`)
    .join(' + ');
}

/**
 * The counts of one function as the identities of countIdentities.ts (README "Counts that add
 * up"): what arrived, how it ended, named as what arrives (requests, events, batches).
 */
function countLines(name: string, f: FunctionSummary, resources: Summary['resources']): string[] {
  const inv = f.invocations;
  const kinds = f.invokedAs;
  // A merged run: what crossed the slices' borders (ShardBorders), so that the sums add up.
  const b = f.borders ?? { inFlightAtEnds: 0, inFlightAtStarts: 0, waitingAtEnds: 0, waitingAtStarts: 0 };
  const startedPlus = sum([
    [inv.started, 'started', true],
    [b.inFlightAtStarts, 'running at slice starts'],
  ]);
  const started = sum([
    [inv.succeeded, 'ok', true],
    [inv.failed, 'failed', true],
    [inv.timedOut, 'timed out', true],
    [inv.inFlightAtEnd, 'still running'],
    [b.inFlightAtEnds, 'running at slice ends'],
  ]);
  if (eventsOnly(f) && f.async) {
    const a = f.async;
    return [
      `    events      ${sum([
        [inv.arrived, 'arrived', true],
        [b.waitingAtStarts, 'queued at slice starts'],
        [b.inFlightAtStarts, 'running at slice starts'],
      ])} = ` +
        sum([
          [a.succeeded, 'processed', true],
          [inv.dropped, 'dropped', true],
          [inv.throttled, 'throttled at Invoke (request-rate quota)'],
          [a.waitingAtEnd, 'queued at the end'],
          [inv.inFlightAtEnd, 'running at the end'],
          [b.waitingAtEnds, 'queued at slice ends'],
          [b.inFlightAtEnds, 'running at slice ends'],
        ]),
      `    attempts    ${startedPlus} = ${started}`,
      ...retriesLines(f),
    ];
  }
  const noun = arrivalNoun(f);
  const lines: string[] = [];
  if (kinds.includes('events')) {
    // Requests or batches mixed with events: arrivals do not split by kind.
    lines.push(`    ${noun.padEnd(11)} ${formatCount(inv.arrived)} arrived (${kinds.join(', ')})`);
  } else {
    lines.push(
      `    ${noun.padEnd(11)} ${formatCount(inv.arrived)} arrived = ` +
        sum([
          [inv.started, 'started', true],
          [inv.throttled, 'throttled', true],
          [inv.refused, 'refused (no network interface or recursion stopped)'],
        ]),
    );
  }
  lines.push(`                ${startedPlus} = ${started}`, ...retriesLines(f));
  if (kinds.includes('batches')) lines.push(...recordLines(name, resources));
  return lines;
}

/**
 * `retried` on a line of its own, saying whose retries they are: they are tries again, not a part
 * of `started` (a retry after a throttle may be throttled again), so they can outnumber it.
 */
function retriesLines(f: FunctionSummary): string[] {
  const retried = f.invocations.retried;
  if (retried === 0) return [];
  const a = f.async;
  const kinds = f.invokedAs;
  const whose =
    eventsOnly(f) && a
      ? `Lambda tried events again: ${formatCount(a.retries.afterError)} after an error, ` +
        `${formatCount(a.retries.afterThrottle)} after a throttle`
      : kinds.length === 1 && kinds[0] === 'requests'
        ? "the callers' SDKs tried throttled requests again"
        : kinds.length === 1 && kinds[0] === 'batches'
          ? 'failed batches sent again'
          : 'requests or events tried again after a throttle or an error';
  return [`    retries     ${formatCount(retried)} (${whose})`];
}

/** What the function's event source mappings did with the records in its batches. */
function recordLines(name: string, resources: Summary['resources']): string[] {
  const lines: string[] = [];
  for (const r of Object.values(resources)) {
    if (r.type === 'sqs-queue') {
      const c = r.consumers[name];
      if (c) {
        lines.push(
          `    messages    ${formatCount(c.messagesSucceeded)} processed, ${formatCount(c.messagesFailed)} failed ` +
            `(returned to the queue or reported in a batch response)`,
        );
      }
    } else if (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream') {
      const c = r.consumers[name];
      if (c) {
        lines.push(
          `    records     ${formatCount(c.records)} in the stream = ` +
            sum([
              [c.processed, 'processed', true],
              [c.discarded, 'discarded', true],
              [c.trimmed, 'trimmed'],
              [c.waitingAtEnd, 'waiting at the end'],
            ]),
        );
      }
    }
  }
  return lines;
}
