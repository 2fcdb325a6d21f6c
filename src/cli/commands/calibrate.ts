/**
 * `lamsim calibrate LOGS... --out FILE [--function NAME] [--runtime ID] [--architecture A]
 * [--traffic trace|phases] [--fit auto|lognormal|empirical] [--template T... [--parameter N=V]]`:
 * reads CloudWatch Logs of one function and writes a scenario that reproduces them, with the data
 * files it names, beside FILE; then runs it once and writes the calibration report (observed against
 * simulated) to `--report DIR` (default: `<FILE without .yaml>-calibration/` beside it). With
 * `--template`, the scenario points at the templates (`stack:`) and adds the logs' numbers to the
 * function they deploy, by its logical ID. Malformed lines are reported on stderr and skipped; no
 * REPORT line at all is exit 2.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  type CalibrateStack,
  type Calibration,
  calibrate,
  calibrateStack,
  calibrationBundleFiles,
  calibrationText,
  compareCalibration,
  comparisonRows,
  DEFAULT_MAX_FILE_BYTES,
  deployedAs,
  formatIssue,
  functionsInLogs,
  isDocumentError,
  type LogFile,
  type LogProblem,
  mergeLogFiles,
  nodeReportAssets,
  notAFile,
  parseScenarioAt,
  readLogFile,
  readLogText,
  readStackForCalibration,
  runScenario,
  type Scenario,
  type StackForCalibration,
  stackTarget,
  writeBundle,
  writeFilesAtomic,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import { chartsOption, checkOutput, forceOption, maxFileSizeOption } from '../options.ts';
import { besideTemplate, parseParameterPairs, readTemplateFile } from './import.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  logs: string[];
  out: string;
  function?: string;
  runtime?: string;
  architecture?: 'x86_64' | 'arm64';
  traffic: 'trace' | 'phases';
  fit: 'auto' | 'lognormal' | 'empirical';
  report?: string;
  force: boolean;
  charts: boolean;
  template?: string[];
  parameter?: string[];
  maxFileSize?: number;
}

/** Malformed lines listed one by one on stderr; the rest are counted. */
const LISTED_PROBLEMS = 10;

