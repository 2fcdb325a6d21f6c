/**
 * The command lines the installed `lamsim` runs without its argument parser (./start.ts): yargs
 * and the bundle that holds it (`cli.js`) are a third of `lamsim validate`'s own start (callgrind:
 * ~50 M of ~250 M instructions above `node -e ''`), and with `validate FILE` written so there is
 * nothing to parse.
 *
 * Contract: a command line is direct only when the parser would hand its command exactly the
 * arguments the direct path gives it; anything else (another option, a number, `--help`, a word
 * out of place) is null, and goes to the parser as before. `run` is direct too: yargs, cli.js
 * and the commands' usage were ~10-15 ms of its start (a CPU profile of the SimFaaS workload's run:
 * loading cli.js, building the parser and parsing, before the handler).
 */

/**
 * A word yargs keeps as it is written, as a positional or a string option's value: not empty, not
 * an option (`-...`), and not a number (yargs would read one as a number).
 */
const isPlainWord = (word: string): boolean =>
  word.trim() !== '' && !word.startsWith('-') && Number.isNaN(Number(word));

/**
 * FILE of `validate FILE`, when those are the only two arguments and FILE is a plain word (see
 * isPlainWord). Null for any other command line.
 */
export function directValidateFile(argv: readonly string[]): string | null {
  if (argv.length !== 2 || argv[0] !== 'validate') return null;
  const file = argv[1];
  return isPlainWord(file) ? file : null;
}

/** What `run FILE [--out DIR] [--force] [--no-charts]` asks for (the options it leaves out are at their defaults). */
export interface DirectRun {
  readonly file: string;
  /** `--out DIR`; undefined when not given (the run's default folder). */
  readonly out?: string;
  readonly force: boolean;
  readonly charts: boolean;
}

/**
 * `run FILE` followed by any of `--out DIR`, `--force` and `--no-charts`, each at most once and in
 * any order, with FILE and DIR plain words (see isPlainWord). Null for any other command line
 * (another option, `--out=DIR`, `--charts`, an option given twice, FILE after an option...).
 * Whether DIR may be a report folder is not checked here: the direct path hands a DIR that `--out`
 * would refuse back to the parser, which reports it (../commands/run.ts, runDirect).
 */
export function directRun(argv: readonly string[]): DirectRun | null {
  if (argv.length < 2 || argv[0] !== 'run' || !isPlainWord(argv[1])) return null;
  let out: string | undefined;
  let force = false;
  let charts = true;
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--out' && out === undefined && i + 1 < argv.length && isPlainWord(argv[i + 1])) {
      out = argv[++i];
    } else if (word === '--force' && !force) {
      force = true;
    } else if (word === '--no-charts' && charts) {
      charts = false;
    } else {
      return null;
    }
  }
  return { file: argv[1], out, force, charts };
}
