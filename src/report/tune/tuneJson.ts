/**
 * tune.json (the output contract of `lamsim tune`, README "Outputs"): the contract's keys first and in its order, then
 * lamsim's extensions. Pure; two-space JSON and a final newline. Nothing depends on the clock, so
 * the same scenario, seed and options give the same bytes.
 */
import type { TunePoint, TuneResult } from '../../experiments/index.ts';
import { tuneReason, violationText } from './tuneReason.ts';

function pointJson(p: TunePoint) {
  return {
    memoryMb: p.memoryMb,
    architecture: p.architecture,
    durationMs: p.durationMs,
    latencyMs: p.latencyMs,
    costUsdPerInvocation: p.costUsdPerInvocation,
    coldStartRate: p.coldStartRate,
    timedOut: p.timedOut,
    failed: p.failed,
    invocations: p.invocations,
    throttled: p.throttled,
    throttleRate: p.throttleRate,
    succeeded: p.succeeded,
    errorRate: p.errorRate,
    timeoutRate: p.timeoutRate,
    costUsdPerRequestServed: p.costUsdPerRequestServed,
    served: p.served,
    servedUnit: p.servedUnit,
    lambdaCostUsd: p.lambdaCostUsd,
    peakConcurrency: p.peakConcurrency,
    windowCostUsd: p.windowCostUsd,
    monthlyCostUsd: p.monthlyCostUsd,
    meetsConstraints: p.meetsConstraints,
    violations: p.violations.map(violationText),
    current: p.current,
    seed: p.seed,
    scenarioHash: p.scenarioHash,
  };
}

export function tuneJsonValue(r: TuneResult) {
  const rec = r.recommendation;
  return {
    function: r.function,
    strategy: r.strategy,
    weight: r.weight,
    points: r.points.map(pointJson),
    recommendation: {
      memoryMb: rec.memoryMb,
      architecture: rec.architecture,
      reason: tuneReason(r),
      meetsConstraints: rec.meetsConstraints,
      costUsdPerInvocation: rec.costUsdPerInvocation,
      costUsdPerRequestServed: rec.costUsdPerRequestServed,
      meanDurationMs: rec.meanDurationMs,
      monthlyCostUsd: rec.monthlyCostUsd,
      vsCurrent: rec.vsCurrent,
      limitedBy: rec.limitedBy,
    },
    powerTuning: r.powerTuning,
    scenario: r.scenario,
    seed: r.seed,
    constraints: r.constraints,
    current: pointJson(r.current),
    ...(r.fromPowerTuning ? { fromPowerTuning: r.fromPowerTuning } : {}),
    costsLeftOut: r.costsLeftOut,
    provenance: r.provenance,
  };
}

export function tuneJson(r: TuneResult): string {
  return `${JSON.stringify(tuneJsonValue(r), null, 2)}\n`;
}
