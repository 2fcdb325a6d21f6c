/**
 * Which scenario-wide budget metrics a scenario can produce at all (README "Budgets and pull
 * requests"): `dbConnectionErrors` needs a database or an RDS Proxy; `queueAge` needs somewhere
 * work waits (an SQS queue, a Kinesis or DynamoDB stream, or Lambda's event queue of a function
 * invoked asynchronously: async traffic, S3, SNS or schedule events, async calls, a function with
 * destinations or a dead-letter queue); `backlogAtEnd` a function reading an SQS queue or a stream
 * (experiments/slo.ts measures it on those only).
 * The other metrics are measured on every scenario with traffic. A per-function budget needs a
 * function the scenario can invoke (reachableFunctions.ts: traffic, a schedule, a call, a
 * destination or an event source fed by one of those). A budget the scenario can never measure is
 * a mistake the parser refuses, at the budget's key (a function's: `budgets.functions.NAME`); the
 * run-dependent case (a reachable function nothing invoked in this run) is left to the check,
 * where it breaks. Pure.
 */
import { isAsyncVia } from './defaults/vias.ts';
import { reachableFunctions } from './reachableFunctions.ts';
import { BUDGET_METRICS, type Budget, type BudgetMetric } from './types/budgets.ts';
import type { LambdaFunction } from './types/function.ts';
import { DATABASE_ENGINES, type Resource } from './types/resources.ts';
import type { Traffic } from './types/traffic.ts';

/** The parts of a scenario (or of a draft's valid values) that decide. */
export interface MeasuredParts {
  readonly functions: readonly LambdaFunction[];
  readonly resources: readonly Resource[];
  readonly traffic: readonly Traffic[];
}

const DATABASES: readonly string[] = [...DATABASE_ENGINES, 'rds-proxy'];
const WAITING: readonly string[] = ['sqs-queue', 'kinesis-stream', 'dynamodb-stream'];

/** True when some function gets an event queue of Lambda's (as model/sources.ts wires them). */
function hasAsyncInvocation(s: MeasuredParts): boolean {
  return (
    s.traffic.some((t) => t.targetKind === 'function' && isAsyncVia(t.via)) ||
    s.functions.some(
      (f) =>
        f.events.some((e) => e.kind === 'schedule' || e.kind === 's3' || e.kind === 'sns') ||
        f.model.calls.some((c) => c.kind === 'function' && c.invocation === 'async') ||
        f.destinations.onSuccess !== null ||
        f.destinations.onFailure !== null ||
        f.deadLetterQueue !== null,
    )
  );
}

/** Why the scenario cannot produce `metric` (what it lacks), or null when it can. */
export function unmeasurableBecause(metric: BudgetMetric, s: MeasuredParts): string | null {
  if (metric === 'dbConnectionErrors' && !s.resources.some((r) => DATABASES.includes(r.type)))
    return 'the scenario has no database or RDS Proxy, so there is no database connection to fail';
  if (metric === 'queueAge' && !s.resources.some((r) => WAITING.includes(r.type)) && !hasAsyncInvocation(s))
    return 'the scenario has no SQS queue, stream or asynchronously invoked function, so nothing waits in a queue';
  if (
    metric === 'backlogAtEnd' &&
    !s.functions.some((f) => f.events.some((e) => e.kind === 'sqs' || e.kind === 'stream'))
  )
    return 'no function reads an SQS queue or a stream, so there is no backlog to fall behind on';
  if (metric === 'lostWriteRate' && !s.resources.some((r) => r.type === 'kinesis-stream'))
    return 'the scenario has no Kinesis stream, so no write meets a shard write limit';
  return null;
}

/** The scenario-wide budget metrics the scenario can produce, in BUDGET_METRICS order. */
export function measurableBudgetMetrics(s: MeasuredParts): BudgetMetric[] {
  return BUDGET_METRICS.filter((m) => unmeasurableBecause(m, s) === null);
}

/** `budgets.queueAge: ...` message: what is wrong and what the scenario can measure. */
export function unmeasurableMessage(metric: BudgetMetric, s: MeasuredParts): string | null {
  const because = unmeasurableBecause(metric, s);
  if (because === null) return null;
  return `a budget on ${metric} can never be measured: ${because}; this scenario can measure ${measurableBudgetMetrics(s).join(', ')}`;
}

/**
 * Why `budgets` include ones the scenario can never measure, each at its key: a scenario-wide
 * budget by unmeasurableMessage; the budgets of a function nothing can invoke, once, at
 * `budgets.functions.NAME`. Budgets naming an undefined function are left to the name check, and
 * reachability to a caller whose parts are all valid (`checkReach`: a rejected key would cut paths).
 */
export function unmeasurableBudgets(
  budgets: readonly Budget[],
  s: MeasuredParts,
  checkReach = true,
): { readonly path: string[]; readonly message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const reachable = reachableFunctions(s);
  const defined = new Set(s.functions.map((f) => f.name));
  const refused = new Set<string>();
  for (const b of budgets) {
    const path = b.key.split('.');
    if (b.function === null) {
      const message = unmeasurableMessage(b.metric, s);
      if (message !== null) problems.push({ path, message });
    } else if (
      checkReach &&
      defined.has(b.function) &&
      !reachable.includes(b.function) &&
      !refused.has(b.function)
    ) {
      refused.add(b.function);
      problems.push({
        path: path.slice(0, -1),
        message:
          `a budget on ${b.function} can never be measured: nothing in the scenario invokes it (no traffic, schedule, ` +
          `call, destination or event source reaches it); the functions it invokes are ${reachable.join(', ') || 'none'}`,
      });
    }
  }
  return problems;
}
