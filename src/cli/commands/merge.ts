/**
 * `lamsim merge PARTIAL... [--out DIR]`: merges the partial.json of every shard of a run (files, or
 * folders holding one) and writes the bundle `lamsim run` writes for the whole window (default DIR
 * reports/<name>/), then prints the summary. Partials of another lamsim version, scenario or seed,
 * and shards given twice or missing, are refused (exit 2, one line: `FILE: what is wrong`).
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { mergePartials, nodeReportAssets, reportBundleFiles, summaryText, writeBundle } from '../../index.ts';
import { chartsOption, checkOutput, forceOption, maxFileSizeOption, outOption } from '../options.ts';
import { readPartialsOrExit } from '../shardInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  partials: string[];
  out?: string;
  force: boolean;
  charts: boolean;
  maxFileSize?: number;
}

export const mergeCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.merge,
  builder: (y) =>
    y
      .positional('partials', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'partial.json files (or folders holding one), one per shard',
      })
      .option('out', outOption('reports/<name>/'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('max-file-size', maxFileSizeOption) as never,
  handler: async (args) => {
    const partials = readPartialsOrExit(args.partials, args.maxFileSize);
    const scenario = partials[0].partial.scenario;
    const outDir = args.out ?? join('reports', scenario.name);
    // The partials merged: never replaced by the bundle (nor a folder holding one), even with --force.
    const inputs = args.partials;
    checkOutput(outDir, args.force, inputs);
    const { output, scenarioText } = mergePartials(partials);
    await writeBundle(
      outDir,
      reportBundleFiles(
        output,
        scenarioText,
        nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true }),
      ),
      {
        kind: 'run',
        force: args.force,
        inputs,
      },
    );
    process.stdout.write(summaryText(output.summary));
    process.stdout.write(`\n  report      ${outDir}/\n`);
  },
};
