/**
 * `lamsim import TEMPLATE... [--out FILE] [--parameter Name=Value ...]`: writes the scenario a SAM,
 * CloudFormation (cdk synth) or Serverless Framework template describes, to stdout or atomically to
 * FILE. The output is parsed and validated before it is written: nothing is written unless it would
 * run as written. Warnings (runtimes replaced, classes approximated) go to stderr.
 */

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  DEFAULT_MAX_FILE_BYTES,
  err,
  formatIssue,
  InputFileError,
  importStack,
  locateInTemplates,
  ok,
  parseScenario,
  type Result,
  readInputFile,
  writeFilesAtomic,
  writeImportedScenario,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import { maxFileSizeOption, single } from '../options.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  templates: string[];
  out?: string;
  parameter?: string[];
  maxFileSize?: number;
}

/** Reads a template as every input is read (regular files, bounded size); a problem is exit 2. */
export function readTemplateFile(fileName: string, maxBytes: number): string {
  let reason = 'no such file';
  try {
    const text = readInputFile(fileName, maxBytes);
    if (text !== undefined) return text;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    reason = `the file ${error.message}`;
  }
  throw new UserInputError(`${fileName}:1:1: cannot read the template: ${reason}`);
}

/** Files a template names (Serverless `${file(...)}`), read relative to the template's folder. */
export function besideTemplate(maxBytes: number): (template: string, path: string) => Result<string, string> {
  return (template, path) => {
    try {
      const text = readInputFile(resolve(dirname(template), path), maxBytes);
      return text === undefined ? err('no such file') : ok(text);
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      return err(`the file ${error.message}`);
    }
  };
}

/** `--out FILE`: one file name, not a folder. */
function parseOutFile(value: unknown): string {
  const text = single('--out', value);
  if (typeof text !== 'string' || text.trim() === '') {
    throw new UserInputError('--out: name the scenario file to write, e.g. --out orders.yaml');
  }
  let isFolder = false;
  try {
    isFolder = statSync(text).isDirectory();
  } catch {
    // absent: written fresh
  }
  if (isFolder) throw new UserInputError(`--out ${text}: is a folder; name the scenario file to write`);
  return text;
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
  ...COMMAND_SPECS.import,
  builder: (y) =>
    y
      .positional('templates', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'template.yaml, cdk.out/*.template.json or serverless.yml (several for one system)',
      })
      .option('out', {
        type: 'string',
        coerce: parseOutFile,
        describe: 'scenario file to write (default: stdout)',
      })
      .option('max-file-size', maxFileSizeOption)
      .option('parameter', {
        type: 'string',
        array: true,
        describe: 'template parameter override, Name=Value (repeatable)',
      }) as never,
  handler: (args) => {
    const parameters = parseParameterPairs(args.parameter ?? []);
    const maxBytes = args.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
    const templates = args.templates.map((fileName) => ({
      fileName,
      text: readTemplateFile(fileName, maxBytes),
    }));
    const imported = importStack(templates, { parameters, readFile: besideTemplate(maxBytes) });
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
    else writeFilesAtomic([{ path: args.out, data: text }]);
  },
};
