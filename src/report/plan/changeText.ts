/**
 * The sentences of the planner's changes: each change's reason code written out (the
 * alternatives' `reason` in plan.json), and for a recommended change followed by the verification
 * at the target load (plan.json's `reason`, the report's "why" column). Pure.
 */
import type {
  Change,
  ChangeReason,
  Evaluation,
  PlanAlternative,
  PlanRecommendation,
  PlanResult,
} from '../../experiments/index.ts';
import { formatMs, formatSloValue } from '../format.ts';

/** Why a change helps, in a sentence. */
export function changeReasonText(r: ChangeReason): string {
  switch (r.code) {
    case 'moreConcurrency':
      return `more concurrent executions for ${r.function}`;
    case 'accountQuota':
      return 'ask AWS for a Lambda concurrent-executions quota increase (Service Quotas)';
    case 'accountRoom':
      return (
        'ask AWS for a Lambda concurrent-executions quota increase (Service Quotas): reserved and provisioned ' +
        `concurrency must leave the unreserved minimum of ${r.unreservedMinimum}`
      );
    case 'provisioned':
      return `environments of ${r.function} initialised before traffic (no cold start, no scaling-rate wait)`;
    case 'reservedForProvisioned':
      return 'provisioned concurrency cannot exceed reserved concurrency';
    case 'moreCpu':
      return `more CPU for ${r.function} (1 vCPU per 1,769 MB): shorter invocations need fewer concurrent executions`;
    case 'longerTimeout':
      return `let slow invocations of ${r.function} finish instead of timing out`;
    case 'addProxy':
      return `pool ${r.database}'s connections: environments share them instead of holding one each`;
    case 'throughProxy':
      return `${r.function} connects through the proxy`;
    case 'largerInstance':
      return (
        `more vCPUs (${r.vcpus}) and memory (${r.memoryGiB} GiB)` +
        (r.maxConnections !== null ? `, max_connections ${r.maxConnections}` : '')
      );
    case 'largerProxyPool':
      return `a larger share of the database's connections for the proxy's pool`;
    case 'provisionedPollers':
      return (
        `${r.function}'s pollers on ${r.queue} in provisioned mode scale 3 x faster (1,000 concurrent ` +
        'invocations a minute) and up to 10 invocations per event poller, billed per poller-hour'
      );
    case 'maximumConcurrencyAtReserved':
      return (
        `${r.function}'s pollers on ${r.queue} stop at its reserved concurrency, as AWS advises: batches wait ` +
        'in the queue instead of being throttled and retried with backoff (no charge for the setting)'
      );
    case 'moreMaximumConcurrency':
      return (
        `${r.function}'s pollers on ${r.queue} run more batches at once, no more than its reserved concurrency ` +
        '(AWS: a higher cap gets batches throttled; no charge for the setting)'
      );
    case 'inFlightQuota':
      return `ask AWS Support for a higher in-flight quota on ${r.queue}: at it, receives get nothing`;
    case 'moreStreamLanes':
      return (
        `more batches of ${r.stream} at once for ${r.function}: each shard read by that many lanes ` +
        '(records of a partition key stay in order)'
      );
    case 'moreShards':
      return (
        `more shards in ${r.stream}: more batches at once for its consumers and more write capacity ` +
        '(1,000 records/s each), billed per shard-hour'
      );
    case 'shorterVisibility':
      return (
        `failed messages on ${r.queue} are received again sooner: 6 x the consumers' timeout ` +
        `(${formatMs(r.consumerTimeoutMs)}), the least AWS advises`
      );
  }
}

/** A change as plan.json writes it: the setting, its values and the reason's sentence. */
export const changeJson = (c: Change) => ({
  setting: c.setting,
  from: c.from,
  to: c.to,
  reason: changeReasonText(c.reason),
});

/** A verified alternative (or the search's furthest point) as plan.json writes it. */
export const alternativeJson = (a: PlanAlternative) => ({
  changes: a.changes.map(changeJson),
  meets: a.meets,
  confidence: a.confidence,
  replications: a.replications,
  monthlyCostUsd: a.monthlyCostUsd,
});

/** `every SLO met (p99 412 ms for ≤ 500 ms, ...), confidence 97% over 5 replications`. */
export function verifiedText(e: Evaluation): string {
  const parts = e.metrics.flatMap((m) => {
    if (m.mean === null) return [];
    const { metric, max } = m.objective;
    return [`${metric} ${formatSloValue(metric, m.mean)} for ≤ ${formatSloValue(metric, max)}`];
  });
  return (
    `${e.meets ? 'every SLO met' : 'SLOs still missed'} (${parts.join(', ')}), confidence ` +
    `${Math.round(e.confidence * 100)}% over ${e.replications} replications`
  );
}

/** Why a recommended change, and how it was verified at the target load. */
export function changeReason(p: PlanResult, r: PlanRecommendation): string {
  const verified = p.target.verified;
  if (!verified) throw new Error('plan result: recommendations without a verifying evaluation');
  return `${changeReasonText(r.reason)}; verified at ${Number(p.target.scale.toPrecision(4))}x the traffic: ${verifiedText(verified)}`;
}
