/** `lamsim schema`: prints the JSON Schema of the scenario format (scenarios/lamsim.schema.json). */
import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../index.ts';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of the scenario format (for editors)',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
