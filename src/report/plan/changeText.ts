/**
 * The sentences of the planner's recommended changes: each change's reason followed by the
 * verification at the target load (plan.json's `reason`, the report's "why" column). Pure.
 */
import type { Evaluation, PlanRecommendation, PlanResult } from '../../experiments/index.ts';
import { formatSloValue } from '../format.ts';

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
  return `${r.reason}; verified at ${Number(p.target.scale.toPrecision(4))}x the traffic: ${verifiedText(verified)}`;
}
