/** What `lamsim tune` prints to stdout: the points in a compact table and the recommendation. Pure. */
import type { TuneResult } from '../../experiments/index.ts';
import { formatMs, formatUsdFine } from '../format.ts';
import { tuneReason } from './tuneReason.ts';

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

export function tuneText(r: TuneResult): string {
  const lines: string[] = [];
  lines.push(
    `lamsim ${r.provenance.version}: tune ${r.function} in ${r.scenario} (seed ${r.seed}, strategy ${r.strategy}` +
      `${r.strategy === 'balanced' ? `, weight ${r.weight}` : ''})`,
  );
  lines.push('');
  const header = ['configuration', 'mean dur', 'p99 lat', 'per invocation', 'per month', 'ok'];
  const rows = r.points.map((p) => [
    `${p.memoryMb} MB ${p.architecture}${p.current ? ' *' : ''}`,
    formatMs(p.durationMs.mean),
    formatMs(p.latencyMs.p99),
    Number.isFinite(p.costUsdPerInvocation) ? `$${Number(p.costUsdPerInvocation.toPrecision(3))}` : 'n/a',
    formatUsdFine(p.monthlyCostUsd),
    p.meetsConstraints ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    `  ${row.map((c, i) => pad(c, widths[i], i > 0 && i < 5)).join('  ')}`.trimEnd();
  lines.push(fmt(header));
  for (const row of rows) lines.push(fmt(row));
  lines.push('  (* current configuration)');
  lines.push('');
  lines.push(`  recommended ${r.recommendation.memoryMb} MB ${r.recommendation.architecture}`);
  lines.push(`  ${tuneReason(r)}`);
  return `${lines.join('\n')}\n`;
}
