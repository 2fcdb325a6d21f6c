/**
 * `lamsim diff`: a base and a head scenario run with the same seeds (common random numbers,
 * design principle 4: replication r of both uses seed replicationSeed(seed, r)), so a difference
 * comes from the change, not from the draws. Every compared figure (./measures.ts) gets the mean
 * paired difference head - base over the replications, its 95% confidence interval (Student t,
 * two or more replications) and whether it is significant; the head's budgets are checked
 * (relative ones against the base). Pure: returns data, no sentences.
 */
import type { Budget, Scenario } from '../../scenario/index.ts';
import { type BudgetCheck, brokenBudgets, checkBudgets } from '../budgets.ts';
import { replicationSeed } from '../plan/index.ts';
import { type RunOutput, runScenario } from '../run.ts';
import { type PairedDifference, pairedDifference } from '../statistics.ts';
import { diffMeasures, type MeasureKey } from './measures.ts';

/** Confidence level of the intervals. */
export const DIFF_CONFIDENCE = 0.95;

export interface DiffOptions {
  /** Seed of replication 0 (default: the base scenario's). */
  readonly seed?: number;
  /** Runs per side (default 1: no intervals). */
  readonly replications?: number;
  /** Budgets to check instead of the head scenario's `budgets:`. */
  readonly budgets?: readonly Budget[];
  /** Progress of each run: its side, its replication (0-based) and the fraction simulated (0..1). */
  readonly onProgress?: (side: 'base' | 'head', replication: number, fraction: number) => void;
}

export interface MeasureDelta extends MeasureKey {
  /** Means over the replications; null on the side that lacks the figure (added or removed). */
  readonly base: number | null;
  readonly head: number | null;
  /** head - base with its interval and significance; null when a side lacks the figure. */
  readonly delta: PairedDifference | null;
  /** (head - base) / |base|; null when the base is 0 or a side is missing. */
  readonly relative: number | null;
  /**
   * `worse` / `better`: a significant change the way `better` says is worse or better (with one
   * replication: any non-zero change, significance unknown); `changed`: significant, no better
   * way; `same`: not significant; `added` / `removed`: only in the head / base.
   */
  readonly direction: 'worse' | 'better' | 'changed' | 'same' | 'added' | 'removed';
}

export interface DiffResult {
  readonly seed: number;
  readonly replications: number;
  readonly seeds: readonly number[];
  readonly confidence: number;
  /** The runs, replication 0 first (reports draw their tables and charts from replication 0). */
  readonly base: readonly RunOutput[];
  readonly head: readonly RunOutput[];
  readonly measures: readonly MeasureDelta[];
  readonly budgets: readonly BudgetCheck[];
  /** Counts for the verdict line. */
  readonly verdict: {
    readonly worse: number;
    readonly better: number;
    readonly changed: number;
    readonly budgetsBroken: number;
  };
}

function direction(key: MeasureKey, d: PairedDifference): MeasureDelta['direction'] {
  if (d.significant === false || d.mean === 0) return 'same';
  if (key.better === 'none') return 'changed';
  return d.mean > 0 ? 'worse' : 'better';
}

/** Pairs the figures of the base's and the head's replications (paired by index) into deltas. */
export function measureDeltas(
  base: readonly RunOutput[],
  head: readonly RunOutput[],
  confidence = DIFF_CONFIDENCE,
): MeasureDelta[] {
  const sides = [base, head].map((runs) =>
    runs.map((r) => new Map(diffMeasures(r.summary).map((m) => [m.id, m]))),
  );
  const keys = new Map<string, MeasureKey>();
  for (const side of sides) {
    for (const rep of side) for (const [id, m] of rep) if (!keys.has(id)) keys.set(id, m);
  }
  return [...keys.values()].map((key): MeasureDelta => {
    const values = sides.map((side) => side.map((rep) => rep.get(key.id)?.value ?? null));
    const [b, h] = values.map((vs) =>
      vs.every((v) => v !== null) ? (vs as number[]) : vs.every((v) => v === null) ? null : undefined,
    );
    const { id, scope, subject, measure, unit, better } = key;
    const k = { id, scope, subject, measure, unit, better };
    const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    // A figure present in some replications only (a queue that filled once) counts 0 where absent.
    const filled = (vs: readonly (number | null)[]) => vs.map((v) => v ?? 0);
    if (b === null || h === null) {
      return {
        ...k,
        base: b === null ? null : mean(filled(values[0])),
        head: h === null ? null : mean(filled(values[1])),
        delta: null,
        relative: null,
        direction: b === null ? 'added' : 'removed',
      };
    }
    const bv = filled(values[0]);
    const hv = filled(values[1]);
    const delta = pairedDifference(bv, hv, confidence);
    const baseMean = mean(bv);
    return {
      ...k,
      base: baseMean,
      head: mean(hv),
      delta,
      relative: baseMean === 0 ? null : delta.mean / Math.abs(baseMean),
      direction: direction(key, delta),
    };
  });
}

export function runDiff(base: Scenario, head: Scenario, options: DiffOptions = {}): DiffResult {
  const replications = options.replications ?? 1;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(`runDiff: replications must be an integer >= 1, got ${replications}`);
  }
  const seed = options.seed ?? base.seed;
  const seeds = Array.from({ length: replications }, (_, r) => replicationSeed(seed, r));
  const runSide = (side: 'base' | 'head', scenario: Scenario) =>
    seeds.map((s, r) => {
      const progress = options.onProgress;
      return runScenario(
        { ...scenario, seed: s },
        progress ? { onProgress: (f) => progress(side, r, f) } : {},
      );
    });
  const baseRuns = runSide('base', base);
  const headRuns = runSide('head', head);
  const measures = measureDeltas(baseRuns, headRuns);
  const budgets = checkBudgets(
    options.budgets ?? head.budgets ?? [],
    headRuns.map((r) => r.summary),
    baseRuns.map((r) => r.summary),
  );
  const count = (d: MeasureDelta['direction']) => measures.filter((m) => m.direction === d).length;
  return {
    seed,
    replications,
    seeds,
    confidence: DIFF_CONFIDENCE,
    base: baseRuns,
    head: headRuns,
    measures,
    budgets,
    verdict: {
      worse: count('worse'),
      better: count('better'),
      changed: count('changed'),
      budgetsBroken: brokenBudgets(budgets).length,
    },
  };
}
