/** What a report bundle needs from outside the pure core: Chart.js's source and a PNG renderer. */
import type { ReportAssets } from '../report/index.ts';
import { chartJsUmdSource } from './chartJsSource.ts';
import { renderChartPng } from './renderChartPng.ts';

export function nodeReportAssets(): ReportAssets {
  return { chartJs: chartJsUmdSource(), renderPng: renderChartPng };
}
