/** `lamsim schema`: prints the JSON Schema of the scenario format (scenarios/lamsim.schema.json). */
import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../index.ts';
import { COMMAND_SPECS } from './specs.ts';

export const schemaCommand: CommandModule = {
  ...COMMAND_SPECS.schema,
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
