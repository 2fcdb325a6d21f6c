/**
 * `lamsim diff BASE HEAD` or `lamsim diff FILE --base-ref REF`: runs the base and the head with the
 * same seeds (`--replications R` pairs), prints what moved (`--format text|md|json`; md is the
 * pull-request comment), optionally writes the bundle (`--out DIR`: diff.json, compare.json,
 * comment.md, report.md/html, the charts that changed), and exits 3 when a budget of the head
 * (`budgets:` or `--budget FILE`) is broken.
 */
import type { CommandModule } from 'yargs';
import {
  brokenBudgets,
  budgetLines,
  type DiffLabels,
  diffBundleFiles,
  diffComment,
  diffJson,
  diffText,
  formatIssue,
  type LoadedScenario,
  loadScenarioAtRef,
  nodeReportAssets,
  runDiff,
  writeBundle,
} from '../../index.ts';
import { readBudgetsOrExit } from '../budgetInput.ts';
import { EXIT_BUDGET_BROKEN, UserInputError } from '../errors.ts';
import {
  chartsOption,
  checkOutput,
  forceOption,
  maxFileSizeOption,
  maxInvocationsOption,
  outOption,
  seedOption,
  single,
} from '../options.ts';
import { progressBar } from '../progress.ts';
import { budgetsOnly, readScenarioOrExit } from '../scenarioInput.ts';
import { COMMAND_SPECS } from './specs.ts';

export const FORMATS = ['text', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Args {
  files: string[];
  baseRef?: string;
  replications: number;
  format: Format;
  budget?: string;
  out?: string;
  force: boolean;
  charts: boolean;
  seed?: number;
  maxFileSize?: number;
  maxInvocations: number;
}

/**
 * `--replications R`: a whole number from 1 to 100. Lower than `run`'s MAX_REPLICATIONS (10,000)
 * on purpose: diff runs base and head in this process, one replication after the other (no worker
 * pool, no jobs), and a pull-request check wants minutes, not hours.
 */
export function parseReplications(value: unknown): number {
  const text = String(single('--replications', value)).trim();
  const n = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= 100))
    throw new UserInputError(`--replications: expected a whole number from 1 to 100, got '${text}'`);
  return n;
}

/** The base at REF; only the head's budgets are checked, so the base's are left out when they alone are invalid. */
function loadAtRefOrExit(file: string, ref: string, maxFileBytes?: number): LoadedScenario {
  let loaded = loadScenarioAtRef(file, ref, { maxFileBytes });
  if (!loaded.ok && budgetsOnly(loaded.error)) {
    loaded = loadScenarioAtRef(file, ref, { maxFileBytes, ignoreBudgets: true });
  }
  if (!loaded.ok) throw new UserInputError(loaded.error.map(formatIssue));
  return loaded.value;
}

export const diffCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.diff,
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'BASE HEAD (two scenario files), or one file with --base-ref',
      })
      .option('base-ref', {
        type: 'string',
        describe: 'git ref of the base: the file (and the files it references) as they are at REF',
      })
      .option('replications', {
        type: 'string',
        default: 1,
        coerce: parseReplications,
        describe: 'runs per side (seeds shared pairwise); 2 or more give 95% intervals and significance',
      })
      .option('format', {
        choices: FORMATS,
        default: 'text' as Format,
        describe: 'what stdout gets: text, md (the pull-request comment) or json',
      })
      .option('budget', {
        type: 'string',
        describe: "budget file (a `budgets:` block) instead of the head's budgets",
      })
      .option('out', outOption('none: nothing is written'))
      .option('force', forceOption)
      .option('charts', chartsOption)
      .option('max-file-size', maxFileSizeOption)
      .option('seed', {
        ...seedOption,
        describe: "seed of replication 1 for both sides (default: the base's)",
      })
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this'),
      )
      .example('$0 diff scenarios/rds-direct.yaml scenarios/rds-proxy.yaml', 'two scenarios')
      .example(
        '$0 diff scenarios/api.yaml --base-ref origin/main --format md',
        'the change against main, as a PR comment',
      ) as never,
  handler: async (args) => {
    const files = args.files;
    const ref = args.baseRef === undefined ? undefined : String(single('--base-ref', args.baseRef));
    if (ref !== undefined ? files.length !== 1 : files.length !== 2) {
      throw new UserInputError(
        'lamsim diff: name two scenario files (BASE HEAD), or one file and --base-ref REF (the base is that file at REF)',
      );
    }
    // What diff reads: never replaced by its bundle (nor a folder holding it), even with --force.
    // The files named are checked before reading them, the files they name once read.
    const budgetFiles = args.budget !== undefined ? [String(args.budget)] : [];
    if (args.out !== undefined) checkOutput(args.out, args.force, [...files, ...budgetFiles]);
    const sizeCheck = { maxInvocations: args.maxInvocations, maxFileBytes: args.maxFileSize };
    const headFile = files[files.length - 1];
    const head = readScenarioOrExit(headFile, sizeCheck);
    const base =
      ref !== undefined
        ? loadAtRefOrExit(headFile, ref, args.maxFileSize)
        : readScenarioOrExit(files[0], { ...sizeCheck, baseOfDiff: true });
    const inputs = [...files, ...base.inputFiles, ...head.inputFiles, ...budgetFiles];
    if (args.out !== undefined) checkOutput(args.out, args.force, inputs);
    const labels: DiffLabels = {
      base: ref !== undefined ? `${headFile} at ${ref}` : files[0],
      head: headFile,
    };
    const budgets =
      args.budget === undefined ? undefined : readBudgetsOrExit(args.budget, head.scenario, args.maxFileSize);
    let bar: ReturnType<typeof progressBar> | undefined;
    let current = '';
    const diff = runDiff(base.scenario, head.scenario, {
      replications: args.replications,
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(budgets ? { budgets } : {}),
      onProgress: (side, r, fraction) => {
        const label = `simulating ${side}${args.replications > 1 ? ` ${r + 1}/${args.replications}` : ''}`;
        if (label !== current) {
          bar?.stop();
          bar = progressBar(label);
          current = label;
        }
        bar?.update(fraction);
      },
    });
    bar?.stop();
    const texts = { base: base.text, head: head.text };
    if (args.out !== undefined) {
      await writeBundle(
        args.out,
        diffBundleFiles(
          diff,
          labels,
          texts,
          nodeReportAssets({ charts: args.charts, stopYoungGenerationGrowth: true }),
        ),
        {
          kind: 'diff',
          force: args.force,
          inputs,
        },
      );
    }
    const output =
      args.format === 'json'
        ? diffJson(diff, labels)
        : args.format === 'md'
          ? diffComment(
              diff,
              labels,
              texts,
              args.out !== undefined && args.charts ? { chartsIn: args.out } : {},
            )
          : `${diffText(diff, labels)}${args.out !== undefined ? `\n  report      ${args.out}/\n` : ''}`;
    process.stdout.write(output);
    if (diff.verdict.budgetsBroken > 0) {
      // The text form lists every budget already; the others say on stderr what broke.
      if (args.format !== 'text') {
        for (const line of budgetLines(brokenBudgets(diff.budgets), diff.head[0].summary)) {
          process.stderr.write(`lamsim diff: ${line}\n`);
        }
      }
      process.exitCode = EXIT_BUDGET_BROKEN;
    }
  },
};
