/**
 * The files of a report bundle, as data (the CLI writes them atomically with writeBundle):
 * summary.json, report.md, report.html and one PNG per chart (rendered when written). Pure given its assets: Chart.js's
 * source and a PNG renderer come in from the I/O edge (src/io/reportAssets.ts), so tests can
 * pass stand-ins.
 */
import type { DiffResult, RunOutput } from '../experiments/index.ts';
import { summaryJson } from '../results/index.ts';
import type { ChartSpec } from './charts/chartSpec.ts';
import { buildComparisonReport, type ComparedRun, comparisonJson } from './compareReport.ts';
import { comparedRuns } from './diff/diffReport.ts';
import { buildDiffReport, type DiffLabels, type DiffTexts, diffComment, diffJson } from './diff/index.ts';
import { chartsOf, type ReportDocument } from './document.ts';
import { reportHtml } from './html.ts';
import { reportMarkdown } from './markdown.ts';
import { buildRunReport } from './runReport.ts';

/**
 * One file of a bundle. `data` is the content, or a function that makes it when the file is
 * written (PNG charts, so a bundle never holds them all). The function may return a promise (a
 * chart drawn now and encoded off the main thread): the writer makes the next file before it
 * awaits this one, so at most two made files are held at once.
 */
export interface BundleFile {
  /** File name inside the bundle (may contain sub-directories). */
  readonly name: string;
  readonly data: string | Uint8Array | (() => Uint8Array | Promise<Uint8Array>);
}

/** The content of a bundle file (makes a lazy one). */
export const bundleFileData = (file: BundleFile): string | Uint8Array | Promise<Uint8Array> =>
  typeof file.data === 'function' ? file.data() : file.data;

/** One lazily rendered PNG per chart of a document (none without a renderer: `--no-charts`). */
export function chartFiles(doc: ReportDocument, assets: ReportAssets): BundleFile[] {
  const render = assets.renderPng;
  return render ? chartsOf(doc).map((chart) => ({ name: chart.file, data: () => render(chart) })) : [];
}

export interface ReportAssets {
  /** Chart.js's UMD build, inlined into report.html (which draws every chart in the browser). */
  readonly chartJs: string;
  /**
   * PNG bytes of a chart, spec.widthPx x spec.heightPx (or a promise of them: see BundleFile);
   * null: no PNGs (`--no-charts`), and report.md names each chart and points to report.html
   * instead of embedding its PNG.
   */
  readonly renderPng: ((spec: ChartSpec) => Uint8Array | Promise<Uint8Array>) | null;
}

/** `<base>.md`, `<base>.html` (base `report` by default) and the PNG of every chart of a document. */
export function documentBundleFiles(
  doc: ReportDocument,
  assets: ReportAssets,
  base = 'report',
): BundleFile[] {
  return [
    {
      name: `${base}.md`,
      data: reportMarkdown(doc, { charts: assets.renderPng ? 'png' : { drawnIn: `${base}.html` } }),
    },
    { name: `${base}.html`, data: reportHtml(doc, assets.chartJs) },
    ...chartFiles(doc, assets),
  ];
}

/** The bundle of one run: summary.json, then the report files. */
export function reportBundleFiles(
  output: RunOutput,
  scenarioText: string,
  assets: ReportAssets,
): BundleFile[] {
  return [
    { name: 'summary.json', data: summaryJson(output.summary) },
    ...documentBundleFiles(buildRunReport(output, scenarioText), assets),
  ];
}

/** The bundle of `lamsim compare`: compare.json (every summary), then the report files. */
export function comparisonBundleFiles(runs: readonly ComparedRun[], assets: ReportAssets): BundleFile[] {
  return [
    { name: 'compare.json', data: comparisonJson(runs) },
    ...documentBundleFiles(buildComparisonReport(runs), assets),
  ];
}

/**
 * The bundle of `lamsim diff`: diff.json (the deltas and budgets), compare.json (both summaries of
 * replication 1, as `lamsim compare` writes them), comment.md (the pull-request comment), then
 * report.md / report.html (the diff and the comparison report) and the PNG of every chart that changed.
 */
export function diffBundleFiles(
  diff: DiffResult,
  labels: DiffLabels,
  texts: DiffTexts,
  assets: ReportAssets,
): BundleFile[] {
  const doc = buildDiffReport(diff, labels, texts);
  return [
    { name: 'diff.json', data: diffJson(diff, labels) },
    { name: 'compare.json', data: comparisonJson(comparedRuns(diff, texts)) },
    // With PNGs, the comment names them (beside it); with none (--no-charts) it names no chart file.
    {
      name: 'comment.md',
      data: diffComment(diff, labels, texts, assets.renderPng ? { chartsIn: '.' } : {}),
    },
    ...documentBundleFiles(doc, assets),
  ];
}
