/** What a report bundle needs from outside the pure core: Chart.js's source and a PNG renderer. */
import type { ChartSpec, ReportAssets } from '../report/index.ts';
import { chartJsUmdSource } from './chartJsSource.ts';
import { renderChartPng } from './renderChartPng.ts';
import { stopYoungGenerationGrowth } from './youngGeneration.ts';

export interface ReportAssetOptions {
  /** Render each chart to PNG (default true); false for `--no-charts` (report.html still draws them). */
  readonly charts?: boolean;
  /**
   * Stop V8's young generation from growing once the first PNG is drawn (default false), for a
   * process whose charts are its last work, as in the CLI's commands: see ./youngGeneration.ts.
   * A program that simulates after drawing should leave it off (its collections would cost more).
   */
  readonly stopYoungGenerationGrowth?: boolean;
}

export function nodeReportAssets(options: ReportAssetOptions = {}): ReportAssets {
  const renderPng =
    options.charts === false
      ? null
      : options.stopYoungGenerationGrowth === true
        ? (spec: ChartSpec): Promise<Uint8Array> => {
            stopYoungGenerationGrowth();
            return renderChartPng(spec);
          }
        : renderChartPng;
  return { chartJs: chartJsUmdSource(), renderPng };
}
