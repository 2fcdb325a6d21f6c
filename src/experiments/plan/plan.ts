/**
 * Capacity planning (`lamsim plan`): how much more traffic the scenario takes before an SLO
 * breaks, what breaks first, and the cheapest verified change that holds every SLO at a target
 * load. Scales every traffic phase's rates by a factor (`lamsim plan`, README); runs go through a
 * Runner (in-process or a worker pool: the result does not depend on which).
 */
import type { MonthlyBasis } from '../../billing/index.ts';
import { err, ok, present, type Result } from '../../result.ts';
import { type InvocationKind, provenanceOf } from '../../results/index.ts';
import {
  formatDuration,
  type Scenario,
  type SloObjective,
  unmeasurableBecause,
} from '../../scenario/index.ts';
import { type ArrivalUnit, arrivalUnit } from '../arrivalUnit.ts';
import { backlogText, largestBacklog } from '../backlogEstimate.ts';
import { type CostLeftOut, costsLeftOut } from '../costsLeftOut.ts';
import { peakRate, scaleTraffic } from '../edits.ts';
import { inProcessRunner, type Runner } from '../runners.ts';
import { countText, estimateSize } from '../sizeCheck.ts';
import { mergeObjectives } from '../slo.ts';
import { trafficFunctions } from '../trafficFunctions.ts';
import { type BottleneckFinding, findBottlenecks } from './bottleneck.ts';
import {
  DEFAULT_REPLICATION_SETTINGS,
  type Evaluation,
  Evaluator,
  type ReplicationSettings,
} from './evaluate.ts';
import { DEFAULT_GUARDS, type GuardWarning, guardWarnings } from './guards.ts';
import type { Change } from './knobs.ts';
import { type Alternative, type FailedRemedy, recommendAt } from './recommend.ts';
import {
  DEFAULT_SEARCH_SETTINGS,
  type SearchBacklog,
  type SearchSettings,
  type SearchStop,
  searchBreakingPoint,
} from './search.ts';

export interface PlanOptions {
  /** Objectives added to (or replacing, metric by metric) the scenario's `slo:` block. */
  readonly slo?: readonly SloObjective[];
  /** Target load as a peak total arrival rate (per second)... */
  readonly targetRate?: number;
  /** ...or as a factor on the scenario's traffic (default 2). */
  readonly targetScale?: number;
  readonly replications?: Partial<ReplicationSettings>;
  readonly search?: Partial<SearchSettings>;
  /** Changes combined at most when no single change suffices (default 3). */
  readonly maxChanges?: number;
  /** Called with the number of simulation runs so far. */
  readonly onRuns?: (runs: number) => void;
}

export const DEFAULT_TARGET_SCALE = 2;

export interface PlanRecommendation extends Change {
  /** Monthly cost at the target load without and with the recommended changes (all of them). */
  readonly monthlyCostUsd: { readonly before: number; readonly after: number };
}

export interface PlanAlternative {
  readonly changes: readonly Change[];
  readonly meets: boolean;
  readonly confidence: number;
  readonly replications: number;
  readonly monthlyCostUsd: number;
}

export interface PlanResult {
  readonly scenario: string;
  readonly seed: number;
  /** What every `peakRate` of the plan counts per second (requests, messages, records, ...). */
  readonly arrivalUnit: ArrivalUnit;
  /**
   * How each function is invoked (requests, events, batches; the run summary's `invokedAs`, the
   * same at every load): what its per-function counts and rates (throttleRate, errorRate) count.
   */
  readonly invokedAs: Readonly<Record<string, readonly InvocationKind[]>>;
  readonly objectives: readonly SloObjective[];
  readonly baseline: Evaluation;
  readonly search: {
    readonly lo: Evaluation | null;
    readonly hi: Evaluation | null;
    readonly inconclusive: Evaluation | null;
    readonly stop: SearchStop;
    readonly tolerance: number;
    /** When the search stopped at `backlog`: the queue and its estimate at the load not tried. */
    readonly backlog: SearchBacklog | null;
    /** The messages a queue may hold at once in one of the search's runs (SearchSettings.maxHeldMessagesPerRun). */
    readonly heldMessagesLimit: number;
  };
  readonly bottleneck: BottleneckFinding | null;
  /** Every finding at the breaking point, most important first. */
  readonly findings: readonly BottleneckFinding[];
  readonly target: {
    readonly scale: number;
    readonly peakRate: number;
    readonly before: Evaluation;
    /** The bottleneck at the target load when it fails there. */
    readonly bottleneck: BottleneckFinding | null;
    /** The evaluation that verified the recommended changes at the target load (null: none). */
    readonly verified: Evaluation | null;
  };
  readonly recommendations: readonly PlanRecommendation[];
  /** Verified alternatives, cheapest first (the first one is `recommendations`). */
  readonly alternatives: readonly PlanAlternative[];
  /** When no combination met every SLO at the target: how far the search got. */
  readonly partial: PlanAlternative | null;
  /** Remedies tried at the target that did not meet every SLO, with why. */
  readonly failedRemedies: readonly FailedRemedy[];
  /** Guards watched (DEFAULT_GUARDS less the metrics the objectives bound and those the scenario cannot produce). */
  readonly guards: readonly SloObjective[];
  /** Guards exceeded where the SLOs are reported to hold or at the target. */
  readonly warnings: readonly GuardWarning[];
  /** Costs the monthly figures leave out (e.g. database instance hours lamsim cannot price). */
  readonly costsLeftOut: readonly CostLeftOut[];
  /** How every monthly figure makes a month of the window (the baseline run's; every load shares the window). */
  readonly monthlyBasis: MonthlyBasis;
  /** Every full evaluation of the search (by scale) and at the target. */
  readonly evaluations: readonly Evaluation[];
  /** The search's scouted steps (one run each, replication 0; not verdicts), by scale. */
  readonly scouts: readonly Evaluation[];
  readonly replicationSettings: ReplicationSettings;
  readonly provenance: { readonly version: string; readonly scenarioHash: string };
  readonly runs: number;
}

