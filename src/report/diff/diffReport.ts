/**
 * `lamsim diff` in words: the verdict, what moved, the budgets, and the comparison report of the
 * two runs (reused from `lamsim compare`: the same tables, the overlaid charts that changed). Pure.
 *
 * Runs are labelled `base` and `head` in tables and chart legends; `DiffLabels` say what each is
 * (a file, a file at a git ref).
 */
import type { DiffResult, MeasureDelta } from '../../experiments/index.ts';
import type { ChartSpec } from '../charts/chartSpec.ts';
import { buildComparisonReport, type ComparedRun } from '../compareReport.ts';
import {
  chartsOf,
  paragraph,
  type ReportDocument,
  type Section,
  type Table,
  tableBlock,
} from '../document.ts';
import { budgetTable } from './budgetText.ts';
import { deltaText, formatFigure, intervalText, measureLabel, significanceText } from './diffFormat.ts';

export interface DiffLabels {
  /** What the base is, e.g. `scenarios/api.yaml at origin/main`. */
  readonly base: string;
  /** What the head is, e.g. `scenarios/api.yaml`. */
  readonly head: string;
}

export interface DiffTexts {
  /** The scenario files' texts, as run. */
  readonly base: string;
  readonly head: string;
}

/** The two runs of replication 1 as `lamsim compare` sees them, labelled base and head. */
export function comparedRuns(diff: DiffResult, texts: DiffTexts): ComparedRun[] {
  return [
    { label: 'base', output: diff.base[0], scenarioText: texts.base },
    { label: 'head', output: diff.head[0], scenarioText: texts.head },
  ];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The verdict: budgets first, then what got worse or better, and how sure we are. */
export function diffVerdict(diff: DiffResult): string {
  const v = diff.verdict;
  const parts: string[] = [];
  if (v.budgetsBroken > 0) parts.push(`${plural(v.budgetsBroken, 'budget')} broken.`);
  else if (diff.budgets.length > 0) parts.push(`Every budget holds (${diff.budgets.length} checked).`);
  if (v.worse + v.better + v.changed === 0) {
    parts.push(
      diff.replications > 1
        ? `No figure changed significantly (${Math.round(diff.confidence * 100)}% confidence over ${diff.replications} replications).`
        : 'No figure changed.',
    );
  } else {
    const moved = [
      v.worse > 0 ? `${plural(v.worse, 'figure')} worse` : '',
      v.better > 0 ? `${plural(v.better, 'figure')} better` : '',
      v.changed > 0 ? `${plural(v.changed, 'figure')} changed` : '',
    ].filter(Boolean);
    parts.push(
      `${moved.join(', ')}${
        diff.replications > 1
          ? ` (significant at ${Math.round(diff.confidence * 100)}% over ${diff.replications} replications).`
          : " (one replication: significance unknown; 5 replications (--replications 5, or the GitHub Action's replications: 5) give confidence intervals)."
      }`,
    );
  }
  return parts.join(' ');
}

const ORDER: Readonly<Record<MeasureDelta['direction'], number>> = {
  worse: 0,
  added: 1,
  removed: 2,
  changed: 3,
  better: 4,
  same: 5,
};

/** Figures as a table: measure, base, head, change, interval, significant. */
export function measuresTable(measures: readonly MeasureDelta[], caption?: string): Table {
  return {
    ...(caption ? { caption } : {}),
    columns: [
      { title: 'figure' },
      { title: 'base', align: 'right' },
      { title: 'head', align: 'right' },
      { title: 'change', align: 'right' },
      { title: '95% interval', align: 'right' },
      { title: 'significant' },
    ],
    rows: measures.map((m) => [
      measureLabel(m),
      formatFigure(m.unit, m.base),
      formatFigure(m.unit, m.head),
      deltaText(m),
      intervalText(m),
      significanceText(m),
    ]),
  };
}

/** The figures that moved (anything but `same`), worst first, then the rest in their order. */
export function movedMeasures(diff: DiffResult): MeasureDelta[] {
  return diff.measures
    .filter((m) => m.direction !== 'same')
    .map((m, i) => [m, i] as const)
    .sort((a, b) => ORDER[a[0].direction] - ORDER[b[0].direction] || a[1] - b[1])
    .map(([m]) => m);
}

/** The overlaid charts in which base and head differ (datasets compared without their run label). */
export function changedCharts(charts: readonly ChartSpec[]): ChartSpec[] {
  const side = (chart: ChartSpec, label: string) =>
    JSON.stringify(
      chart.config.data.datasets
        .filter((d) => d.label.startsWith(label))
        .map((d) => [d.label.slice(label.length), d.data]),
    );
  return charts.filter((c) => side(c, 'base') !== side(c, 'head'));
}

function provenance(diff: DiffResult, labels: DiffLabels): string {
  return (
    `base: ${labels.base}; head: ${labels.head}. Both run with the same seeds ` +
    `(${diff.seeds.join(', ')}), so differences come from the change, not from the random draws.`
  );
}

/** report.md / report.html of the bundle: the diff, then the comparison report of replication 1. */
export function buildDiffReport(diff: DiffResult, labels: DiffLabels, texts: DiffTexts): ReportDocument {
  const runs = comparedRuns(diff, texts);
  const compared = buildComparisonReport(runs);
  const moved = movedMeasures(diff);
  const diffSection: Section = {
    heading: 'What changed',
    level: 2,
    blocks: [
      ...(diff.budgets.length > 0 ? [tableBlock({ ...budgetTable(diff.budgets), caption: 'Budgets' })] : []),
      moved.length > 0 ? tableBlock(measuresTable(moved)) : paragraph('No figure moved.'),
      tableBlock(measuresTable(diff.measures, 'Every compared figure')),
    ],
  };
  const charts = new Set(changedCharts(chartsOf(compared)).map((c) => c.id));
  const sections = compared.sections.map((s) =>
    s.heading === 'Charts'
      ? {
          ...s,
          heading: 'Charts that changed',
          blocks: s.blocks.some((b) => b.kind === 'chart' && charts.has(b.chart.id))
            ? s.blocks.filter((b) => b.kind !== 'chart' || charts.has(b.chart.id))
            : [paragraph('No chart differs between base and head.')],
        }
      : s,
  );
  return {
    title: `Diff: ${labels.base} → ${labels.head}`,
    intro: [diffVerdict(diff), provenance(diff, labels)],
    sections: [diffSection, ...sections],
  };
}
