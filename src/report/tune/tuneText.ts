/** What `lamsim tune` prints to stdout: the points in a compact table and the recommendation. Pure. */
import type { TuneResult } from '../../experiments/index.ts';
import { costsLeftOutText } from '../costsLeftOutText.ts';
import { formatMs, formatPercent, formatUsdFine } from '../format.ts';
import { servedMany, servedOne } from './servedText.ts';
import { latencyText, tuneReason } from './tuneReason.ts';

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

export function tuneText(r: TuneResult): string {
  const lines: string[] = [];
  lines.push(
    `lamsim ${r.provenance.version}: tune ${r.function} in ${r.scenario} (seed ${r.seed}, strategy ${r.strategy}` +
      `${r.strategy === 'balanced' ? `, weight ${r.weight}` : ''})`,
  );
  lines.push('');
  const header = [
    'configuration',
    'mean dur',
    'p99 lat',
    'throttled',
    'errors',
    `per ${servedOne(r.current)}`,
    'per month',
    'ok',
  ];
  const rows = r.points.map((p) => [
    `${p.memoryMb} MB ${p.architecture}${p.current ? ' *' : ''}`,
    formatMs(p.durationMs.mean),
    latencyText(p, p.latencyMs.p99),
    formatPercent(p.throttleRate),
    formatPercent(p.errorRate),
    Number.isFinite(p.costUsdPerRequestServed) ? formatUsdFine(p.costUsdPerRequestServed) : 'n/a',
    formatUsdFine(p.monthlyCostUsd),
    p.meetsConstraints ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const last = header.length - 1;
  const fmt = (row: string[]) =>
    `  ${row.map((c, i) => pad(c, widths[i], i > 0 && i < last)).join('  ')}`.trimEnd();
  lines.push(fmt(header));
  for (const row of rows) lines.push(fmt(row));
  lines.push(
    `  (* current configuration; errors: failed or timed out in the end; per ${servedOne(r.current)}: the function's Lambda charges / ${servedMany(r.current)}; per month: the whole bill)`,
  );
  lines.push(`  (per month: ${r.monthlyBasis.assumption})`);
  lines.push('');
  lines.push(`  recommended ${r.recommendation.memoryMb} MB ${r.recommendation.architecture}`);
  lines.push(`  ${tuneReason(r)}`);
  const left = costsLeftOutText(r.costsLeftOut);
  if (left) lines.push(`  ${left}`);
  return `${lines.join('\n')}\n`;
}
