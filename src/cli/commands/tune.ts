/**
 * `lamsim tune FILE [--function NAME] [--memory 128,256,...] [--architectures x86_64,arm64]
 * [--strategy cost|speed|balanced] [--weight W] [--max-p99 300ms] [--constraint METRIC=VALUE]
 * [--from-power-tuning [ARCH=]FILE ...] [--out DIR]`: memory-tuning sweep; writes tune.json, tune.md,
 * tune.html and charts (default DIR: reports/<name>/tune/) and prints the points and the
 * recommendation. `--plan-jobs DIR`: write the sweep's points as jobs into DIR instead (run each with
 * `lamsim job`); `--collect DIR`: the bundle from their results, the same bytes as the local sweep
 * (the sweep's points and settings come from DIR/sweep.json).
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  type Architecture,
  collectTune,
  excerpt,
  InputFileError,
  nodeReportAssets,
  parseArchitectures,
  parseDuration,
  parseMemoryGrid,
  parseSloArgument,
  planTuneJobs,
  prepareBundleWriter,
  prepareChartRenderer,
  prepareTune,
  type Result,
  readInputFile,
  runTune,
  type SloObjective,
  STRATEGIES,
  type Strategy,
  SWEEP_FILE,
  type TuneResult,
  tuneBundleFiles,
  tuneText,
  writeBundle,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import {
  chartsOption,
  checkOutput,
  forceOption,
  maxFileSizeOption,
  maxInvocationsOption,
  outOption,
  seedOption,
  workersOption,
} from '../options.ts';
import { progressBar } from '../progress.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import {
  checkSweepFlags,
  collectInputs,
  collectOption,
  collectOrExit,
  planJobsOption,
  writePlannedJobs,
} from '../sweepInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  file: string;
  function?: string;
  memory?: string;
  architectures?: string;
  strategy?: Strategy;
  weight?: number;
  maxP50?: string;
  maxP95?: string;
  maxP99?: string;
  constraint?: string[];
  fromPowerTuning?: string[];
  out?: string;
  force: boolean;
  charts: boolean;
  seed?: number;
  workers?: number;
  maxInvocations: number;
  maxFileSize?: number;
  planJobs?: string;
  collect?: string;
}

const DEFAULT_STRATEGY: Strategy = 'cost';
const DEFAULT_WEIGHT = 0.5;

/** The options that make a tune sweep (its points and how its result is read): planned once, in sweep.json. */
const SWEEP_SETTINGS: readonly (readonly [keyof Args, string])[] = [
  ['function', '--function'],
  ['memory', '--memory'],
  ['architectures', '--architectures'],
  ['strategy', '--strategy'],
  ['weight', '--weight'],
  ['maxP50', '--max-p50'],
  ['maxP95', '--max-p95'],
  ['maxP99', '--max-p99'],
  ['constraint', '--constraint'],
  ['fromPowerTuning', '--from-power-tuning'],
];

function orExit<T>(result: Result<T, string>, what: string): T {
  if (!result.ok) throw new UserInputError(`${what}: ${result.error}`);
  return result.value;
}

/** The Power Tuning result's text; a missing, special or oversized file is exit 2. */
function readPowerTuningFile(file: string, maxBytes: number | undefined): string {
  let text: string | undefined;
  try {
    text = readInputFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new UserInputError(`--from-power-tuning ${file}: cannot read: the file ${error.message}`);
  }
  if (text === undefined) throw new UserInputError(`--from-power-tuning ${file}: cannot read: no such file`);
  return text;
}

/** `x86_64=FILE` or `arm64=FILE` names the architecture measured; a plain FILE is the function's. */
function splitArchitecture(value: string): { architecture?: Architecture; file: string } {
  const m = /^(x86_64|arm64)=(.+)$/.exec(value);
  return m ? { architecture: m[1] as Architecture, file: m[2] } : { file: value };
}

function constraintsOf(args: Args): SloObjective[] {
  const out: SloObjective[] = [];
  for (const [flag, metric, value] of [
    ['--max-p50', 'p50', args.maxP50],
    ['--max-p95', 'p95', args.maxP95],
    ['--max-p99', 'p99', args.maxP99],
  ] as const) {
    if (value !== undefined) out.push({ metric, max: orExit(parseDuration(String(value)), flag) });
  }
  for (const text of args.constraint ?? []) out.push(orExit(parseSloArgument(String(text)), '--constraint'));
  return out;
}

