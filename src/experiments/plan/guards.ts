/**
 * Guards: what a plan watches beside the user's SLOs (throttled and failed requests), and the
 * warnings when one is exceeded where the SLOs are reported to hold or at the target. Pure.
 */
import { present } from '../../result.ts';
import type { SloObjective } from '../../scenario/index.ts';
import type { Evaluation } from './evaluate.ts';

/**
 * Default guards: throttled and failed requests, and writes into a Kinesis stream lost to its
 * shard write limit (measured only where there is one), at most 1 % each, watched at every load
 * unless an objective bounds the same metric. They never change the verdict (the user's SLOs
 * decide); a guard exceeded within the load the plan reports as held, or at the target, is a
 * warning (`GuardWarning`) that says how to make it an SLO. 1 % is lamsim's default, not an AWS
 * figure.
 */
export const DEFAULT_GUARDS: readonly SloObjective[] = [
  { metric: 'throttleRate', max: 0.01 },
  { metric: 'errorRate', max: 0.01 },
  { metric: 'lostWriteRate', max: 0.01 },
];

/** A guard exceeded where the plan reports the SLOs as holding: codes and numbers. */
export interface GuardWarning {
  readonly objective: SloObjective;
  /**
   * The smallest load evaluated in full at which the guard is exceeded (mean over replications;
   * the search's one-run steps are not evaluations, so they never decide a warning).
   */
  readonly firstExceeded: {
    readonly scale: number;
    readonly peakRate: number;
    readonly value: number;
    readonly function: string | null;
  };
  /**
   * The load held counting the guard, as far as the search's loads tell: the largest load at
   * which the guard held below the smallest at which it was exceeded (`exceededAbove`), among the
   * loads evaluated in full and the search's one-run steps (`scout`: one run, replication 0; so
   * the bound reads the way the search went, not a verdict). Null: exceeded at the lowest load.
   */
  readonly lastHeld: GuardStep | null;
  /** The smallest load (evaluated in full or a step) at which the guard was exceeded: the bound's top. */
  readonly exceededAbove: GuardStep;
  /** Exceeded at or below the largest load at which every SLO holds (that headroom hides it). */
  readonly withinHeadroom: boolean;
  /** Its value at the target load (null: not measured) and whether it is exceeded there. */
  readonly atTarget: { readonly value: number | null; readonly exceeded: boolean };
}

/** A guard's value at one of the search's loads: a full evaluation's mean, or a step's one run (`scout`). */
export interface GuardStep {
  readonly scale: number;
  readonly peakRate: number;
  readonly value: number;
  readonly scout: boolean;
}

/**
 * The guards exceeded at or below the held load, or at the target (see GuardWarning): decided on
 * the loads evaluated in full; the load held counting them is bounded with the search's one-run
 * steps (`scouts`) too, which lie between them.
 */
export function guardWarnings(
  guards: readonly SloObjective[],
  evaluations: readonly Evaluation[],
  held: Evaluation | null,
  target: Evaluation,
  scouts: readonly Evaluation[] = [],
): GuardWarning[] {
  const byScale = [...evaluations].sort((a, b) => a.scale - b.scale);
  // Every load the search measured, a full evaluation before a step at the same load.
  const steps = [
    ...byScale.map((e) => ({ e, scout: false })),
    ...scouts.filter((x) => !byScale.some((e) => e.scale === x.scale)).map((e) => ({ e, scout: true })),
  ].sort((a, b) => a.e.scale - b.e.scale);
  return guards.flatMap((objective, i) => {
    const value = (e: Evaluation) => e.guards[i]?.mean ?? null;
    const exceeded = (e: Evaluation) => {
      const v = value(e);
      return v !== null && v > objective.max;
    };
    const first = byScale.find(exceeded);
    const atTarget = { value: value(target), exceeded: exceeded(target) };
    const withinHeadroom = first !== undefined && held !== null && first.scale <= held.scale;
    if (!first || !(withinHeadroom || atTarget.exceeded)) return [];
    const stepOf = ({ e, scout }: { e: Evaluation; scout: boolean }): GuardStep => ({
      scale: e.scale,
      peakRate: e.peakRate,
      value: present(value(e), 'a guard value'),
      scout,
    });
    const above = present(
      steps.find((x) => exceeded(x.e)),
      'the first exceeded step',
    );
    const below = steps.filter((x) => x.e.scale < above.e.scale && value(x.e) !== null);
    const last = below[below.length - 1];
    return [
      {
        objective,
        firstExceeded: {
          scale: first.scale,
          peakRate: first.peakRate,
          value: present(value(first), 'the exceeded guard value'),
          function: first.guards[i].function,
        },
        lastHeld: last ? stepOf(last) : null,
        exceededAbove: stepOf(above),
        withinHeadroom,
        atTarget,
      },
    ];
  });
}
