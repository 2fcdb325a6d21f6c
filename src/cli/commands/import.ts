/**
 * `lamsim import TEMPLATE... [--out FILE] [--parameter Name=Value ...]`: writes the scenario a SAM,
 * CloudFormation (cdk synth) or Serverless Framework template describes, to stdout or atomically to
 * FILE. The output is parsed and validated before it is written: nothing is written unless it would
 * run as written. Warnings (runtimes replaced, classes approximated) go to stderr.
 */
import type { CommandModule } from 'yargs';
import { readTextFile, writeTextFileAtomically } from '../../io/textFiles.ts';
import { formatIssue, parseScenario } from '../../scenario/index.ts';
import { importStack, locateInTemplates, writeImportedScenario } from '../../stack/index.ts';
import { UserInputError } from '../errors.ts';

interface Args {
  templates: string[];
  out?: string;
  parameter?: string[];
}

/** `Name=Value` pairs -> a map; a pair without '=' is a usage error. */
export function parseParameterPairs(pairs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new UserInputError(`--parameter ${pair}: expected Name=Value (e.g. --parameter Stage=prod)`);
    out.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

export const importCommand: CommandModule<object, Args> = {
  command: 'import <templates..>',
  describe: 'Write a scenario from a SAM, CloudFormation (cdk synth) or Serverless Framework template',
  builder: (y) =>
    y
      .positional('templates', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'template.yaml, cdk.out/*.template.json or serverless.yml (several for one system)',
      })
      .option('out', { type: 'string', describe: 'scenario file to write (default: stdout)' })
      .option('parameter', {
        type: 'string',
        array: true,
        describe: 'template parameter override, Name=Value (repeatable)',
      }) as never,
  handler: (args) => {
    const parameters = parseParameterPairs(args.parameter ?? []);
    const templates = args.templates.map((fileName) => {
      const text = readTextFile(fileName);
      if (!text.ok) throw new UserInputError(`${fileName}:1:1: cannot read the template: ${text.error}`);
      return { fileName, text: text.value };
    });
    const imported = importStack(templates, { parameters });
    if (!imported.ok) throw new UserInputError(imported.error.map(formatIssue));
    for (const w of imported.value.warnings) process.stderr.write(`${formatIssue(w)}\n`);
    const text = writeImportedScenario(imported.value.scenario);
    // Validated under the name it will be run as (the scenario name defaults to the file name).
    const generated = args.out ?? 'imported.yaml';
    const parsed = parseScenario(text, { fileName: generated });
    if (!parsed.ok) {
      const located = parsed.error.map((i) => locateInTemplates(i, imported.value.scenario, generated));
      throw new UserInputError([
        'lamsim import: the template describes a configuration lamsim (or AWS) rejects:',
        ...located.map(formatIssue),
      ]);
    }
    for (const w of parsed.value.warnings) {
      process.stderr.write(`${formatIssue(locateInTemplates(w, imported.value.scenario, generated))}\n`);
    }
    if (args.out === undefined) process.stdout.write(text);
    else writeTextFileAtomically(args.out, text);
  },
};
