/**
 * The pull-request comment of `lamsim diff --format md`: compact (the verdict, the budgets, what
 * moved), the rest folded in <details> blocks (every figure, the `lamsim compare` tables, the
 * provenance). No images: the charts are PNGs in the report folder (a CI artifact). Pure.
 */
import type { DiffResult } from '../../experiments/index.ts';
import { comparisonCostTable, comparisonResourceTable, comparisonTable } from '../compareReport.ts';
import { chartsOf } from '../document.ts';
import { markdownTable } from '../markdown.ts';
import { budgetTable } from './budgetText.ts';
import {
  buildDiffReport,
  comparedRuns,
  type DiffLabels,
  type DiffTexts,
  diffVerdict,
  measuresTable,
  movedMeasures,
} from './diffReport.ts';

export interface CommentOptions {
  /**
   * Where the PNGs of the charts that changed are (e.g. `reports/diff`, an artifact's name); the
   * comment lists them by name. Without it the charts are not mentioned (none were written).
   */
  readonly chartsIn?: string;
}

/** Text inside <summary> and code spans: no HTML, no Markdown links. */
const plain = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[[\]`]/g, '');

const details = (summary: string, body: string) =>
  `<details>\n<summary>${plain(summary)}</summary>\n\n${body}\n\n</details>`;

export function diffComment(
  diff: DiffResult,
  labels: DiffLabels,
  texts: DiffTexts,
  options: CommentOptions = {},
): string {
  const runs = comparedRuns(diff, texts);
  const moved = movedMeasures(diff);
  const out: string[] = [`### lamsim diff: \`${plain(labels.base)}\` → \`${plain(labels.head)}\``, ''];
  const broken = diff.verdict.budgetsBroken > 0;
  out.push(`${broken ? '❌' : '✅'} **${plain(diffVerdict(diff))}**`, '');
  if (diff.budgets.length > 0) out.push(markdownTable(budgetTable(diff.budgets)), '');
  if (moved.length > 0) out.push(markdownTable(measuresTable(moved, 'What moved')), '');
  out.push(
    details(`Every compared figure (${diff.measures.length})`, markdownTable(measuresTable(diff.measures))),
    '',
  );
  const resources = comparisonResourceTable(runs);
  out.push(
    details(
      'Side by side (lamsim compare, replication 1)',
      [comparisonTable(runs), comparisonCostTable(runs), ...(resources ? [resources] : [])]
        .map(markdownTable)
        .join('\n\n'),
    ),
    '',
  );
  if (options.chartsIn !== undefined) {
    const charts = chartsOf(buildDiffReport(diff, labels, texts)).map((c) => c.file);
    out.push(
      charts.length > 0
        ? `Charts that changed (base and head overlaid) are in \`${plain(options.chartsIn)}\`: ${charts.map((c) => `\`${plain(c)}\``).join(', ')}.`
        : 'No chart differs between base and head.',
      '',
    );
  }
  out.push(
    details(
      'Provenance',
      [
        `- base: \`${plain(labels.base)}\` (${plain(diff.base[0].summary.provenance.scenarioHash)})`,
        `- head: \`${plain(labels.head)}\` (${plain(diff.head[0].summary.provenance.scenarioHash)})`,
        `- seeds: ${diff.seeds.join(', ')} (the same for base and head: common random numbers)`,
        `- lamsim ${plain(diff.head[0].summary.lamsim.version)}`,
      ].join('\n'),
    ),
    '',
  );
  return out.join('\n');
}
