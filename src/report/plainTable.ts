/** A report table as aligned plain text, for the terminal. Pure. */
import type { Table } from './document.ts';

export function plainTable(table: Table): string {
  const header = table.columns.map((c) => c.title);
  const rows = [header, ...table.rows];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        table.columns[c]?.align === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]),
      )
      .join('  ')
      .trimEnd();
  const lines = [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(render)];
  return `${lines.join('\n')}\n`;
}
