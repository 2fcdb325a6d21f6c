/**
 * Every command of the CLI, in the order `lamsim --help` lists them, each loaded only when it
 * runs: a command's module (and the part of the library it uses) is imported on demand, so
 * `lamsim validate` does not load the simulator, the charts or the worker pool.
 */
import type { CommandModule } from 'yargs';
import { COMMAND_SPECS } from './specs.ts';

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
type AnyCommand = CommandModule<any, any>;

export type CommandName = keyof typeof COMMAND_SPECS;

/**
 * Each command's module, imported when called. Keys in `lamsim --help` order. Every import here is
 * one of the modules the bundled command line builds into a file of its own (COMMAND_BUNDLES in
 * src/build/bundleCli.ts): the commands that simulate share one, `validate`, `schema` and `cost`
 * have one each, the scenario writers share one.
 */
const LOADERS: Readonly<Record<CommandName, () => Promise<AnyCommand>>> = {
  run: async () => (await import('./simulating.ts')).runCommand,
  merge: async () => (await import('./simulating.ts')).mergeCommand,
  job: async () => (await import('./simulating.ts')).jobCommand,
  compare: async () => (await import('./simulating.ts')).compareCommand,
  diff: async () => (await import('./simulating.ts')).diffCommand,
  check: async () => (await import('./simulating.ts')).checkCommand,
  validate: async () => (await import('./validate.ts')).validateCommand,
  cost: async () => (await import('./cost.ts')).costCommand,
  schema: async () => (await import('./schema.ts')).schemaCommand,
  tune: async () => (await import('./simulating.ts')).tuneCommand,
  plan: async () => (await import('./simulating.ts')).planCommand,
  import: async () => (await import('./scenarioWriters.ts')).importCommand,
  calibrate: async () => (await import('./scenarioWriters.ts')).calibrateCommand,
};

export const COMMAND_NAMES = Object.keys(LOADERS) as CommandName[];

/**
 * The commands for parsing `argv`: the full module of every command whose name appears among the
 * arguments (yargs matches a command by its exact name, so only these can run), and for the others
 * their usage and description alone (what `lamsim --help` lists), with a handler that cannot run.
 * Loading a command named only as an argument (a file called `run`) costs time, never behaviour.
 */
export async function commandsFor(argv: readonly string[]): Promise<AnyCommand[]> {
  const end = argv.indexOf('--');
  const words = new Set(end < 0 ? argv : argv.slice(0, end));
  return Promise.all(
    COMMAND_NAMES.map((name) => (words.has(name) ? LOADERS[name]() : Promise.resolve(listedOnly(name)))),
  );
}

function listedOnly(name: CommandName): AnyCommand {
  return {
    ...COMMAND_SPECS[name],
    handler: () => {
      throw new Error(`lamsim: command ${name} was not loaded`);
    },
  };
}
