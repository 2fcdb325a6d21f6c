/**
 * The commands that write a scenario from what a user already has (templates, CloudWatch Logs):
 * one module, bundled into one file of its own (src/build/bundleCli.ts), so the template and log
 * readers (csv-parse among them) are not loaded by the commands that simulate.
 */
export { calibrateCommand } from './calibrate.ts';
export { importCommand } from './import.ts';
