/**
 * `lamsim run FILE [--out DIR] [--seed N]`: simulate, write the report bundle (summary.json,
 * report.md, report.html, PNG charts) atomically, print a summary.
 * `--shard K/N`: simulate slice K of N of the window and write only its partial.json into DIR
 * (default reports/<name>-shard-K-of-N/); `lamsim merge` writes the bundle from every shard's.
 * `--shards N`: the shard from a batch engine's index variable (shardInput.ts), or, with none set,
 * every shard on this machine's worker pool, merged into the usual bundle.
 * `--replications R`: R independent replications on the worker pool; the bundle is replication 1's
 * with every figure's confidence interval in summary.json (`replications`), printed and in report.md.
 * `--plan-jobs DIR`: write the R replications as jobs into DIR instead (run each with `lamsim job`);
 * `--collect DIR`: the bundle from their results, the same bytes as the local run.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  checkPartials,
  collectReplications,
  DEFAULT_MAX_INVOCATIONS,
  mergePartials,
  nodeReportAssets,
  outputProblem,
  PARTIAL_FILE,
  partialJson,
  planReplicationJobs,
  type RunOutput,
  reportBundleFiles,
  runLocalShards,
  runReplications,
  runScenario,
  runShard,
  type Scenario,
  type ShardIndex,
  stopYoungGenerationGrowth,
  summaryText,
  writeBundle,
} from '../../index.ts';
import type { DirectRun } from '../directCommand.ts';
import { UserInputError } from '../errors.ts';
import {
  chartsOption,
  checkOutput,
  forceOption,
  maxFileSizeOption,
  maxInvocationsOption,
  outOption,
  parseMaxInvocations,
  seedOption,
  workersOption,
} from '../options.ts';
import { progressBar } from '../progress.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { shardFromEngine, shardOption, shardsOption, warmupOption } from '../shardInput.ts';
import {
  checkSweepFlags,
  collectInputs,
  collectOption,
  collectOrExit,
  planJobsOption,
  replicationsOption,
  writePlannedJobs,
} from '../sweepInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  maxFileSize?: number;
  file: string;
  out?: string;
  force: boolean;
  charts: boolean;
  seed?: number;
  maxInvocations: number;
  shard?: ShardIndex;
  shards?: number;
  warmup?: number;
  replications?: number;
  workers?: number;
  planJobs?: string;
  collect?: string;
}

export const runCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.run,
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('out', outOption('reports/<name>/'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('seed', seedOption)
      .option('shard', shardOption)
      .option('shards', shardsOption)
      .option('warmup', warmupOption)
      .option('replications', replicationsOption)
      .option('workers', workersOption)
      .option('plan-jobs', planJobsOption)
      .option('collect', collectOption)
      .option('max-file-size', maxFileSizeOption)
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this'),
      ) as never,
  handler: async (args) => {
    const { scenario, text, inputFiles } = readScenarioOrExit(args.file, {
      maxFileBytes: args.maxFileSize,
      seed: args.seed,
      maxInvocations: args.maxInvocations,
    });
    if (args.warmup !== undefined && !args.shard && args.shards === undefined) {
      throw new UserInputError(
        '--warmup: only with --shard K/N or --shards N (a whole run starts from nothing, with no warm-up)',
      );
    }
    if (args.shard && args.shards !== undefined) {
      throw new UserInputError(
        '--shard K/N and --shards N: give one (--shards reads the shard from the batch engine, or runs them all here)',
      );
    }
    if ((args.replications ?? 1) > 1 && (args.shard || args.shards !== undefined)) {
      throw new UserInputError(
        '--replications and --shard/--shards: give one (replicate whole runs, or cut one run into shards)',
      );
    }
    checkSweepFlags(args);
    // What this run reads (the scenario and the files it names): never replaced by its bundle (nor
    // a folder holding it), even with --force.
    const inputs = [...inputFiles, ...(args.collect !== undefined ? collectInputs(args.collect) : [])];
    const sweepFlag =
      args.planJobs !== undefined ? '--plan-jobs' : args.collect !== undefined ? '--collect' : null;
    if (sweepFlag && (args.shard || args.shards !== undefined)) {
      throw new UserInputError(
        `${sweepFlag} and --shard/--shards: give one (jobs are replications of whole runs)`,
      );
    }
    if (args.planJobs !== undefined) {
      checkOutput(args.planJobs, args.force, inputs);
      await writePlannedJobs(args.planJobs, planReplicationJobs(scenario, text, args.replications ?? 1), {
        force: args.force,
        inputs,
      });
      return;
    }
    const shard =
      args.shard ?? (args.shards !== undefined ? shardFromEngine(process.env, args.shards) : null);
    const outDir =
      args.out ??
      join('reports', shard ? `${scenario.name}-shard-${shard.index}-of-${shard.count}` : scenario.name);
    checkOutput(outDir, args.force, inputs);
    if (shard) {
      const progress = progressBar(`simulating ${scenario.name}, shard ${shard.index}/${shard.count}`);
      const partial = runShard(scenario, text, shard, {
        onProgress: (f) => progress.update(f),
        warmupMs: args.warmup,
      });
      progress.stop();
      await writeBundle(outDir, [{ name: PARTIAL_FILE, data: partialJson(partial) }], {
        kind: 'partial',
        force: args.force,
        inputs,
      });
      process.stdout.write(`  partial     ${join(outDir, PARTIAL_FILE)}\n`);
      return;
    }
    const { output, scenarioText } =
      args.collect !== undefined
        ? collected(args.collect, scenario, args)
        : {
            scenarioText: text,
            output:
              args.shards !== undefined
                ? await runAllShards(scenario, text, args)
                : (args.replications ?? 1) > 1
                  ? await runReplicated(scenario, args.replications as number, args.workers)
                  : runWhole(scenario, args.charts),
          };
    // The summary first: the bundle's PNGs take a while to render, and the numbers are known now.
    process.stdout.write(summaryText(output.summary));
    const assets = nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true });
    await writeBundle(outDir, reportBundleFiles(output, scenarioText, assets), {
      kind: 'run',
      force: args.force,
      inputs,
    });
    process.stdout.write(`\n  report      ${outDir}/\n`);
  },
};

/**
 * `run FILE [--out DIR] [--force] [--no-charts]` (../directCommand.ts, directRun) run as the parser
 * would run it, for the command line's direct path (../start.ts): the handler gets the same
 * arguments (every other option at its default, `--max-invocations`' through its coercion, DIR as
 * `--out`'s coercion returns it). Resolves to false, having done nothing, when `--out` would refuse
 * DIR (parseOut's check), so that the parser reports it as usual.
 */
