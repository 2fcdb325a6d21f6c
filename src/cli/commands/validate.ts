/**
 * `lamsim validate FILE`: checks a scenario, including the size check `run` makes (the same
 * refusal, the same exit code 2); prints nothing on success (warnings to stderr).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_MAX_INVOCATIONS } from '../../index.ts';
import { maxFileSizeOption, maxInvocationsOption, parseMaxInvocations } from '../options.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  file: string;
  maxFileSize?: number;
  maxInvocations: number;
}

function validate(args: Args): void {
  readScenarioOrExit(args.file, { maxInvocations: args.maxInvocations, maxFileBytes: args.maxFileSize });
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
  handler: validate,
};

/**
 * `lamsim validate FILE` with every option at its default, as the parser hands it to the handler
 * (the same arguments: the default `--max-invocations` through its coercion, no `--max-file-size`).
 * For the command line's direct path (../start.ts), which runs it without the argument parser.
 */
export function validateWithDefaults(file: string): void {
  validate({ file, maxInvocations: parseMaxInvocations(DEFAULT_MAX_INVOCATIONS) });
}
