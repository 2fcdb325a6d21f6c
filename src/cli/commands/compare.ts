/**
 * `lamsim compare A.yaml B.yaml ... [--out DIR] [--seed N]`: runs every scenario with the same
 * seed (--seed, else the first scenario's) and writes one side-by-side report bundle
 * (compare.json, report.md, report.html, PNG charts; default DIR reports/compare-<a>-vs-<b>/)
 * atomically, then prints the comparison table.
 */
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  COMPARISON_COUNTS_LINE,
  type ComparedRun,
  chartId,
  comparisonBundleFiles,
  comparisonTable,
  nodeReportAssets,
  plainTable,
  runScenario,
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
} from '../options.ts';
import { progressBar } from '../progress.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  maxFileSize?: number;
  files: string[];
  out?: string;
  force: boolean;
  charts: boolean;
  seed?: number;
  maxInvocations: number;
}

/** Scenario names made unique (`name`, `name-2`, ...) so columns and legends can be told apart. */
export function uniqueLabels(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}-${n}`;
  });
}

/** reports/compare-<a>-vs-<b>[-vs-<c>...] */
export function defaultCompareDir(labels: readonly string[]): string {
  return join('reports', `compare-${labels.map((l) => chartId(l)).join('-vs-')}`);
}

export const compareCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.compare,
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'scenario YAMLs (2 or more)',
      })
      .option('out', outOption('reports/compare-<a>-vs-<b>/'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('max-file-size', maxFileSizeOption)
      .option('seed', { ...seedOption, describe: "seed for every run (default: the first scenario's)" })
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this'),
      )
      .example(
        '$0 compare scenarios/rds-direct.yaml scenarios/rds-proxy.yaml',
        'direct connections vs RDS Proxy',
      ) as never,
  handler: async (args) => {
    if (args.files.length < 2) throw new UserInputError('lamsim compare: name at least two scenario files');
    const loaded = args.files.map((file) =>
      readScenarioOrExit(file, { maxInvocations: args.maxInvocations, maxFileBytes: args.maxFileSize }),
    );
    const seed = args.seed ?? loaded[0].scenario.seed;
    const labels = uniqueLabels(loaded.map((l) => l.scenario.name));
    const outDir = args.out ?? defaultCompareDir(labels);
    const inputs = loaded.flatMap((l) => l.inputFiles);
    checkOutput(outDir, args.force, inputs);
    const runs: ComparedRun[] = loaded.map((l, i) => {
      const scenario = { ...l.scenario, seed };
      const progress = progressBar(`simulating ${labels[i]}`);
      const output = runScenario(scenario, { onProgress: (f) => progress.update(f) });
      progress.stop();
      return { label: labels[i], output, scenarioText: l.text };
    });
    await writeBundle(
      outDir,
      comparisonBundleFiles(runs, nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true })),
      {
        kind: 'compare',
        force: args.force,
        inputs,
      },
    );
    process.stdout.write(`lamsim compare: ${labels.join(' vs ')} (seed ${seed})\n\n`);
    process.stdout.write(plainTable(comparisonTable(runs)));
    process.stdout.write(`  ${COMPARISON_COUNTS_LINE}\n`);
    process.stdout.write(`\n  report      ${outDir}/\n`);
  },
};
