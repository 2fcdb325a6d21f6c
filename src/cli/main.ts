/**
 * lamsim command line. Thin by contract (design principle 10): each command in ./commands is a
 * short composition of library calls from src/index.ts; no simulation logic lives here.
 */
import { hideBin } from 'yargs/helpers';
import { dropOutputWhenStdoutCloses } from './closedStdout.ts';
import { EXIT_INVALID_INPUT, reportFailure } from './errors.ts';
import { cliParser } from './parser.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  try {
    await (await cliParser(argv)).parseAsync();
  } catch (error) {
    exitCode = reportFailure(error, (text) => process.stderr.write(text));
  }
  return exitCode === 0 ? ((process.exitCode as number | undefined) ?? 0) : exitCode;
}

export { EXIT_INVALID_INPUT };

dropOutputWhenStdoutCloses();
main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
