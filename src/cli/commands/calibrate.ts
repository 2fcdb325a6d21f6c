/**
 * `lamsim calibrate LOGS... --out FILE [--function NAME] [--runtime ID] [--architecture A]
 * [--traffic trace|phases] [--fit auto|lognormal|empirical]`: reads CloudWatch Logs of one function
 * and writes a scenario that reproduces them, with the data files it names, beside FILE; then runs
 * it once and writes the calibration report (observed against simulated) to `--report DIR`
 * (default: `<FILE without .yaml>-calibration/` beside it). Malformed lines are reported on stderr
 * and skipped; no REPORT line at all is exit 2.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  type Calibration,
  calibrate,
  calibrationBundleFiles,
  calibrationText,
  compareCalibration,
  comparisonRows,
  formatIssue,
  isDocumentError,
  type LogFile,
  type LogProblem,
  mergeLogFiles,
  nodeReportAssets,
  parseScenario,
  readLogFile,
  readLogText,
  runScenario,
  type Scenario,
  writeBundle,
  writeFilesAtomic,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import { checkOutput, forceOption } from '../options.ts';

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
}

/** Malformed lines listed one by one on stderr; the rest are counted. */
const LISTED_PROBLEMS = 10;

export const calibrateCommand: CommandModule<object, Args> = {
  command: 'calibrate <logs..>',
  describe: 'Write a scenario that reproduces CloudWatch Logs of one function',
  builder: (y) =>
    y
      .positional('logs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe:
          'log files: filter-log-events JSON, aws logs tail text, JSON lines, Logs Insights CSV (.gz too)',
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
      .option('fit', {
        choices: ['auto', 'lognormal', 'empirical'] as const,
        default: 'auto' as const,
        describe: 'durations: a lognormal where it fits (auto), always, or the logged samples',
      }) as never,
  handler: async (args) => {
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
    const corpus = mergeLogFiles(files, args.function === undefined ? {} : { function: args.function });
    if (!corpus.ok) throw new UserInputError(`lamsim calibrate: ${corpus.error}`);
    reportProblems(corpus.value.problems);
    const outPath = args.out;
    const ext = extname(outPath);
    const fileBase = basename(outPath, ext);
    const reportDir = args.report ?? join(dirname(outPath), `${fileBase}-calibration`);
    // Refuse a report folder lamsim may not replace before anything is written.
    checkOutput(reportDir, args.force);
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
    });
    if (!calibration.ok) throw new UserInputError(`lamsim calibrate: ${calibration.error}`);
    const scenario = checkScenario(outPath, calibration.value);
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
        nodeReportAssets(),
      ),
      { kind: 'calibration', force: args.force },
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

/** The written scenario must parse as written; a failure here is a bug in calibrate, or an option it cannot honour. */
function checkScenario(outPath: string, calibration: Calibration): Scenario {
  const files = new Map(calibration.files.map((f) => [f.name, f.text]));
  const parsed = parseScenario(calibration.scenarioText, {
    fileName: outPath,
    readFile: (p) => files.get(p),
  });
  if (!parsed.ok) {
    throw new UserInputError([
      'lamsim calibrate: the calibrated scenario does not validate (nothing was written):',
      ...parsed.error.map(formatIssue),
    ]);
  }
  return parsed.value.scenario;
}

function reportProblems(problems: readonly LogProblem[]): void {
  for (const p of problems.slice(0, LISTED_PROBLEMS)) {
    process.stderr.write(`${p.file}:${p.line}: skipped: ${p.message}: ${p.excerpt}\n`);
  }
  if (problems.length > LISTED_PROBLEMS) {
    process.stderr.write(`... and ${problems.length - LISTED_PROBLEMS} more malformed lines skipped\n`);
  }
}
