/**
 * The command lines the installed `lamsim` runs without its argument parser (./start.ts): yargs
 * and the bundle that holds it (`cli.js`) are a third of `lamsim validate`'s own start (callgrind:
 * ~50 M of ~250 M instructions above `node -e ''`), and with `validate FILE` written so there is
 * nothing to parse.
 *
 * Contract: a command line is direct only when the parser would hand its command exactly the
 * arguments the direct path gives it; anything else (an option, a number, `--help`, a third word)
 * is null, and goes to the parser as before.
 */

/**
 * FILE of `validate FILE`, when those are the only two arguments and FILE is a word yargs keeps as
 * it is written: not empty, not an option (`-...`), and not a number (yargs would read one as a
 * number). Null for any other command line.
 */
export function directValidateFile(argv: readonly string[]): string | null {
  if (argv.length !== 2 || argv[0] !== 'validate') return null;
  const file = argv[1];
  if (file.trim() === '' || file.startsWith('-') || !Number.isNaN(Number(file))) return null;
  return file;
}
