/**
 * The files of a run's report bundle, as data (the CLI writes them atomically).
 */
import type { RunOutput } from '../experiments/run.ts';
import type { BundleFile } from '../io/writeBundle.ts';
import { reportMarkdown } from './markdown.ts';
import { summaryJson } from './summary.ts';

export function reportBundleFiles(output: RunOutput, _scenarioText: string): BundleFile[] {
  return [
    { name: 'summary.json', data: summaryJson(output.summary) },
    { name: 'report.md', data: reportMarkdown(output.summary, output.run.scenario.description) },
  ];
}