export const tuneCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.tune,
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('function', { type: 'string', describe: 'function to tune (default: the first with traffic)' })
      .option('memory', {
        type: 'string',
        describe:
          "memory sizes: a list (128,256,1GB) and/or ranges FROM..TO:STEP (default: Power Tuning's 128,256,512,1024,1536,2048,3008)",
      })
      .option('architectures', {
        type: 'string',
        describe: "x86_64, arm64 or both (default: the function's)",
      })
      // No yargs defaults for the sweep's settings: --collect refuses them only when given.
      .option('strategy', {
        choices: STRATEGIES,
        describe: "Power Tuning's strategy (default: cost)",
      })
      .option('weight', {
        type: 'number',
        describe: 'balanced strategy: weight of cost against duration, 0..1 (1 = cheapest; default 0.5)',
      })
      .option('max-p50', { type: 'string', describe: 'constraint: p50 latency at most this (e.g. 100ms)' })
      .option('max-p95', { type: 'string', describe: 'constraint: p95 latency at most this' })
      .option('max-p99', { type: 'string', describe: 'constraint: p99 latency at most this (e.g. 300ms)' })
      .option('constraint', {
        type: 'string',
        array: true,
        describe: 'constraint METRIC=VALUE as for plan --slo (e.g. coldStartRate=1%); repeatable',
      })
      .option('from-power-tuning', {
        type: 'string',
        array: true,
        describe:
          "fit the function's compute/io/threads to a Power Tuning result (JSON output or link); give x86_64=FILE and arm64=FILE to fit archSpeed too",
      })
      .option('out', outOption('reports/<name>/tune/'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('seed', seedOption)
      .option('max-file-size', maxFileSizeOption)
      .option('workers', workersOption)
      .option('plan-jobs', planJobsOption)
      .option('collect', collectOption)
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this per point'),
      ) as never,
  handler: async (args) => {
    const weight = args.weight ?? DEFAULT_WEIGHT;
    if (!(weight >= 0 && weight <= 1)) {
      throw new UserInputError(`--weight: expected a number from 0 to 1, got ${args.weight}`);
    }
    const { scenario, text, inputFiles } = readScenarioOrExit(args.file, {
      seed: args.seed,
      maxInvocations: args.maxInvocations,
      maxFileBytes: args.maxFileSize,
    });
    checkSweepFlags(args);
    const outDir = args.out ?? join('reports', scenario.name, 'tune');
    // What this command reads: never replaced by its bundle (nor a folder holding it), even with --force.
    const readFiles = [
      ...inputFiles,
      ...(args.collect !== undefined ? collectInputs(args.collect) : []),
      ...(args.fromPowerTuning ?? []).map((value) => splitArchitecture(String(value)).file),
    ];
    if (args.collect !== undefined) {
      const given = SWEEP_SETTINGS.filter(([key]) => args[key] !== undefined).map(([, flag]) => flag);
      if (given.length > 0) {
        throw new UserInputError(
          `${given.join(', ')}: not with --collect: a collected sweep keeps the function, memory sizes, architectures, strategy, weight and constraints it was planned with (${excerpt(join(args.collect, SWEEP_FILE), 200)}); plan it again with --plan-jobs to change them`,
        );
      }
      checkOutput(outDir, args.force, readFiles);
      const { sweep, ordered } = collectOrExit(args.collect, 'tune', scenario, args.maxFileSize);
      await writeTune(collectTune(sweep, ordered), outDir, sweep.scenario.description, args, readFiles);
      return;
    }
    checkOutput(args.planJobs ?? outDir, args.force, readFiles);
    const options = {
      function: args.function,
      memoryMb:
        args.memory === undefined ? undefined : orExit(parseMemoryGrid(String(args.memory)), '--memory'),
      architectures:
        args.architectures === undefined
          ? undefined
          : orExit(parseArchitectures(String(args.architectures)), '--architectures'),
      strategy: args.strategy ?? DEFAULT_STRATEGY,
      weight,
      constraints: constraintsOf(args),
    };
    const inputs = (args.fromPowerTuning ?? []).map((value) => {
      const { architecture, file } = splitArchitecture(String(value));
      return { source: file, architecture, text: () => readPowerTuningFile(file, args.maxFileSize) };
    });
    const prepared = prepareTune(scenario, options, inputs);
    if (!prepared.ok) {
      const { input, message } = prepared.error;
      const named = inputs.map((i) => i.source).join(' ');
      throw new UserInputError(
        `${input === 'powerTuning' ? `--from-power-tuning ${named}` : 'tune'}: ${message}`,
      );
    }
    const plan = prepared.value;
    if (args.planJobs !== undefined) {
      await writePlannedJobs(args.planJobs, planTuneJobs(plan, text, scenario), {
        force: args.force,
        inputs: readFiles,
      });
      return;
    }
    const runs = plan.jobs.length + (plan.currentJob ? 1 : 0);
    const progress = progressBar(`tuning ${plan.function} (${runs} runs)`);
    let result: Awaited<ReturnType<typeof runTune>>;
    try {
      result = await runTune(plan, {
        workers: args.workers,
        onProgress: (done, total) => progress.update(done / total),
        // A core idles while the last runs end: load there what writing the bundle loads (the
        // chart renderer, the lock's module), not after them.
        onThreadIdle: () => {
          if (args.charts) prepareChartRenderer();
          prepareBundleWriter();
        },
      });
    } finally {
      progress.stop();
    }
    await writeTune(result, outDir, plan.scenario.description, args, readFiles);
  },
};

/** Prints the result, then writes its bundle (the PNGs take a while to render). */
async function writeTune(
  result: TuneResult,
  outDir: string,
  description: string,
  args: Args,
  inputs: readonly string[],
): Promise<void> {
  process.stdout.write(tuneText(result));
  const assets = nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true });
  await writeBundle(outDir, tuneBundleFiles(result, assets, description), {
    kind: 'tune',
    force: args.force,
    inputs,
  });
  process.stdout.write(`\n  report      ${outDir}/\n`);
}
