/** `--budget FILE`: a budget file read and parsed for the scenario's functions (errors: exit 2). */
import { type Budget, formatIssue, parseBudgetFile, readInputFile } from '../index.ts';
import { UserInputError } from './errors.ts';

export function readBudgetsOrExit(
  file: string,
  functionNames: readonly string[],
  maxFileBytes?: number,
): Budget[] {
  let text: string | undefined;
  try {
    text = readInputFile(file, maxFileBytes);
  } catch (error) {
    throw new UserInputError(`${file}:1:1 cannot read the budget file: the file ${(error as Error).message}`);
  }
  if (text === undefined) throw new UserInputError(`${file}:1:1 cannot read the budget file: no such file`);
  const parsed = parseBudgetFile(text, { fileName: file, functionNames });
  if (!parsed.ok) throw new UserInputError(parsed.error.map(formatIssue));
  return parsed.value;
}
