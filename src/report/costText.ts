/**
 * The bill and the price table as plain text for `lamsim cost` (monospace columns, dollars to the
 * cent). Pure.
 */
import type { CostBreakdown, PriceList } from '../billing/index.ts';
import { formatQuantity, formatUsd } from './format.ts';

/** A plain-text table of the line items and the total (the total is formatUsd(totalUsd)). */
export function renderCostTable(bill: CostBreakdown): string {
  const header = ['service', 'item', 'quantity', 'unit', 'USD'];
  const rows = bill.lines.map((l) => [
    l.service,
    l.item,
    formatQuantity(l.quantity),
    l.unit,
    formatUsd(l.usd),
  ]);
  rows.push(['total', '', '', '', formatUsd(bill.totalUsd)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const rightAligned = new Set([2, 4]);
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = rows.map(render);
  return [render(header), rule, ...body.slice(0, -1), rule, body[body.length - 1]].join('\n') + '\n';
}

/** A plain-text table: id, USD (marked when overridden), unit, confidence, since, description. */
export function renderPriceList(list: PriceList): string {
  const header = ['id', 'USD', 'unit', 'confidence', 'since', 'description'];
  const cells = list.prices.map((p) => [
    p.id,
    `${p.usd}${p.overridden ? ' (override)' : p.fallbackFrom ? ` (${p.fallbackFrom})` : ''}`,
    `per ${p.unit}`,
    p.confidence,
    p.since ?? '',
    p.description,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  const asOf = [...new Set(list.prices.map((p) => p.asOf))].join(', ');
  return `${[line(header), ...cells.map(line)].join('\n')}\nPrices for ${list.region}, sources read ${asOf}; sources per price with --json.\n`;
}
