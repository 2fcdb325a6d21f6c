/**
 * plan.json (the output contract of `lamsim plan`, README "Outputs"): the contract's keys first and in its order, then
 * lamsim's extensions. Pure; two-space JSON and a final newline; no wall-clock data.
 */
import type { Evaluation, PlanResult } from '../../experiments/index.ts';
import { objectivesJson, SLO_METRIC_INFO } from '../../experiments/index.ts';
import { alternativeJson, changeReason } from './changeText.ts';
import { findingEvidence, findingJson } from './findingText.ts';
import { failedRemedyText, warningText } from './guardText.ts';

export function evaluationJson(e: Evaluation) {
  return {
    scale: e.scale,
    peakRate: e.peakRate,
    meets: e.meets,
    confidence: e.confidence,
    replications: e.replications,
    metrics: Object.fromEntries(
      e.metrics.map((m) => [
        SLO_METRIC_INFO[m.objective.metric].jsonKey,
        {
          mean: m.mean,
          standardError: m.standardError,
          confidenceMeets: m.confidenceMeets,
          meets: m.meets,
          function: m.function,
        },
      ]),
    ),
    guards: Object.fromEntries(
      e.guards.map((m) => [
        SLO_METRIC_INFO[m.objective.metric].jsonKey,
        { mean: m.mean, standardError: m.standardError, exceeded: !m.meets, function: m.function },
      ]),
    ),
    monthlyCostUsd: e.monthlyCostUsd.mean,
  };
}

/**
 * A scouted step of the search: one run (replication 0, the scenario's own seed), each objective's
 * and guard's value in it (the worst function), and whether every objective held in that run — the
 * way the search went, not a verdict (no mean, no confidence).
 */
export function scoutJson(e: Evaluation) {
  const values = (ms: Evaluation['metrics']) =>
    Object.fromEntries(ms.map((m) => [SLO_METRIC_INFO[m.objective.metric].jsonKey, m.values[0] ?? null]));
  return {
    scale: e.scale,
    peakRate: e.peakRate,
    replication: 0,
    withinObjectives: e.meets,
    metrics: values(e.metrics),
    guards: values(e.guards),
  };
}

const bound = (e: Evaluation | null) =>
  e ? { scale: e.scale, peakRate: e.peakRate, confidence: e.confidence, replications: e.replications } : null;

export function planJsonValue(p: PlanResult) {
  const lo = p.search.lo;
  const hi = p.search.hi;
  const chosen = p.alternatives[0];
  return {
    slo: objectivesJson(p.objectives),
    baseline: {
      peakRate: p.baseline.peakRate,
      meets: p.baseline.meets,
      confidence: p.baseline.confidence,
      replications: p.baseline.replications,
      metrics: evaluationJson(p.baseline).metrics,
    },
    maxSustainable: {
      scale: lo?.scale ?? 0,
      peakRate: lo?.peakRate ?? 0,
      /** Confidence that every SLO holds there. */
      confidence: lo?.confidence ?? null,
      /** The smallest load found to break an SLO, with the confidence that it does. */
      upperBound: bound(hi),
      /** A load whose verdict stayed uncertain at the replication budget: the breaking point is about there. */
      inconclusiveAt: bound(p.search.inconclusive),
      stop: p.search.stop,
      tolerance: p.search.tolerance,
      /** Why no larger load was tried when `stop` is `backlog`: the queue that would hold too many messages. */
      backlog: p.search.backlog,
    },
    bottleneck: p.bottleneck?.bottleneck ?? null,
    recommendations: p.recommendations.map((r) => ({
      setting: r.setting,
      from: r.from,
      to: r.to,
      reason: changeReason(p, r),
      monthlyCostUsd: r.monthlyCostUsd,
    })),
    monthlyCostUsd: {
      baseline: p.baseline.monthlyCostUsd.mean,
      atMaxSustainable: lo?.monthlyCostUsd.mean ?? null,
      atTarget: p.target.before.monthlyCostUsd.mean,
      atTargetWithRecommendations: chosen ? chosen.monthlyCostUsd : null,
    },
    /** What every peakRate counts per second: requests, events, messages, records, objects or arrivals. */
    arrivalUnit: p.arrivalUnit,
    /** How each function is invoked (requests, events, batches): what its rates and counts count. */
    invokedAs: p.invokedAs,
    bottleneckEvidence: p.bottleneck ? findingEvidence(p.bottleneck) : null,
    findings: p.findings.map(findingJson),
    target: {
      scale: p.target.scale,
      peakRate: p.target.peakRate,
      meets: p.target.before.meets,
      confidence: p.target.before.confidence,
      bottleneck: p.target.bottleneck?.bottleneck ?? null,
      evidence: p.target.bottleneck ? findingEvidence(p.target.bottleneck) : null,
    },
    alternatives: p.alternatives.map(alternativeJson),
    partial: p.partial ? alternativeJson(p.partial) : null,
    failedRemedies: p.failedRemedies.map((f) => ({ ...f, reason: failedRemedyText(f) })),
    guards: objectivesJson(p.guards),
    warnings: p.warnings.map((w) => ({
      metric: w.objective.metric,
      max: w.objective.max,
      firstExceeded: w.firstExceeded,
      lastHeld: w.lastHeld,
      exceededAbove: w.exceededAbove,
      withinHeadroom: w.withinHeadroom,
      atTarget: w.atTarget,
      message: warningText(p, w),
    })),
    costsLeftOut: p.costsLeftOut,
    evaluations: p.evaluations.map(evaluationJson),
    scouts: p.scouts.map(scoutJson),
    replications: p.replicationSettings,
    scenario: p.scenario,
    seed: p.seed,
    runs: p.runs,
    provenance: p.provenance,
  };
}

export function planJson(p: PlanResult): string {
  return `${JSON.stringify(planJsonValue(p), null, 2)}\n`;
}