const alternativeOf = (a: Alternative): PlanAlternative => ({
  changes: a.changes,
  meets: a.evaluation.meets,
  confidence: a.evaluation.confidence,
  replications: a.evaluation.replications,
  monthlyCostUsd: a.evaluation.monthlyCostUsd.mean,
});

/** Checks the plan's inputs; user errors as values. */
/** A traffic source that replays a trace: plan scales phases only, so it cannot plan on it. */
export interface TracedTraffic {
  readonly name: string;
  /** Its index in `scenario.traffic` (the written list's, for a scenario written by hand). */
  readonly index: number;
  /** The trace's arrivals per second over the window: the rate of phases that replace it. */
  readonly meanPerSecond: number;
  /** The scenario's window, ms (the phases' duration). */
  readonly windowMs: number;
}

export function tracedTraffic(scenario: Scenario): TracedTraffic[] {
  return scenario.traffic.flatMap((t, index) =>
    t.arrivals.kind === 'trace'
      ? [
          {
            name: t.name,
            index,
            meanPerSecond: (t.arrivals.timesMs.length * 1000) / scenario.durationMs,
            windowMs: scenario.durationMs,
          },
        ]
      : [],
  );
}

/** What is wrong with a traced source for plan, and the phases that would replace it. */
export function tracedTrafficProblem(t: TracedTraffic): string {
  const rate = Number(t.meanPerSecond.toPrecision(3));
  return (
    `traffic ${t.name} replays a trace, whose arrival times plan cannot scale; plan needs phases: ` +
    `replace trace: with phases (the trace's mean over the window is ${rate}/s: ` +
    `phases: [{ duration: ${formatDuration(t.windowMs)}, arrivalRate: ${rate} }], or fit its shape from logs with lamsim calibrate --traffic phases), ` +
    'and replay the trace itself with lamsim run'
  );
}

export function planProblems(
  scenario: Scenario,
  objectives: readonly SloObjective[],
  options: PlanOptions,
): string | null {
  if (objectives.length === 0) {
    return 'no SLO to plan for: give --slo (e.g. --slo p99=500ms --slo throttleRate=1%) or write an slo: block';
  }
  const traced = tracedTraffic(scenario);
  if (traced.length > 0) return traced.map(tracedTrafficProblem).join('; ');
  if (!(peakRate(scenario) > 0)) return 'the scenario has no traffic to scale';
  if (options.targetRate !== undefined && options.targetScale !== undefined) {
    return 'give --target-rate or --target-scale, not both';
  }
  if (options.targetRate !== undefined && !(options.targetRate > 0)) return '--target-rate must be > 0';
  if (options.targetScale !== undefined && !(options.targetScale > 0)) return '--target-scale must be > 0';
  // The target load is simulated too: refuse one too large to simulate before searching (issue 17:
  // --target-scale 1e300 ran for minutes printing nothing).
  const targetScale =
    options.targetRate !== undefined
      ? options.targetRate / peakRate(scenario)
      : (options.targetScale ?? DEFAULT_TARGET_SCALE);
  const limit = options.search?.maxInvocationsPerRun ?? DEFAULT_SEARCH_SETTINGS.maxInvocationsPerRun;
  const estimate = Number.isFinite(targetScale)
    ? estimateSize(scaleTraffic(scenario, targetScale), limit).invocations
    : Number.POSITIVE_INFINITY;
  if (!(estimate <= limit)) {
    const scaleText = Number.isFinite(targetScale)
      ? `${countText(targetScale)} x`
      : 'an infinite multiple of';
    return (
      `the target load (${scaleText} today's traffic) would simulate ` +
      `${Number.isFinite(estimate) ? `about ${countText(estimate)}` : 'an unbounded number of'} ` +
      `invocations and calls per run, above the limit of ${countText(limit)}: lower --target-scale ` +
      'or --target-rate, or raise --max-invocations'
    );
  }
  const heldLimit = options.search?.maxHeldMessagesPerRun ?? DEFAULT_SEARCH_SETTINGS.maxHeldMessagesPerRun;
  const held = largestBacklog(scaleTraffic(scenario, targetScale));
  if (held !== null && held.heldMessages > heldLimit) {
    return (
      `at the target load (${countText(targetScale)} x today's traffic) ${backlogText(held, heldLimit)} ` +
      'for a run of the search: lower --target-scale or --target-rate'
    );
  }
  return null;
}

