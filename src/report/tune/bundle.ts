/**
 * The files of a tuning report: tune.json, tune.md, tune.html and one PNG per chart, as data (the
 * CLI writes them atomically). Pure given its assets (Chart.js's source and a PNG renderer).
 */
import type { TuneResult } from '../../experiments/index.ts';
import { type BundleFile, documentBundleFiles, type ReportAssets } from '../bundle.ts';
import { tuneJson } from './tuneJson.ts';
import { buildTuneReport } from './tuneReport.ts';

export function tuneBundleFiles(result: TuneResult, assets: ReportAssets, description = ''): BundleFile[] {
  const doc = buildTuneReport(result, description);
  return [{ name: 'tune.json', data: tuneJson(result) }, ...documentBundleFiles(doc, assets, 'tune')];
}
