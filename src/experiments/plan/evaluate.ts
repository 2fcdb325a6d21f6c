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
import type { AheadRun } from '../runQueue.ts';
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

/** The cache key of (scenario, scale). */
const keyOf = (scenario: Scenario, scale: number) => `${scale}\u0000${JSON.stringify(scenario)}`;

/** The scenario with its traffic scaled by `scale` (itself at 1). */
const scaledAt = (scenario: Scenario, scale: number) =>
  scale === 1 ? scenario : scaleTraffic(scenario, scale);

/** Progress of an evaluator: simulation runs finished so far. */
export type RunCounter = (runs: number) => void;

/**
 * Runs evaluations on a Runner, replications in batches (the runner may run a batch in parallel).
 * Evaluations are cached by (scenario, scale): asking twice costs nothing. Runs are cached by
 * (scenario, scale, replication) too, so a scout (`scout`: replication 0 alone) is the first
 * replication of the full evaluation of the same input, not an extra run. Every run is a pure
 * function of its input, so what an evaluation holds does not depend on what was asked before it.
 *
 * Runs asked ahead (`ahead`, on a runner that has idle threads to fill; ./lookahead.ts): a run a
 * search may ask next, run only on a thread nothing else waits for. It is counted in `runs`, and
 * its summary used, only when an evaluation or scout asks for it (`claim`); one never asked is
 * dropped before it starts or, once started, kept for a later ask. So `runs` and every evaluation
 * are those of the same searches without runs asked ahead, whatever the timing.
 */
export class Evaluator {
  private readonly cache = new Map<string, Promise<Evaluation>>();
  private readonly scouts = new Map<string, Promise<Evaluation>>();
  private readonly runCache = new Map<string, Promise<Summary>>();
  /** Runs asked ahead and not asked for yet, by the runCache's key. */
  private readonly aheadRuns = new Map<string, AheadRun<Summary>>();
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
    /**
     * The scale whose replication 0 is asked to share arrivals (BatchOptions.sharedArrivals; null:
     * none): a plan's target, where the recommendation's walks run one variant after the other on
     * replication 0 (its scouts), and a knob's change leaves the traffic as it is, so they all have
     * the same arrivals. Only replication 0, so a thread keeps one set of them (the other
     * replications, fewer, would replace it). Only a matter of time: the summaries are the same.
     */
    private readonly sharedArrivalsScale: number | null = null,
  ) {}

  /** Whether replication `r` at `scale` shares arrivals (see sharedArrivalsScale). */
  private sharesArrivals(scale: number, r: number): boolean {
    return scale === this.sharedArrivalsScale && r === 0;
  }

  /** Replications in a full evaluation's first batch (then 2 more at a time until trusted). */
  private firstBatch(): number {
    const { minReplications, maxReplications } = this.settings;
    return Math.max(1, Math.min(minReplications, maxReplications));
  }

  evaluate(scenario: Scenario, scale: number): Promise<Evaluation> {
    const key = keyOf(scenario, scale);
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
    const key = keyOf(scenario, scale);
    let cached = this.scouts.get(key);
    if (!cached) {
      const scaled = scaledAt(scenario, scale);
      cached = this.replications(scenario, scaled, scale, key, 0, 1).then((summaries) =>
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
    scale: number,
    key: string,
    from: number,
    count: number,
  ): Promise<Summary[]> {
    const missing: number[] = [];
    for (let r = from; r < from + count; r++) {
      const runKey = `${key}\u0000${r}`;
      if (this.runCache.has(runKey)) continue;
      const ahead = this.aheadRuns.get(runKey);
      if (ahead) this.claim(runKey, ahead);
      else missing.push(r);
    }
    if (missing.length > 0) {
      const batch = this.runner
        .run(
          missing.map((r) => ({ ...scaled, seed: replicationSeed(scenario.seed, r) })),
          undefined,
          { sharedArrivals: missing.map((r) => this.sharesArrivals(scale, r)) },
        )
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

  /** Asks ahead the run of `scout(scenario, scale)` (see `ahead` for the release returned). */
  aheadScout(scenario: Scenario, scale: number): () => void {
    return this.ahead(scenario, scale, 0, 1);
  }

  /**
   * Asks ahead the runs a full evaluation of (scenario, scale) makes in its first batch besides its
   * scout's (replication 0): those that confirm a scouted end (see `ahead` for the release).
   */
  aheadConfirming(scenario: Scenario, scale: number): () => void {
    return this.ahead(scenario, scale, 1, this.firstBatch() - 1);
  }

  /**
   * Asks replications `from` .. `from + count - 1` of (scenario, scale) ahead of need, those not
   * asked yet (a no-op on a runner without `ahead`). Returns the release: called when the search
   * knows whether it needs them, it drops those still waiting that nothing asked for.
   */
  private ahead(scenario: Scenario, scale: number, from: number, count: number): () => void {
    const ahead = this.runner.ahead?.bind(this.runner);
    if (!ahead) return () => {};
    const key = keyOf(scenario, scale);
    const scaled = scaledAt(scenario, scale);
    const asked: string[] = [];
    for (let r = from; r < from + count; r++) {
      const runKey = `${key}\u0000${r}`;
      if (this.runCache.has(runKey) || this.aheadRuns.has(runKey)) continue;
      const run = ahead(
        { ...scaled, seed: replicationSeed(scenario.seed, r) },
        { sharedArrivals: this.sharesArrivals(scale, r) },
      );
      run.result.catch(() => {}); // surfaces where it is asked for, if it is
      this.aheadRuns.set(runKey, run);
      asked.push(runKey);
    }
    return () => {
      for (const runKey of asked) {
        if (this.aheadRuns.get(runKey)?.drop()) this.aheadRuns.delete(runKey);
      }
    };
  }

  /** A run asked ahead is asked for: it is one of this evaluator's runs from now on. */
  private claim(runKey: string, ahead: AheadRun<Summary>): void {
    this.aheadRuns.delete(runKey);
    ahead.claim();
    this.runCache.set(
      runKey,
      ahead.result.then((summary) => {
        this.runs += 1;
        this.onRuns?.(this.runs);
        return summary;
      }),
    );
  }

  private async compute(scenario: Scenario, scale: number, key: string): Promise<Evaluation> {
    const scaled = scaledAt(scenario, scale);
    const { maxReplications, confidence } = this.settings;
    const summaries: Summary[] = [];
    let batch = this.firstBatch();
    for (;;) {
      summaries.push(...(await this.replications(scenario, scaled, scale, key, summaries.length, batch)));
      const e = evaluation(scale, scaled, summaries, this.objectives, this.functions, this.guards);
      if (e.confidence >= confidence || summaries.length >= maxReplications) return e;
      batch = Math.min(2, maxReplications - summaries.length);
    }
  }
}
