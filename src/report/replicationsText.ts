/**
 * summary.json's `replications` block in words: the lines `lamsim run --replications R` prints
 * under the summary (the headline figures of each function and the monthly bill) and the report's
 * "Replications" section (every figure). Each figure reads `mean ± half-width`, the mean and the
 * half-width at the same precision (two significant digits of the half-width), in the figure's
 * unit: ms for paths ending in `Ms` (or inside a `...Ms` group), % for rates and utilizations,
 * USD for `usd`/`Usd`, plain numbers otherwise. Pure.
 */

import { decimalText } from '../decimalText.ts';
import type { FigureInterval, ReplicationsSummary, Summary } from '../results/index.ts';
import type { Section } from './document.ts';
import { paragraph, tableBlock } from './document.ts';

type Unit = 'ms' | 'percent' | 'usd' | 'number';

function unitOf(path: string): Unit {
  const parts = path.split('.');
  const last = parts[parts.length - 1];
  if (/(Rate|Utilization)$/.test(last)) return 'percent';
  if (/(usd|Usd)$/.test(last)) return 'usd';
  if (/Ms$/.test(last) || /Ms$/.test(parts[parts.length - 2] ?? '')) return 'ms';
  return 'number';
}

/** Decimals that show two significant digits of `halfWidth` (4 significant digits of `mean` when 0). */
function decimalsFor(mean: number, halfWidth: number): number {
  const anchor = halfWidth > 0 ? halfWidth : Math.abs(mean);
  if (!(anchor > 0) || !Number.isFinite(anchor)) return 0;
  const digits = halfWidth > 0 ? 2 : 4;
  return Math.min(9, Math.max(0, digits - 1 - Math.floor(Math.log10(anchor))));
}

/** `212.4 ± 3.1 ms`, `1.23 ± 0.41%`, `$12.34 ± $0.56`, `1,234 ± 56`. */
export function intervalText(path: string, f: FigureInterval): string {
  const unit = unitOf(path);
  const scale = unit === 'percent' ? 100 : 1;
  const mean = f.mean * scale;
  const half = f.halfWidth * scale;
  const d = decimalsFor(mean, half);
  const n = (x: number) => decimalText(x, d, d);
  if (unit === 'usd') return `$${n(mean)} ± $${n(half)}`;
  const suffix = unit === 'ms' ? ' ms' : unit === 'percent' ? '%' : '';
  return `${n(mean)} ± ${n(half)}${suffix}`;
}

const heading = (r: ReplicationsSummary) =>
  `${r.count} replications (seeds ${r.seeds[0]}, ${r.seeds[1]}${r.count > 2 ? ', ...' : ''}), mean ± half-width of the ${Math.round(r.confidence * 100)} % confidence interval (Student's t)`;

/** Each function's headline figures, then the monthly bill. */
const HEADLINE: readonly (readonly [string, string])[] = [
  ['latency p50', 'latencyMs.p50'],
  ['latency p99', 'latencyMs.p99'],
  ['throttled', 'throttleRate'],
  ['cold starts', 'coldStartRate'],
  ['concurrency', 'concurrency.peak'],
];

/** The printed summary's lines for the block (14-column labels, as the summary above them). */
export function replicationLines(summary: Summary): string[] {
  const r = summary.replications;
  if (!r) return [];
  const lines = [`  replicated  ${heading(r)}`];
  for (const name of Object.keys(summary.functions)) {
    const parts = HEADLINE.flatMap(([label, key]) => {
      const path = `functions.${name}.${key}`;
      const f = r.figures[path];
      return f ? [`${label} ${intervalText(path, f)}`] : [];
    });
    lines.push(`    ${name}: ${parts.join(', ')}`);
  }
  const total = r.figures['cost.monthly.totalUsd'];
  if (total) lines.push(`    cost per month: ${intervalText('cost.monthly.totalUsd', total)}`);
  return lines;
}

/** The report's section: every figure of the block, by path. */
export function replicationsSection(r: ReplicationsSummary): Section {
  const pct = Math.round(r.confidence * 100);
  return {
    heading: 'Replications',
    level: 2,
    blocks: [
      paragraph(
        `${heading(r)}. The figures above are replication 1's, run with the scenario's own seed; ` +
          "the others' seeds are derived from it and the replication's number (the seeds plan and " +
          'diff --replications use), listed in summary.json under replications.seeds.',
      ),
      tableBlock({
        columns: [{ title: 'Figure' }, { title: `Mean ± half-width (${pct} %)`, align: 'right' }],
        rows: Object.entries(r.figures).map(([path, f]) => [path, intervalText(path, f)]),
      }),
      ...(r.omitted ? [paragraph(`Not in every replication (no interval): ${r.omitted.join(', ')}.`)] : []),
    ],
  };
}
