/**
 * `lamsim validate FILE`: checks a scenario, including the size check `run` makes (the same
 * refusal, the same exit code 2); prints nothing on success (warnings to stderr).
 */
import type { CommandModule } from 'yargs';
import { maxFileSizeOption, maxInvocationsOption } from '../options.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  file: string;
  maxFileSize?: number;
  maxInvocations: number;
}

export const validateCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.validate,
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('max-file-size', maxFileSizeOption)
      .option(
        'max-invocations',
        maxInvocationsOption(
          'refuse scenarios expected to simulate more invocations than this (as run does)',
        ),
      ) as never,
  handler: (args) => {
    readScenarioOrExit(args.file, { maxInvocations: args.maxInvocations, maxFileBytes: args.maxFileSize });
  },
};
