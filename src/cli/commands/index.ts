/** Every command of the CLI, in the order `lamsim --help` lists them. */
import type { CommandModule } from 'yargs';
import { calibrateCommand } from './calibrate.ts';
import { checkCommand } from './check.ts';
import { compareCommand } from './compare.ts';
import { costCommand } from './cost.ts';
import { diffCommand } from './diff.ts';
import { importCommand } from './import.ts';
import { mergeCommand } from './merge.ts';
import { planCommand } from './plan.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import { tuneCommand } from './tune.ts';
import { validateCommand } from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
export const commands: CommandModule<any, any>[] = [
  runCommand,
  mergeCommand,
  compareCommand,
  diffCommand,
  checkCommand,
  validateCommand,
  costCommand,
  schemaCommand,
  tuneCommand,
  planCommand,
  importCommand,
  calibrateCommand,
];
