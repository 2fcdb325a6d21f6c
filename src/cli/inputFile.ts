/** Reading one input file the CLI is named (a partial, a job, a sweep): its text, or exit 2 `FILE: what is wrong`. */
import { DEFAULT_MAX_FILE_BYTES, excerpt, InputFileError, readInputFile } from '../index.ts';
import { UserInputError } from './errors.ts';

/** The text of `file` (at most `maxFileBytes`), or a UserInputError naming it. */
export function readTextOrExit(file: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): string {
  let text: string | undefined;
  try {
    text = readInputFile(file, maxFileBytes);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new UserInputError(`${excerpt(file, 200)}: the file ${error.message}`);
  }
  if (text === undefined) throw new UserInputError(`${excerpt(file, 200)}: no such file`);
  return text;
}
