/**
 * `lamsim run FILE [--out DIR] [--seed N]`: simulate, write the report bundle (summary.json,
 * report.md, report.html, PNG charts) atomically, print a summary.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { nodeReportAssets, reportBundleFiles, runScenario, summaryText, writeBundle } from '../../index.ts';
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

interface Args {
  maxFileSize?: number;
  file: string;
  out?: string;
  force: boolean;
  seed?: number;
  maxInvocations: number;
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
    const outDir = args.out ?? join('reports', scenario.name);
    checkOutput(outDir, args.force);
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
