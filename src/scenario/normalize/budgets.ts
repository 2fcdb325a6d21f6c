/**
 * `budgets:` as written -> Budget[] (scenario metrics first, in BUDGET_METRICS order, then each
 * function's in written order). Values in canonical units (USD, ms, fraction, count); `+N%` becomes
 * a relative limit. A budget of a function the scenario does not define is an error at its name.
 */
import { suggestion } from '../didYouMean.ts';
import type { Path } from '../issues.ts';
import { budgets as budgetsSchema, functionBudgets } from '../schema/budgets.ts';
import { isRecord } from '../schema/registry.ts';
import {
  BUDGET_METRIC_KINDS,
  BUDGET_METRICS,
  type Budget,
  type BudgetLimit,
  type BudgetMetric,
  FUNCTION_BUDGET_METRICS,
} from '../types.ts';
import { type Context, Fields } from './context.ts';
import { fractionOf, ms } from './convert.ts';

/** A written budget value the schema accepted -> its limit. */
export function budgetLimit(metric: BudgetMetric, value: string | number): BudgetLimit {
  if (typeof value === 'string' && value.startsWith('+')) {
    return { kind: 'relative', maxIncrease: Number(value.slice(1, -1)) / 100 };
  }
  switch (BUDGET_METRIC_KINDS[metric]) {
    case 'duration':
      return { kind: 'absolute', max: ms(String(value)) };
    case 'fraction':
      return { kind: 'absolute', max: fractionOf(value) };
    default:
      return { kind: 'absolute', max: Number(value) };
  }
}

const keyOf = (path: Path) => path.join('.');

/**
 * The budgets written at `path` (a `budgets:` mapping), or undefined when none is written.
 * `functionNames` are the scenario's functions (budgets may only name those).
 */
export function normalizeBudgets(
  raw: unknown,
  path: Path,
  functionNames: readonly string[],
  ctx: Context,
): { value: readonly Budget[] | undefined; bad: ReadonlySet<string> } {
  if (raw === undefined) return { value: undefined, bad: new Set() };
  const top = new Fields(budgetsSchema, raw, path, ctx);
  const out: Budget[] = [];
  for (const metric of BUDGET_METRICS) {
    const limit = top.get(metric, (v: string | number) => budgetLimit(metric, v), undefined);
    if (limit) out.push({ metric, function: null, limit, key: keyOf([...path, metric]) });
  }
  const written = isRecord(raw) && isRecord(raw.functions) ? raw.functions : {};
  for (const [fn, body] of Object.entries(written)) {
    const fnPath = [...path, 'functions', fn];
    if (!functionNames.includes(fn)) {
      ctx.report.error(
        fnPath,
        `'${fn}' names no function${suggestion(fn, functionNames)}; functions: ${functionNames.join(', ') || '(none)'}`,
        'key',
      );
      continue;
    }
    const f = new Fields(functionBudgets, body, fnPath, ctx);
    for (const metric of FUNCTION_BUDGET_METRICS) {
      const limit = f.get(metric, (v: string | number) => budgetLimit(metric, v), undefined);
      if (limit) out.push({ metric, function: fn, limit, key: keyOf([...fnPath, metric]) });
    }
  }
  return { value: out, bad: top.bad };
}