export const calibrateCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.calibrate,
  builder: (y) =>
    y
      .positional('logs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe:
          'log files: filter-log-events JSON, subscription payloads (Firehose), aws logs tail text, JSON lines, Logs Insights CSV or JSON (.gz too)',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'the scenario file to write (YAML)' })
      .option('function', {
        type: 'string',
        describe: 'the function to calibrate when the logs hold several',
      })
      .option('runtime', { type: 'string', describe: 'runtime id (default: from INIT_START lines)' })
      .option('architecture', { choices: ['x86_64', 'arm64'] as const, describe: 'default x86_64' })
      .option('traffic', {
        choices: ['trace', 'phases'] as const,
        default: 'trace' as const,
        describe: 'replay the logged arrivals, or fit phases to the per-minute counts',
      })
      .option('report', {
        type: 'string',
        describe: 'calibration report directory (default: <FILE without .yaml>-calibration/ beside FILE)',
      })
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('template', {
        type: 'string',
        array: true,
        describe:
          'the SAM / CloudFormation (cdk synth) / serverless.yml template(s) the function is deployed from: the scenario points at them (stack:) and adds what the logs show to the function, by its logical ID',
      })
      .option('parameter', {
        type: 'string',
        array: true,
        describe: 'template parameter, Name=Value (repeatable; with --template)',
      })
      .option('max-file-size', maxFileSizeOption)
      .option('fit', {
        choices: ['auto', 'lognormal', 'empirical'] as const,
        default: 'auto' as const,
        describe: 'durations: a lognormal where it fits (auto), always, or the logged samples',
      }) as never,
  handler: async (args) => {
    const notFile = notAFile(args.out);
    if (notFile) {
      throw new UserInputError(`--out ${args.out}: ${notFile} (the scenario to write, e.g. orders.yaml)`);
    }
    const files: LogFile[] = [];
    const unreadable: string[] = [];
    for (const path of args.logs) {
      const text = readLogText(path);
      if (!text.ok) {
        unreadable.push(`${path}: cannot read the log file: ${text.error}`);
        continue;
      }
      const read = readLogFile(path, text.value);
      if (isDocumentError(read)) unreadable.push(`${read.file}:${read.line}:${read.col} ${read.message}`);
      else files.push(read);
    }
    if (unreadable.length > 0) throw new UserInputError(unreadable);
    const outPath = args.out;
    const parameters = parseParameterPairs(args.parameter ?? []);
    const templatePaths = args.template ?? [];
    if (templatePaths.length === 0 && parameters.size > 0) {
      throw new UserInputError('--parameter: template parameters need --template');
    }
    const stackRead =
      templatePaths.length > 0 ? readStack(templatePaths, parameters, args.maxFileSize) : undefined;
    const logFunction = stackRead ? logFunctionOf(stackRead, files, args.function) : args.function;
    const corpus = mergeLogFiles(files, logFunction === undefined ? {} : { function: logFunction });
    if (!corpus.ok) throw new UserInputError(corpusError(corpus.error, files));
    reportProblems(corpus.value.problems);
    let stack: CalibrateStack | undefined;
    if (stackRead) {
      const target = stackTarget(stackRead.functions, corpus.value.functionName, args.function);
      if (!target.ok) throw new UserInputError(`lamsim calibrate: ${target.error}`);
      const written = templatePaths.map((t) => templateAsWritten(dirname(outPath), t));
      stack = calibrateStack(stackRead, target.value, written, parameters);
    }
    const ext = extname(outPath);
    const fileBase = basename(outPath, ext);
    const reportDir = args.report ?? join(dirname(outPath), `${fileBase}-calibration`);
    // Refuse a report folder lamsim may not replace before anything is written.
    // The logs and templates read and the scenario written: never replaced by the report bundle.
    const inputs = [...args.logs, ...templatePaths, outPath];
    checkOutput(reportDir, args.force, inputs);
    const calibration = calibrate(corpus.value, {
      name: fileBase,
      fileBase,
      sources: args.logs,
      ...(args.runtime !== undefined ? { runtime: args.runtime } : {}),
      ...(args.architecture !== undefined ? { architecture: args.architecture } : {}),
      traffic: args.traffic,
      fit: args.fit,
      // Editors complete keys through the schema when it sits beside the scenario (as in scenarios/).
      schemaComment: existsSync(join(dirname(outPath), 'lamsim.schema.json')),
      ...(stack ? { stack } : {}),
    });
    if (!calibration.ok) throw new UserInputError(`lamsim calibrate: ${calibration.error}`);
    const scenario = checkScenario(outPath, calibration.value, args.maxFileSize);
    const dir = dirname(outPath);
    writeFilesAtomic([
      { path: outPath, data: calibration.value.scenarioText },
      ...calibration.value.files.map((f) => ({ path: join(dir, f.name), data: f.text })),
    ]);
    for (const w of calibration.value.warnings) process.stderr.write(`lamsim calibrate: warning: ${w}\n`);
    // One run of the scenario just written, compared with the logs it came from.
    const output = runScenario(scenario);
    await writeBundle(
      reportDir,
      calibrationBundleFiles(
        calibration.value,
        output,
        basename(outPath),
        args.logs.map((l) => basename(l)),
        nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true }),
      ),
      { kind: 'calibration', force: args.force, inputs },
    );
    const { ok } = comparisonRows(
      compareCalibration(calibration.value, output),
      calibration.value.observed.warmAtStart,
    );
    process.stdout.write(
      calibrationText(calibration.value, [outPath, ...calibration.value.files.map((f) => join(dir, f.name))]),
    );
    process.stdout.write(
      `  report      ${reportDir}/ (${ok ? 'the scenario reproduces the logs, within tolerance or sampling error' : 'check: some quantities are outside tolerance'})\n`,
    );
  },
};

