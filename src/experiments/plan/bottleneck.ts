/**
 * What breaks first: a small table of rules, each reading the evidence of an evaluation (its
 * runs' summaries and the scaled scenario) and returning findings. Extend the table to teach the
 * planner a new limit (a queue backlog, a downstream API): add a rule, nothing else changes.
 *
 * Ranking: `hard` findings (requests refused or failed: throttles, timeouts, database connection
 * errors, proxy borrow timeouts) come before `soft` ones (requests slowed: cold starts, a busy
 * database or proxy, long handlers), and within each kind the finding affecting the most requests
 * per run wins; ties keep the table's order. Soft findings count only when a latency or cold-start
 * objective fails, since they explain slowness, not refusals. A finding that names the cause of
 * others (`explains`: a queue's backlog, or the timeouts and concurrency pile-up of requests
 * waiting for a proxy's pool) replaces them. Pure.
 *
 * Findings are codes and numbers: `bottleneck` names the limit and `facts` holds what shows it
 * (counts and durations are means over the replications; peaks are the highest of any
 * replication, so a peak is one that happened; units in the names); src/report/plan writes the
 * sentences.
 *
 * The rules live by concept: functionRules.ts (throttles, timeouts, cold starts, latency),
 * databaseRules.ts (connections, the proxy pool, CPU) and backlogRules.ts (queues and streams);
 * the table below orders them.
 */

import type { Scenario } from '../../scenario/index.ts';
import {
  queueBacklogRule,
  queueInFlightQuotaRule,
  queueRetryWaitRule,
  streamConcurrencyRule,
} from './backlogRules.ts';
import { databaseCpuRule, dbConnectionsRule, proxyPoolRule } from './databaseRules.ts';
import type { Evaluation } from './evaluate.ts';
import {
  coldStartsRule,
  latencyRule,
  provisionedConcurrencyRule,
  THROTTLE_RULES,
  timeoutRule,
} from './functionRules.ts';

export interface BottleneckFinding {
  /** The limit: reservedConcurrency, accountConcurrency, scalingRate, requestRate, provisionedConcurrency, timeout, dbConnections, proxyPool, databaseCpu, queueInFlightQuota, queueRetryWait, streamConcurrency, queueBacklog, coldStarts, latency, ... */
  readonly bottleneck: string;
  readonly severity: 'hard' | 'soft';
  readonly function: string | null;
  readonly resource: string | null;
  /** Requests affected per run (mean over the replications). */
  readonly affected: number;
  /**
   * What in the runs shows it, by name (units in the names; per-run means over the replications).
   * Each rule below lists its own; a rule added to the table may report any.
   */
  readonly facts: FindingFacts;
  /**
   * The symptoms this finding is the cause of (a queue's backlog, for a queue at its in-flight
   * quota; its callers' timeouts and throttles, for a proxy pool requests wait on):
   * findBottlenecks drops those findings, whose remedies could not help, so the cause is named
   * whatever the findings' sizes.
   */
  readonly explains?: readonly Symptom[];
}

/** A finding another one explains: its code, function and resource, matched exactly. */
export interface Symptom {
  readonly bottleneck: string;
  readonly function: string | null;
  readonly resource: string | null;
}

/** Numbers (and the odd setting, e.g. the scaling mode) that show a finding, by name. */
export type FindingFacts = Readonly<Record<string, number | string>>;

export interface BottleneckContext {
  /** The scenario as evaluated (traffic already scaled). */
  readonly scenario: Scenario;
  readonly evaluation: Evaluation;
}

export interface BottleneckRule {
  readonly id: string;
  find(ctx: BottleneckContext): BottleneckFinding[];
}

/** Every rule, in the table's order (which breaks ties between findings). */
export const BOTTLENECK_RULES: readonly BottleneckRule[] = [
  ...THROTTLE_RULES,
  timeoutRule,
  dbConnectionsRule,
  proxyPoolRule,
  databaseCpuRule,
  provisionedConcurrencyRule,
  coldStartsRule,
  queueInFlightQuotaRule,
  queueRetryWaitRule,
  streamConcurrencyRule,
  queueBacklogRule,
  latencyRule,
];

/** Every finding, most important first (see the module comment). */
export function findBottlenecks(
  ctx: BottleneckContext,
  rules: readonly BottleneckRule[] = BOTTLENECK_RULES,
): BottleneckFinding[] {
  const all = rules.flatMap((rule, order) => rule.find(ctx).map((f) => ({ f, order })));
  // A symptom another finding explains is left out (BottleneckFinding.explains).
  const explained = (f: BottleneckFinding) =>
    all.some(({ f: cause }) =>
      cause.explains?.some(
        (x) => x.bottleneck === f.bottleneck && x.function === f.function && x.resource === f.resource,
      ),
    );
  const found = all.filter(({ f }) => !explained(f));
  const rank = (x: { f: BottleneckFinding }) => (x.f.severity === 'hard' ? 0 : 1);
  found.sort((a, b) => rank(a) - rank(b) || b.f.affected - a.f.affected || a.order - b.order);
  return found.map((x) => x.f);
}
