/**
 * Evaluating a scenario against SLOs at a traffic scale, with replications: independent runs
 * (replication r uses seed `replicationSeed(seed, r)`; r = 0 is the scenario's own seed) until
 * the verdict is trusted at the requested confidence or the replication budget is spent.
 *
 * Common random numbers across scales and configurations: replication r has the same seed at
 * every scale and in every variant, so two evaluations differ by the change, not by the draw.
 *
 * The verdict: the scenario meets the SLOs when, for every objective, the mean over replications
 * of the (worst-function) metric is at most the objective. Its confidence is the one-sided t
 * probability that the true mean lies on the verdict's side: for "meets", the smallest such
 * probability over the objectives (all must hold); for "fails", the largest over the failing
 * ones (one suffices).
 */
import { Rng } from '../../engine/index.ts';
import { present } from '../../result.ts';
import type { Summary } from '../../results/index.ts';
import type { Scenario, SloObjective } from '../../scenario/index.ts';
import { peakRate, scaleTraffic } from '../edits.ts';
import type { Runner } from '../runners.ts';
import { checkObjectives } from '../slo.ts';
import { confidenceBelow, type MeanAndError, meanAndError } from '../statistics.ts';

export interface ReplicationSettings {
  /** Replications run at first (default 3). */
  readonly minReplications: number;
  /** Replications at most per evaluation (default 10). */
  readonly maxReplications: number;
  /** Confidence a verdict should reach before replications stop (default 0.95). */
  readonly confidence: number;
}

export const DEFAULT_REPLICATION_SETTINGS: ReplicationSettings = {
  minReplications: 3,
  maxReplications: 10,
  confidence: 0.95,
};

/** The seed of replication r: the scenario's own for r = 0, else derived from it by name. */
export function replicationSeed(seed: number, r: number): number {
  if (r === 0) return seed;
  return Math.floor(Rng.fromSeed(seed).fork(`replication:${r}`).next() * 2 ** 32);
}

export interface MetricEstimate {
  readonly objective: SloObjective;
  /** Per replication, the worst function's value (null: not measured). */
  readonly values: readonly (number | null)[];
  /** Mean over the replications that measured it; null when none did. */
  readonly mean: number | null;
  readonly standardError: number;
  /** P(true mean <= objective) by the t distribution; 1 when not measured. */
  readonly confidenceMeets: number;
  readonly meets: boolean;
  /** The function with the worst value in most replications (null for scenario-wide metrics). */
  readonly function: string | null;
}

export interface Evaluation {
  readonly scale: number;
  /** The scaled traffic's peak total arrival rate, per second. */
  readonly peakRate: number;
  readonly replications: number;
  readonly metrics: readonly MetricEstimate[];
  /**
   * The guards (throttleRate, errorRate at 1 % unless an objective bounds them; see plan.ts):
   * measured like objectives but never part of the verdict, so the plan can say when the load it
   * reports as held throttles or fails requests that the objectives (latency covers only
   * successful requests) do not see.
   */
  readonly guards: readonly MetricEstimate[];
  readonly meets: boolean;
  /** Confidence in the verdict (see the module comment). */
  readonly confidence: number;
  readonly monthlyCostUsd: MeanAndError;
  readonly windowCostUsd: MeanAndError;
  /** The runs' summaries, for evidence (bottleneck rules); not part of plan.json. */
  readonly summaries: readonly Summary[];
}

function estimate(
  objective: SloObjective,
  summaries: readonly Summary[],
  functions: readonly string[],
): MetricEstimate {
  const checks = summaries.map((s) => checkObjectives([objective], s, functions)[0]);
  const values = checks.map((c) => c.value);
  const measured = values.filter((v): v is number => v !== null);
  const counts = new Map<string, number>();
  for (const c of checks) if (c.function !== null) counts.set(c.function, (counts.get(c.function) ?? 0) + 1);
  const fn = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (measured.length === 0) {
    return { objective, values, mean: null, standardError: 0, confidenceMeets: 1, meets: true, function: fn };
  }
  const m = meanAndError(measured);
  return {
    objective,
    values,
    mean: m.mean,
    standardError: Number.isFinite(m.se) ? m.se : 0,
    confidenceMeets: confidenceBelow(m, objective.max),
    meets: m.mean <= objective.max,
    function: fn,
  };
}

/** The verdict and its confidence from the metric estimates. */
export function verdict(metrics: readonly MetricEstimate[]): { meets: boolean; confidence: number } {
  const meets = metrics.every((m) => m.meets);
  if (meets) return { meets, confidence: Math.min(1, ...metrics.map((m) => m.confidenceMeets)) };
  return {
    meets,
    confidence: Math.max(...metrics.filter((m) => !m.meets).map((m) => 1 - m.confidenceMeets)),
  };
}

