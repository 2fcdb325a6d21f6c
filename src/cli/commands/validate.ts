/** `lamsim validate FILE`: checks a scenario; prints nothing on success (warnings to stderr). */
import type { CommandModule } from 'yargs';
import { readScenarioOrExit } from '../scenarioInput.ts';

interface Args {
  file: string;
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <file>',
  describe: 'Check a scenario file and report every problem at once',
  builder: (y) =>
    y.positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' }) as never,
  handler: (args) => {
    readScenarioOrExit(args.file);
  },
};