export async function plan(
  scenario: Scenario,
  options: PlanOptions = {},
  runner: Runner = inProcessRunner(),
): Promise<Result<PlanResult, string>> {
  const objectives = mergeObjectives(scenario.slo, options.slo ?? []);
  const problem = planProblems(scenario, objectives, options);
  if (problem) return err(problem);
  const replicationSettings = { ...DEFAULT_REPLICATION_SETTINGS, ...options.replications };
  const searchSettings = { ...DEFAULT_SEARCH_SETTINGS, ...options.search };
  const functions = trafficFunctions(scenario);
  // A guard on what the scenario cannot produce (lost stream writes without a Kinesis stream) is not watched.
  const guards = DEFAULT_GUARDS.filter(
    (g) => !objectives.some((o) => o.metric === g.metric) && unmeasurableBecause(g.metric, scenario) === null,
  );
  const basePeak = peakRate(scenario);
  const targetScale =
    options.targetRate !== undefined
      ? options.targetRate / basePeak
      : (options.targetScale ?? DEFAULT_TARGET_SCALE);
  // The remedies' variants at the target share arrivals (a knob never changes the traffic).
  const evaluator = new Evaluator(
    runner,
    objectives,
    functions,
    replicationSettings,
    options.onRuns,
    guards,
    targetScale,
  );
  // The breaking point and the target's recommendation do not depend on each other: both at once
  // keep a worker pool busy. Evaluations are cached by input (an evaluation both ask for runs
  // once), so the result and the runs made are those of one after the other. The recommendation
  // is asked first, so its first evaluation starts first: its walks are the longer chain (runs
  // at the target load, twice today's by default; on api-burst its walk of reserved concurrency,
  // 8 runs of ~1 s one after the other, decides when the plan ends).
  const [rec, search] = await Promise.all([
    recommendAt(scenario, targetScale, evaluator, options.maxChanges ?? 3),
    searchBreakingPoint(scenario, evaluator, searchSettings),
  ]);
  const failing = search.hi;
  const findings = failing
    ? findBottlenecks({ scenario: scaleTraffic(scenario, failing.scale), evaluation: failing })
    : [];
  const chosen = rec.alternatives[0];
  const recommendations: PlanRecommendation[] = chosen
    ? chosen.changes.map((c) => ({
        ...c,
        monthlyCostUsd: {
          before: rec.before.monthlyCostUsd.mean,
          after: chosen.evaluation.monthlyCostUsd.mean,
        },
      }))
    : [];
  const evaluations = [...search.evaluations];
  if (!evaluations.some((e) => e.scale === targetScale)) evaluations.push(rec.before);
  evaluations.sort((a, b) => a.scale - b.scale);
  const provenance = provenanceOf(scenario);
  const baselineRun = present(search.baseline.summaries[0], 'the baseline run');
  return ok({
    scenario: scenario.name,
    seed: scenario.seed,
    arrivalUnit: arrivalUnit(scenario),
    invokedAs: Object.fromEntries(
      Object.entries(baselineRun.functions).map(([name, f]) => [name, f.invokedAs]),
    ),
    objectives,
    baseline: search.baseline,
    search: {
      lo: search.lo,
      hi: search.hi,
      inconclusive: search.inconclusive,
      stop: search.stop,
      tolerance: searchSettings.tolerance,
      backlog: search.backlog,
      heldMessagesLimit: searchSettings.maxHeldMessagesPerRun,
    },
    bottleneck: findings[0] ?? null,
    findings,
    target: {
      scale: targetScale,
      peakRate: basePeak * targetScale,
      before: rec.before,
      bottleneck: rec.finding,
      verified: chosen?.evaluation ?? null,
    },
    recommendations,
    alternatives: rec.alternatives.map(alternativeOf),
    partial: rec.partial ? alternativeOf(rec.partial) : null,
    failedRemedies: rec.failed,
    guards,
    warnings: guardWarnings(guards, evaluations, search.lo, rec.before, search.scouts),
    costsLeftOut: costsLeftOut(scenario),
    monthlyBasis: baselineRun.cost.monthly.basis,
    evaluations,
    scouts: search.scouts,
    replicationSettings,
    provenance: { version: provenance.version, scenarioHash: provenance.scenarioHash },
    runs: evaluator.runs,
  });
}
