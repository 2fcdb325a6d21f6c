/**
 * Rendering a bill for people: dollars to the cent, quantities readable, a plain-text table.
 * Rounding happens here and only here (the data keeps full precision). Pure; locale-independent.
 */
import type { CostBreakdown } from './breakdown.ts';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Whole cents of a dollar amount, rounded half away from zero on the *decimal* value: the amount
 * is first read to 12 significant digits, so 1.005 (stored as 1.00499999...) is 101 cents.
 */
export function usdCents(usd: number): number {
  const cents = Number((Math.abs(usd) * 100).toPrecision(12));
  const rounded = Math.round(cents);
  return rounded === 0 ? 0 : Math.sign(usd) * rounded;
}

/** `$1,234.57`, `-$0.40`, `$0.00`. */
export function formatUsd(usd: number): string {
  const cents = usdCents(usd);
  const abs = Math.abs(cents);
  const text = `$${group(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

/** `3,000,000`, `976.5625`, `0.0001234`: integers grouped, fractions to 4 decimals or 4 significant digits. */
export function formatQuantity(quantity: number): string {
  if (Number.isInteger(quantity)) return group(String(quantity));
  const abs = Math.abs(quantity);
  if (abs < 1) return String(Number(quantity.toPrecision(4)));
  const [whole, fraction] = quantity.toFixed(4).replace(/0+$/, '').replace(/\.$/, '').split('.');
  return fraction === undefined ? group(whole) : `${group(whole)}.${fraction}`;
}

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