export async function runDirect(direct: DirectRun): Promise<boolean> {
  if (direct.out !== undefined && outputProblem(direct.out, { force: true }) !== null) return false;
  await runCommand.handler({
    _: ['run'],
    $0: 'lamsim',
    file: direct.file,
    out: direct.out,
    force: direct.force,
    charts: direct.charts,
    maxInvocations: parseMaxInvocations(DEFAULT_MAX_INVOCATIONS),
  });
  return true;
}

/**
 * One run in this thread. When its PNGs are drawn after it (`charts`), the young generation is
 * kept at the size the start left it (youngGeneration.ts), since the charts' memory comes on top
 * of what the simulation left resident.
 */
function runWhole(scenario: Scenario, charts: boolean): RunOutput {
  if (charts) stopYoungGenerationGrowth();
  const progress = progressBar(`simulating ${scenario.name}`);
  const output = runScenario(scenario, { onProgress: (f) => progress.update(f) });
  progress.stop();
  return output;
}

/** `--replications R` (R >= 2): replication 1 here, the others on the worker pool. */
async function runReplicated(scenario: Scenario, count: number, workers?: number): Promise<RunOutput> {
  const progress = progressBar(`simulating ${scenario.name}, ${count} replications`);
  try {
    return await runReplications(scenario, count, {
      workers,
      onProgress: (done, total) => progress.update(done / total),
    });
  } finally {
    progress.stop();
  }
}

/** `--collect DIR`: the replications' bundle from their jobs' results (and the text they were planned from). */
function collected(dir: string, scenario: Scenario, args: Args): { output: RunOutput; scenarioText: string } {
  const { sweep, ordered } = collectOrExit(dir, 'replications', scenario, args.maxFileSize);
  if (args.replications !== undefined && args.replications !== sweep.jobs) {
    throw new UserInputError(
      `--replications ${args.replications}: the sweep in ${dir} has ${sweep.jobs} replications (leave --replications out to collect them)`,
    );
  }
  return { output: collectReplications(sweep, ordered), scenarioText: sweep.scenarioText };
}

/** `--shards N` with no engine index: every shard on this machine's worker pool, merged. */
async function runAllShards(scenario: Scenario, text: string, args: Args): Promise<RunOutput> {
  const count = args.shards as number;
  const progress = progressBar(`simulating ${scenario.name} in ${count} shards`);
  const partials = await runLocalShards(scenario, text, count, {
    warmupMs: args.warmup,
    onProgress: (done, total) => progress.update(done / total),
  });
  progress.stop();
  const checked = checkPartials(
    partials.map((partial) => ({ file: `shard ${partial.shard.index}/${count}`, partial })),
  );
  if (!checked.ok) throw new Error(`lamsim bug: local shards do not merge: ${checked.error}`);
  return mergePartials(checked.value).output;
}
