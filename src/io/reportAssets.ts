/** What a report bundle needs from outside the pure core: Chart.js's source and a PNG renderer. */
import type { ReportAssets } from '../report/index.ts';
import { chartJsUmdSource } from './chartJsSource.ts';
import { renderChartPng } from './renderChartPng.ts';

export interface ReportAssetOptions {
  /** Render each chart to PNG (default true); false for `--no-charts` (report.html still draws them). */
  readonly charts?: boolean;
}

export function nodeReportAssets(options: ReportAssetOptions = {}): ReportAssets {
  return { chartJs: chartJsUmdSource(), renderPng: options.charts === false ? null : renderChartPng };
}
