/**
 * `lamsim plan FILE [--slo p99=500ms] [--slo throttleRate=1%] [--target-rate R | --target-scale S]
 * [--out DIR]`: capacity planning. Scales the traffic to find the largest load at which every SLO
 * holds, names the bottleneck and the cheapest verified change at the target load; writes
 * plan.json, plan.md, plan.html and charts (default DIR: reports/<name>/plan/).
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  DEFAULT_SEARCH_SETTINGS,
  formatIssue,
  nodeReportAssets,
  parseFraction,
  parseSloArgument,
  planBundleFiles,
  planText,
  readYaml,
  runPlan,
  type TracedTraffic,
  tracedTraffic,
  tracedTrafficProblem,
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
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  maxFileSize?: number;
  file: string;
  slo?: string[];
  targetRate?: number;
  targetScale?: number;
  replications: number;
  maxReplications: number;
  confidence: string;
  tolerance: string;
  out?: string;
  force: boolean;
  charts: boolean;
  seed?: number;
  workers?: number;
  maxInvocations: number;
}

function fraction(flag: string, text: string): number {
  const asNumber = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
  const r = parseFraction(asNumber);
  if (!r.ok) throw new UserInputError(`${flag}: ${r.error}`);
  return r.value;
}

/**
 * A `FILE:LINE:COL traffic.trace: ...` line per traced source, at its `trace` key (the written
 * traffic a list or one mapping), before anything runs: plan refuses them (tracedTrafficProblem).
 */
function tracedTrafficLines(file: string, text: string, traced: readonly TracedTraffic[]): string[] {
  const source = readYaml(text, file).source;
  const list = Array.isArray((source.data as { traffic?: unknown } | null)?.traffic);
  return traced.map((t) => {
    const path = list ? ['traffic', t.index, 'trace'] : ['traffic', 'trace'];
    const { line, col } = source.position(path, 'key');
    return formatIssue({
      file,
      line,
      col,
      path: path.join('.'),
      message: tracedTrafficProblem(t),
      severity: 'error',
    });
  });
}

export const planCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.plan,
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('slo', {
        type: 'string',
        array: true,
        describe:
          "objective METRIC=VALUE (p50..p99, max, throttleRate, errorRate, coldStartRate, timeoutRate, dbConnectionErrors, queueAge, backlogAtEnd); adds to or replaces the scenario's slo: block; repeatable",
      })
      .option('target-rate', {
        type: 'number',
        describe:
          'target load: peak arrival rate per second, in what the traffic sends (requests, events, messages, records)',
      })
      .option('target-scale', {
        type: 'number',
        describe: "target load: factor on the scenario's traffic (default 2)",
      })
      .option('replications', { type: 'number', default: 3, describe: 'replications per load at first' })
      .option('max-replications', { type: 'number', default: 10, describe: 'replications per load at most' })
      .option('confidence', { type: 'string', default: '95%', describe: 'confidence a verdict should reach' })
      .option('tolerance', {
        type: 'string',
        default: '2%',
        describe: 'relative width at which the search stops',
      })
      .option('out', outOption('reports/<name>/plan/'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('seed', seedOption)
      .option('max-file-size', maxFileSizeOption)
      .option('workers', workersOption)
      .option(
        'max-invocations',
        // The search's own default (50 M), not a single run's (1.8 B): it makes tens of runs.
        maxInvocationsOption(
          'largest run (expected invocations) the search may simulate',
          DEFAULT_SEARCH_SETTINGS.maxInvocationsPerRun,
        ),
      ) as never,
  handler: async (args) => {
    const slo = (args.slo ?? []).map((text) => {
      const r = parseSloArgument(String(text));
      if (!r.ok) throw new UserInputError(`--slo ${r.error}`);
      return r.value;
    });
    const minReplications = args.replications;
    const maxReplications = Math.max(args.maxReplications, minReplications);
    if (!(Number.isInteger(minReplications) && minReplications >= 1)) {
      throw new UserInputError(`--replications: expected an integer >= 1, got ${args.replications}`);
    }
    const confidence = fraction('--confidence', String(args.confidence));
    const tolerance = fraction('--tolerance', String(args.tolerance));
    if (!(tolerance > 0)) throw new UserInputError('--tolerance: must be above 0');
    const { scenario, text, inputFiles } = readScenarioOrExit(args.file, {
      maxFileBytes: args.maxFileSize,
      seed: args.seed,
      maxInvocations: args.maxInvocations,
    });
    const traced = tracedTraffic(scenario);
    if (traced.length > 0) throw new UserInputError(tracedTrafficLines(args.file, text, traced));
    const outDir = args.out ?? join('reports', scenario.name, 'plan');
    checkOutput(outDir, args.force, inputFiles);
    const progress = progressBar(`planning ${scenario.name}`);
    let runs = 0;
    const tick = setInterval(() => progress.update(Math.min(0.99, runs / (runs + 20))), 500);
    let result: Awaited<ReturnType<typeof runPlan>>;
    try {
      result = await runPlan(scenario, {
        slo,
        targetRate: args.targetRate,
        targetScale: args.targetScale,
        replications: { minReplications, maxReplications, confidence },
        search: { tolerance, maxInvocationsPerRun: args.maxInvocations },
        workers: args.workers,
        onRuns: (n) => {
          runs = n;
        },
      });
    } finally {
      clearInterval(tick);
      progress.stop();
    }
    if (!result.ok) throw new UserInputError(`${args.file}: ${result.error}`);
    // The result first: the bundle's PNGs take a while to render.
    process.stdout.write(planText(result.value));
    const assets = nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true });
    await writeBundle(outDir, planBundleFiles(result.value, assets, scenario.description), {
      kind: 'plan',
      force: args.force,
      inputs: inputFiles,
    });
    process.stdout.write(`\n  report      ${outDir}/\n`);
  },
};
