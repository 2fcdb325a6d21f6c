/**
 * A report document as Markdown, readable on GitHub: tables, the PNG charts embedded by relative
 * path, the scenario folded in a <details> block. Pure.
 */
import type { Block, ReportDocument, Table } from './document.ts';

/**
 * Text safe inside Markdown prose and table cells: no raw HTML, no links or images (a user's
 * `![x](https://...)` or `[x](javascript:...)` stays text: CommonMark reads a backslash-escaped
 * bracket as a literal one), no cell breaks. Escapes are Markdown's own backslashes, and only
 * where the character would mean something, so `p99 612 ms > 500 ms` and `< 0.0195` read as
 * written in the .md file (no `&gt;`: HTML entities are for HTML): `<` before a letter, `/`, `!`
 * or `?` (a tag, comment or autolink), `&` before `name;` or `#digits;` (an entity), `>` at the
 * start of a line (a quote).
 */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^( {0,3})>/gm, '$1\\>');
}

const escapeCell = (text: string) => escapeText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function markdownTable(table: Table): string {
  const strong = new Set(table.strongRows ?? []);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [];
  if (table.caption) out.push(`**${escapeText(table.caption)}**`, '');
  out.push(line(table.columns.map((c) => escapeCell(c.title))));
  out.push(line(table.columns.map((c) => (c.align === 'right' ? '--:' : '---'))));
  table.rows.forEach((row, i) => {
    const cells = row.map((cell) => {
      const text = escapeCell(cell);
      return strong.has(i) && text !== '' ? `**${text}**` : text;
    });
    out.push(line(cells));
  });
  return out.join('\n');
}

/** A fence longer than any run of backticks in the text. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export interface MarkdownOptions {
  /**
   * Where the charts are: embedded PNGs beside the file (default), or only drawn by the named
   * HTML file of the bundle (`--no-charts`: no PNGs; each chart is named and that file pointed to).
   */
  readonly charts?: 'png' | { readonly drawnIn: string };
}

function markdownBlock(block: Block, options: MarkdownOptions): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeText(block.text);
    case 'table':
      return markdownTable(block.table);
    case 'chart':
      if (options.charts !== undefined && options.charts !== 'png') {
        return `*Chart: ${escapeText(block.chart.title)} (drawn in ${options.charts.drawnIn}; no PNG with --no-charts)*`;
      }
      return `![${escapeText(block.chart.title.replace(/[[\]]/g, ''))}](${block.chart.file})`;
    case 'code': {
      const fence = fenceFor(block.text);
      const body = `${fence}${block.language}\n${block.text.replace(/\n$/, '')}\n${fence}`;
      if (!block.collapsed) return `**${escapeText(block.title)}**\n\n${body}`;
      return `<details>\n<summary>${escapeText(block.title)}</summary>\n\n${body}\n\n</details>`;
    }
  }
}

export function reportMarkdown(doc: ReportDocument, options: MarkdownOptions = {}): string {
  const out: string[] = [`# ${escapeText(doc.title)}`, ''];
  for (const text of doc.intro) out.push(escapeText(text), '');
  for (const section of doc.sections) {
    out.push(`${'#'.repeat(section.level)} ${escapeText(section.heading)}`, '');
    for (const block of section.blocks) out.push(markdownBlock(block, options), '');
  }
  return out.join('\n');
}
