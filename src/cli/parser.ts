/**
 * The yargs set-up of the command line, shared by src/cli/main.ts and the tests that run commands
 * in-process: strict options, every usage error mapped to exit code 2 (see ./errors.ts).
 */
import yargs, { type Argv } from 'yargs';
import { LAMSIM_VERSION } from '../index.ts';
import { commandsFor } from './commands/index.ts';
import { onUsageFailure, UserInputError } from './errors.ts';

/** Options that are switches (`--json`, `--no-json`): yargs reads `--json=maybe` as false. */
const SWITCHES = new Set([
  'force',
  'charts',
  'free-tier',
  'edge',
  'init-billed',
  'alb',
  'sqs-fifo',
  'kinesis-extended-retention',
  'json',
  'list-prices',
  'help',
]);

/** `--switch=VALUE` with a VALUE other than true or false: refused instead of read as false. */
export function switchValueProblems(argv: readonly string[]): string[] {
  const problems: string[] = [];
  for (const token of argv) {
    if (token === '--') break;
    const m = /^--(?:no-)?([\w-]+)=(.*)$/s.exec(token);
    if (m && SWITCHES.has(m[1]) && !/^(true|false)$/i.test(m[2])) {
      problems.push(`--${m[1]}: a switch takes no value: write --${m[1]} or --no-${m[1]}`);
    }
  }
  return problems;
}

/**
 * `--option -3M` as `--option=-3M`: a value that starts with a minus sign and a digit, after an
 * option that takes a value, is that option's value (yargs would read `-3M` as the flags -3 and -M
 * and report "Unknown arguments: 3, M"), so the option's own check says what it accepts.
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') {
      joined.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    const option = /^--(?:no-)?([\w-]+)$/.exec(token);
    if (option && !SWITCHES.has(option[1] as string) && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${token}=${next}`);
      i++;
    } else joined.push(token);
  }
  return joined;
}

/**
 * The options of the parsed arguments given more than once although not declared repeatable
 * (`array: true`), each as `--flag: given N times; give it once` (the message of `single`, which
 * options with a coercion apply first). `argv` as yargs parsed it; `repeatable` the keys of the
 * options declared as arrays (yargs' `getOptions().array`). Each flag is named once, as written
 * (kebab-case; yargs adds a camelCase copy of every key).
 */
export function repeatedFlagProblems(
  argv: Readonly<Record<string, unknown>>,
  repeatable: readonly string[],
): string[] {
  const arrays = new Set(repeatable);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || !Array.isArray(value) || arrays.has(key)) continue;
    const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (kebab !== key && (kebab in argv || arrays.has(kebab))) continue; // the camelCase copy
    problems.push(`--${kebab}: given ${value.length} times; give it once`);
  }
  return problems;
}

/** The part of yargs' (untyped) getOptions() the middleware reads: the keys declared `array: true`. */
interface DeclaredOptions {
  getOptions(): { array: string[] };
}

/** The parser for `argv`, with the modules of the commands it names loaded (see commandsFor). */
export async function cliParser(rawArgv: readonly string[]): Promise<Argv> {
  const argv = joinNegativeValues(rawArgv);
  const problems = switchValueProblems(argv);
  if (problems.length > 0) throw new UserInputError(problems);
  const commands = await commandsFor(argv);
  const parser: Argv = yargs([...argv])
    .scriptName('lamsim')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command: run, validate, ...')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(LAMSIM_VERSION)
    .fail(onUsageFailure)
    // Before any handler: a flag given twice is refused, whatever the command (README: exit 2).
    .middleware((args) => {
      // The running command's options: yargs applies a command's builder to this same instance.
      const problems = repeatedFlagProblems(args, (parser as unknown as DeclaredOptions).getOptions().array);
      if (problems.length > 0) throw new UserInputError(problems);
    }, true);
  for (const command of commands) parser.command(command);
  skipHelpCaching(parser);
  return parser;
}

/**
 * yargs 18 formats the whole help text of a command after calling its handler (command.js calls
 * `usage.cacheHelpMessage()`), so that a later `showHelp()` still describes that command: 20-90 ms
 * of cliui layout and string widths on every run. lamsim never shows help after a handler has
 * run (usage errors go to onUsageFailure, which prints one line; `--help` is answered before any
 * handler), so that cache is never read: it is not built. Done through yargs' internal methods,
 * as the Angular CLI does (angular/angular-cli#34087); a yargs without them keeps its caching.
 */
function skipHelpCaching(parser: Argv): void {
  const internal = (parser as Partial<HelpCaching>).getInternalMethods?.().getUsageInstance?.();
  if (internal && typeof internal.cacheHelpMessage === 'function') internal.cacheHelpMessage = () => {};
}

/** The part of yargs' internal methods skipHelpCaching uses. */
export interface HelpCaching {
  getInternalMethods(): {
    getUsageInstance?(): { cacheHelpMessage: () => void; hasCachedHelpMessage: () => boolean };
  };
}
