/**
 * The files of a capacity plan: plan.json, plan.md, plan.html and one PNG per chart, as data (the
 * CLI writes them atomically). Pure given its assets (Chart.js's source and a PNG renderer).
 */
import type { PlanResult } from '../../experiments/index.ts';
import { type BundleFile, documentBundleFiles, type ReportAssets } from '../bundle.ts';
import { planJson } from './planJson.ts';
import { buildPlanReport } from './planReport.ts';

export function planBundleFiles(result: PlanResult, assets: ReportAssets, description = ''): BundleFile[] {
  const doc = buildPlanReport(result, description);
  return [{ name: 'plan.json', data: planJson(result) }, ...documentBundleFiles(doc, assets, 'plan')];
}
