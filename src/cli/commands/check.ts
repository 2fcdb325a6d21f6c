/**
 * `lamsim check FILE [--budget FILE]`: runs the scenario once and checks its budgets (the
 * scenario's `budgets:`, or the budget file's); prints one line per budget (the figure, the budget,
 * the evidence) and exits 0 when every budget holds, 3 when one is broken. Relative budgets
 * (`+10%`) need a base: `lamsim diff` checks them.
 */
import type { CommandModule } from 'yargs';
import {
  brokenBudgets,
  budgetLines,
  checkBudgets,
  checkJson,
  checkText,
  excerpt,
  readYaml,
  runScenario,
} from '../../index.ts';
import { readBudgetsOrExit } from '../budgetInput.ts';
import { EXIT_BUDGET_BROKEN, UserInputError } from '../errors.ts';
import { maxFileSizeOption, maxInvocationsOption, seedOption } from '../options.ts';
import { progressBar } from '../progress.ts';
import { readScenarioOrExit } from '../scenarioInput.ts';
import { COMMAND_SPECS } from './specs.ts';

interface Args {
  file: string;
  budget?: string;
  format: 'text' | 'json';
  seed?: number;
  maxFileSize?: number;
  maxInvocations: number;
}

export const checkCommand: CommandModule<object, Args> = {
  ...COMMAND_SPECS.check,
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario YAML' })
      .option('budget', {
        type: 'string',
        describe: "budget file (a `budgets:` block) instead of the scenario's",
      })
      .option('format', {
        choices: ['text', 'json'] as const,
        default: 'text' as const,
        describe: 'output on stdout',
      })
      .option('seed', seedOption)
      .option('max-file-size', maxFileSizeOption)
      .option(
        'max-invocations',
        maxInvocationsOption('refuse scenarios expected to simulate more invocations than this'),
      )
      .example('$0 check scenarios/api.yaml', "the scenario's budgets:")
      .example(
        '$0 check scenarios/api.yaml --budget budgets.yaml',
        'budgets kept in their own file',
      ) as never,
  handler: (args) => {
    const loaded = readScenarioOrExit(args.file, {
      seed: args.seed,
      maxInvocations: args.maxInvocations,
      maxFileBytes: args.maxFileSize,
    });
    const scenario = loaded.scenario;
    const budgets =
      args.budget !== undefined
        ? readBudgetsOrExit(args.budget, scenario, args.maxFileSize)
        : scenario.budgets;
    if (!budgets || budgets.length === 0) {
      const at = args.budget ?? args.file;
      const { line, col } = args.budget
        ? { line: 1, col: 1 }
        : readYaml(loaded.text, args.file).source.position([], 'key');
      throw new UserInputError(
        `${excerpt(at, 200)}:${line}:${col} budgets: no budget to check; write a \`budgets:\` block (e.g. budgets: { p99: 500ms, monthlyCostUsd: 100 }) or pass --budget FILE`,
      );
    }
    const progress = progressBar(`simulating ${scenario.name}`);
    const output = runScenario(scenario, { onProgress: (f) => progress.update(f) });
    progress.stop();
    const checks = checkBudgets(budgets, [output.summary]);
    process.stdout.write(
      args.format === 'json'
        ? checkJson(checks, output.summary)
        : checkText(checks, output.summary, args.file),
    );
    if (checks.some((c) => c.status === 'broken')) {
      // The text form lists every budget already; json says on stderr what broke (as diff does).
      if (args.format === 'json') {
        for (const line of budgetLines(brokenBudgets(checks), output.summary)) {
          process.stderr.write(`lamsim check: ${line}\n`);
        }
      }
      process.exitCode = EXIT_BUDGET_BROKEN;
    }
  },
};
