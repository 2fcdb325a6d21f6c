/** What a report bundle needs from outside the pure core: Chart.js's source and a PNG renderer. */
import type { ReportAssets } from '../report/index.ts';
import { chartJsUmdSource } from './chartJsSource.ts';
import {
  builtChartWorkerFile,
  type ChartThreads,
  chartThreadCount,
  startChartThreads,
} from './chartThreads.ts';
import { renderChartPng } from './renderChartPng.ts';

export interface ReportAssetOptions {
  /** Render each chart to PNG (default true); false for `--no-charts` (report.html still draws them). */
  readonly charts?: boolean;
  /** Draw the PNGs on these threads (./chartThreads.ts) instead of this one. */
  readonly threads?: ChartThreads | null;
}

export function nodeReportAssets(options: ReportAssetOptions = {}): ReportAssets {
  return {
    chartJs: chartJsUmdSource(),
    renderPng: options.charts === false ? null : (options.threads ?? renderChartPng),
  };
}

/** A command's report assets and the end of its chart threads. */
export interface CommandReportAssets {
  readonly assets: ReportAssets;
  /** Ends the chart threads, if any: call it once the bundle is written or the command failed. */
  close(): Promise<void>;
}

/**
 * The report assets of a command that writes a bundle, asked for when it starts computing: with
 * charts, the PNGs are drawn on chart threads started now, which load the canvas while the command
 * computes (./chartThreads.ts); in this thread when there is no built thread module (lamsim run
 * from its TypeScript sources). Without charts, no thread is started.
 */
export function startReportAssets(options: { readonly charts: boolean }): CommandReportAssets {
  const workerFile = options.charts ? builtChartWorkerFile() : null;
  const threads = workerFile === null ? null : startChartThreads({ workerFile, threads: chartThreadCount() });
  return {
    assets: nodeReportAssets({ charts: options.charts, threads }),
    close: async () => threads?.close(),
  };
}
