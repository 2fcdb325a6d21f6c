/**
 * `lamsim run FILE [--out DIR] [--seed N]`: simulate, write the report bundle (summary.json,
 * report.md, report.html, PNG charts) atomically, print a summary.
 * `--shard K/N`: simulate slice K of N of the window and write only its partial.json into DIR
 * (default reports/<name>-shard-K-of-N/); `lamsim merge` writes the bundle from every shard's.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  nodeReportAssets,
  PARTIAL_FILE,
  partialJson,
  reportBundleFiles,
  runScenario,
  runShard,
  type ShardIndex,
  summaryText,
  writeBundle,
} from '../../index.ts';
import { UserInputError } from '../errors.ts';
import {
  checkOutput,
  forceOption,
  maxFileSizeOption,
  maxInvocationsOption,
  outOption,
  seedOption,
} from '../options.ts';
import { progressBar } from '../progress.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { shardOption, warmupOption } from '../shardInput.ts';

interface Args {
  maxFileSize?: number;
  file: string;
  out?: string;
  force: boolean;
  seed?: number;
  maxInvocations: number;
  shard?: ShardIndex;
  warmup?: number;
}

export const runCommand: CommandModule<object, Args> = {
  command: 'run <file>',
  describe: 'Simulate a scenario, write its report bundle and print a summary',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('out', outOption('reports/<name>/'))
      .option('force', forceOption)
      .option('seed', seedOption)
      .option('shard', shardOption)
      .option('warmup', warmupOption)
      .option('max-file-size', maxFileSizeOption)
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this'),
      ) as never,
  handler: async (args) => {
    const { scenario, text } = readScenarioOrExit(args.file, {
      maxFileBytes: args.maxFileSize,
      seed: args.seed,
      maxInvocations: args.maxInvocations,
    });
    const shard = args.shard;
    const outDir =
      args.out ??
      join('reports', shard ? `${scenario.name}-shard-${shard.index}-of-${shard.count}` : scenario.name);
    checkOutput(outDir, args.force);
    if (shard) {
      const progress = progressBar(`simulating ${scenario.name}, shard ${shard.index}/${shard.count}`);
      const partial = runShard(scenario, text, shard, {
        onProgress: (f) => progress.update(f),
        warmupMs: args.warmup,
      });
      progress.stop();
      if (!partial.ok) {
        throw new UserInputError(
          `--shard ${shard.index}/${shard.count}: ${partial.error}; run the whole window (or --shard 1/1)`,
        );
      }
      await writeBundle(outDir, [{ name: PARTIAL_FILE, data: partialJson(partial.value) }], {
        kind: 'partial',
        force: args.force,
      });
      process.stdout.write(`  partial     ${join(outDir, PARTIAL_FILE)}\n`);
      return;
    }
    const progress = progressBar(`simulating ${scenario.name}`);
    const output = runScenario(scenario, { onProgress: (f) => progress.update(f) });
    progress.stop();
    await writeBundle(outDir, reportBundleFiles(output, text, nodeReportAssets()), {
      kind: 'run',
      force: args.force,
    });
    process.stdout.write(summaryText(output.summary));
    process.stdout.write(`\n  report      ${outDir}/\n`);
  },
};
