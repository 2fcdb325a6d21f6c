/**
 * `--budget FILE`: a budget file read and parsed for the scenario (its functions; metrics it can
 * produce) (errors: exit 2).
 */
import { type Budget, formatIssue, parseBudgetFile, readInputFile, type Scenario } from '../index.ts';
import { UserInputError } from './errors.ts';

export function readBudgetsOrExit(file: string, scenario: Scenario, maxFileBytes?: number): Budget[] {
  let text: string | undefined;
  try {
    text = readInputFile(file, maxFileBytes);
  } catch (error) {
    throw new UserInputError(`${file}:1:1 cannot read the budget file: the file ${(error as Error).message}`);
  }
  if (text === undefined) throw new UserInputError(`${file}:1:1 cannot read the budget file: no such file`);
  const parsed = parseBudgetFile(text, {
    fileName: file,
    functionNames: scenario.functions.map((f) => f.name),
    scenario,
  });
  if (!parsed.ok) throw new UserInputError(parsed.error.map(formatIssue));
  return parsed.value;
}
