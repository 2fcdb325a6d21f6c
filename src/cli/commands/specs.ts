/**
 * Each command's usage and one-line description: what `lamsim --help` lists and how the parser
 * recognises a command before its module is loaded (./index.ts loads a command's module only when
 * the command runs). Keyed by the command's name; each module spreads its entry.
 */
export const COMMAND_SPECS = {
  run: {
    command: 'run <file>',
    describe: 'Simulate a scenario, write its report bundle and print a summary',
  },
  merge: {
    command: 'merge <partials..>',
    describe: "Merge the shards' partial.json of a run into its report bundle",
  },
  job: {
    command: 'job <job>',
    describe:
      'Run one job of a sweep planned with --plan-jobs (tune, run --replications) and write its result',
  },
  compare: {
    command: 'compare <files..>',
    describe: 'Run several scenarios with the same seed and write one side-by-side report',
  },
  diff: {
    command: 'diff <files..>',
    describe:
      'Run a base and a head scenario with the same seeds and report what changed; exit 3 on a broken budget',
  },
  check: {
    command: 'check <file>',
    describe: 'Run a scenario and check its budgets: exit 0 within budget, 3 when a budget is broken',
  },
  validate: {
    command: 'validate <file>',
    describe: 'Check a scenario file and report every problem at once',
  },
  cost: {
    command: 'cost',
    describe: 'monthly cost of a function from averages, no simulation (like the AWS Pricing Calculator)',
  },
  schema: {
    command: 'schema',
    describe: 'Print the JSON Schema of the scenario format (for editors)',
  },
  tune: {
    command: 'tune <file>',
    describe:
      'Memory-tuning sweep: every memory size (x architecture) on the same traffic, and a recommendation',
  },
  plan: {
    command: 'plan <file>',
    describe: 'Capacity planning: the largest load that meets the SLOs, the bottleneck, and what to change',
  },
  import: {
    command: 'import <templates..>',
    describe: 'Write a scenario from a SAM, CloudFormation (cdk synth) or Serverless Framework template',
  },
  calibrate: {
    command: 'calibrate <logs..>',
    describe: 'Write a scenario that reproduces CloudWatch Logs of one function',
  },
} as const;