/**
 * How the scenario names a template: relative to its own folder with '/' on every system, or the
 * absolute path when the two share no folder but the root.
 */
function templateAsWritten(scenarioDir: string, template: string): string {
  const from = resolve(scenarioDir).split(sep).filter(Boolean);
  const to = resolve(template).split(sep).filter(Boolean);
  if (from.length > 0 && to.length > 0 && from[0] !== to[0]) return resolve(template);
  return relative(scenarioDir, template).split(sep).join('/');
}

/** The templates of --template, read as every input is read; their problems are exit 2. */
function readStack(
  paths: readonly string[],
  parameters: ReadonlyMap<string, string>,
  maxFileSize: number | undefined,
): StackForCalibration {
  const maxBytes = maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
  const templates = paths.map((fileName) => ({ fileName, text: readTemplateFile(fileName, maxBytes) }));
  const read = readStackForCalibration(templates, parameters, besideTemplate(maxBytes));
  if (!read.ok) throw new UserInputError(read.error.map(formatIssue));
  for (const w of read.value.warnings) process.stderr.write(`${formatIssue(w)}\n`);
  return read.value;
}

/**
 * The function whose logs to keep when `--function` names a logical ID of the templates rather than
 * a function the logs name: the logged function deployed as it, or none (logs of one function).
 */
function logFunctionOf(
  stack: StackForCalibration,
  files: readonly LogFile[],
  option: string | undefined,
): string | undefined {
  if (option === undefined) return undefined;
  const logged = functionsInLogs(files);
  if (logged.has(option)) return option;
  const fn = stack.functions.find((f) => f.logicalId === option || f.name === option);
  if (!fn) return option; // mergeLogFiles names what the logs hold
  const deployed = [...logged.keys()].filter((name) => deployedAs(fn, name));
  if (deployed.length === 1) return deployed[0];
  if (logged.size <= 1) return undefined;
  throw new UserInputError(
    `lamsim calibrate: --function ${option}: the logs hold several functions (${[...logged.keys()].join(', ')}) and none is deployed as ${option}; give the name in the logs`,
  );
}

/** The written scenario must parse as written; a failure here is a bug in calibrate, or an option it cannot honour. */
function checkScenario(outPath: string, calibration: Calibration, maxFileSize: number | undefined): Scenario {
  const files = new Map(calibration.files.map((f) => [f.name, f.text]));
  // Templates are read beside the scenario, as `lamsim run` will; the data files are not written yet.
  const parsed = parseScenarioAt(outPath, calibration.scenarioText, {
    pending: files,
    ...(maxFileSize !== undefined ? { maxFileBytes: maxFileSize } : {}),
  });
  if (!parsed.ok) {
    // The file does not exist: its problems give line:col in the text that would have been written.
    throw new UserInputError([
      `lamsim calibrate: the calibrated scenario does not validate, so nothing was written (${outPath} was not created; line:col below are in its text):`,
      ...parsed.error.map((i) =>
        i.file === outPath
          ? `  ${i.line}:${i.col}${i.path === '' ? '' : ` ${i.path}`}: ${i.message}`
          : formatIssue(i),
      ),
    ]);
  }
  return parsed.value.scenario;
}

/** mergeLogFiles' refusal, one line per problem: `FILE: ...` as is, others prefixed with the command. */
function corpusError(error: string, files: readonly LogFile[]): string[] {
  return error
    .split('\n')
    .map((line) => (files.some((f) => line.startsWith(`${f.file}: `)) ? line : `lamsim calibrate: ${line}`));
}

function reportProblems(problems: readonly LogProblem[]): void {
  for (const p of problems.slice(0, LISTED_PROBLEMS)) {
    process.stderr.write(`${p.file}:${p.line}: skipped: ${p.message}: ${p.excerpt}\n`);
  }
  if (problems.length > LISTED_PROBLEMS) {
    process.stderr.write(`... and ${problems.length - LISTED_PROBLEMS} more malformed lines skipped\n`);
  }
}
