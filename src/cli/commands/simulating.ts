/**
 * The commands that simulate (and `merge`, which writes the same report bundle): one module, so
 * the bundled command line (src/build/bundleCli.ts) builds them into one file that holds the
 * simulator, the bill and the reports once. A command loads only its own bundle: `validate`,
 * `schema` and `cost` are bundled on their own, without this code.
 */
export { checkCommand } from './check.ts';
export { compareCommand } from './compare.ts';
export { diffCommand } from './diff.ts';
export { jobCommand } from './job.ts';
export { mergeCommand } from './merge.ts';
export { planCommand } from './plan.ts';
export { runCommand, runDirect } from './run.ts';
export { tuneCommand } from './tune.ts';
