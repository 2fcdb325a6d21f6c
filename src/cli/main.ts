#!/usr/bin/env node
/**
 * lamsim command line. Thin by contract (design principle 10): each command in ./commands is a
 * short composition of library calls from src/index.ts; no simulation logic lives here.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.ts';
import { EXIT_INVALID_INPUT, reportFailure, UserInputError } from './errors.ts';

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv as string[])
    .scriptName('lamsim')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command: run, validate, ...')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UserInputError(`lamsim: ${message} (see lamsim --help)`);
    });
  for (const command of commands) parser.command(command);
  try {
    await parser.parseAsync();
  } catch (error) {
    exitCode = reportFailure(error, (text) => process.stderr.write(text));
  }
  return exitCode === 0 ? ((process.exitCode as number | undefined) ?? 0) : exitCode;
}

export { EXIT_INVALID_INPUT };

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
