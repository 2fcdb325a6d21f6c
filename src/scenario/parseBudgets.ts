/**
 * A budget file (`lamsim check --budget FILE`): YAML with one key, `budgets:`, written as in a
 * scenario. Pure; problems come back as positioned issues (FILE:LINE:COL), all at once.
 */
import { err, ok, type Result } from '../result.ts';
import { type MeasuredParts, unmeasurableBudgets } from './budgetMeasures.ts';
import { hasErrors, type Issue, sortIssues } from './issues.ts';
import { normalizeBudgets } from './normalize/budgets.ts';
import { type Context, createReporter, invalidPaths } from './normalize/context.ts';
import { budgets } from './schema/budgets.ts';
import { mapping } from './schema/leaves.ts';
import { locate, validate } from './schemaIssues.ts';
import type { Budget } from './types.ts';
import { readYaml } from './yamlSource.ts';

const budgetFileSchema = mapping({ budgets }, 'a budget file');

export interface BudgetFileOptions {
  readonly fileName: string;
  /** The functions of the scenario the budgets apply to (budgets may only name these). */
  readonly functionNames: readonly string[];
  /** The scenario's parts: a budget on a metric it can never produce is refused (budgetMeasures.ts). */
  readonly scenario?: MeasuredParts;
}

export function parseBudgetFile(text: string, options: BudgetFileOptions): Result<Budget[], Issue[]> {
  const file = options.fileName;
  const { source, issues } = readYaml(text, file);
  if (hasErrors(issues)) return err(sortIssues(issues, file));
  const schemaIssues = validate(budgetFileSchema, source.data ?? null).issues;
  issues.push(...locate(schemaIssues, source));
  const ctx: Context = {
    report: createReporter(source, issues),
    invalid: invalidPaths(schemaIssues.map((i) => i.path)),
  };
  const data = source.data as { budgets?: unknown } | null;
  const parsed = normalizeBudgets(data?.budgets, ['budgets'], options.functionNames, ctx);
  const scenario = options.scenario;
  if (scenario)
    for (const p of unmeasurableBudgets(parsed.value ?? [], scenario))
      ctx.report.error(p.path, p.message, 'key');
  const sorted = sortIssues(issues, file);
  if (hasErrors(sorted)) return err(sorted);
  return ok([...(parsed.value ?? [])]);
}