export function evaluation(
  scale: number,
  scaled: Scenario,
  summaries: readonly Summary[],
  objectives: readonly SloObjective[],
  functions: readonly string[],
  guards: readonly SloObjective[] = [],
): Evaluation {
  const metrics = objectives.map((o) => estimate(o, summaries, functions));
  return {
    scale,
    peakRate: peakRate(scaled),
    replications: summaries.length,
    metrics,
    guards: guards.map((o) => estimate(o, summaries, functions)),
    ...verdict(metrics),
    monthlyCostUsd: meanAndError(summaries.map((s) => s.cost.monthly.totalUsd)),
    windowCostUsd: meanAndError(summaries.map((s) => s.cost.window.totalUsd)),
    summaries,
  };
}

/** Progress of an evaluator: simulation runs finished so far. */
export type RunCounter = (runs: number) => void;

/**
 * Runs evaluations on a Runner, replications in batches (the runner may run a batch in parallel).
 * Evaluations are cached by (scenario, scale): asking twice costs nothing. Runs are cached by
 * (scenario, scale, replication) too, so a scout (`scout`: replication 0 alone) is the first
 * replication of the full evaluation of the same input, not an extra run. Every run is a pure
 * function of its input, so what an evaluation holds does not depend on what was asked before it.
 */
export class Evaluator {
  private readonly cache = new Map<string, Promise<Evaluation>>();
  private readonly scouts = new Map<string, Promise<Evaluation>>();
  private readonly runCache = new Map<string, Promise<Summary>>();
  /** Simulation runs made so far (each (scenario, scale, replication) once). */
  runs = 0;

  constructor(
    private readonly runner: Runner,
    readonly objectives: readonly SloObjective[],
    /** Functions whose per-function metrics count (the worst one decides). */
    readonly functions: readonly string[],
    readonly settings: ReplicationSettings = DEFAULT_REPLICATION_SETTINGS,
    private readonly onRuns?: RunCounter,
    /** Metrics measured at every evaluation but outside the verdict (Evaluation.guards). */
    readonly guards: readonly SloObjective[] = [],
  ) {}

  evaluate(scenario: Scenario, scale: number): Promise<Evaluation> {
    const key = `${scale}\u0000${JSON.stringify(scenario)}`;
    let cached = this.cache.get(key);
    if (!cached) {
      cached = this.compute(scenario, scale, key);
      this.cache.set(key, cached);
    }
    return cached;
  }

  /**
   * The evaluation of replication 0 alone: a cheap first look at the verdict (a search's scout),
   * never a verdict to report. Its run is the first replication of `evaluate` of the same input.
   */
  scout(scenario: Scenario, scale: number): Promise<Evaluation> {
    const key = `${scale}\u0000${JSON.stringify(scenario)}`;
    let cached = this.scouts.get(key);
    if (!cached) {
      const scaled = scale === 1 ? scenario : scaleTraffic(scenario, scale);
      cached = this.replications(scenario, scaled, key, 0, 1).then((summaries) =>
        evaluation(scale, scaled, summaries, this.objectives, this.functions, this.guards),
      );
      this.scouts.set(key, cached);
    }
    return cached;
  }

  /** Summaries of replications `from` .. `from + count - 1`, running only those not run yet (in one batch). */
  private replications(
    scenario: Scenario,
    scaled: Scenario,
    key: string,
    from: number,
    count: number,
  ): Promise<Summary[]> {
    const missing: number[] = [];
    for (let r = from; r < from + count; r++) if (!this.runCache.has(`${key}\u0000${r}`)) missing.push(r);
    if (missing.length > 0) {
      const batch = this.runner
        .run(missing.map((r) => ({ ...scaled, seed: replicationSeed(scenario.seed, r) })))
        .then((runs) => {
          this.runs += runs.length;
          this.onRuns?.(this.runs);
          return runs;
        });
      for (const [i, r] of missing.entries()) {
        const run = batch.then((runs) => runs[i]);
        run.catch(() => {}); // surfaces where it is awaited, below or by a later evaluation
        this.runCache.set(`${key}\u0000${r}`, run);
      }
    }
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        present(this.runCache.get(`${key}\u0000${from + i}`), 'a cached replication'),
      ),
    );
  }

  private async compute(scenario: Scenario, scale: number, key: string): Promise<Evaluation> {
    const scaled = scale === 1 ? scenario : scaleTraffic(scenario, scale);
    const { minReplications, maxReplications, confidence } = this.settings;
    const summaries: Summary[] = [];
    let batch = Math.max(1, Math.min(minReplications, maxReplications));
    for (;;) {
      summaries.push(...(await this.replications(scenario, scaled, key, summaries.length, batch)));
      const e = evaluation(scale, scaled, summaries, this.objectives, this.functions, this.guards);
      if (e.confidence >= confidence || summaries.length >= maxReplications) return e;
      batch = Math.min(2, maxReplications - summaries.length);
    }
  }
}
