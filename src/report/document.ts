/**
 * A report as data (design principle 15): sections of paragraphs, tables, charts and code, built
 * once from the results and rendered to Markdown (markdown.ts) and to HTML (html.ts). Cells are
 * already formatted strings; nothing here depends on the renderer.
 */
import type { ChartSpec } from './charts/chartSpec.ts';

export interface Column {
  readonly title: string;
  readonly align?: 'left' | 'right';
}

export interface Table {
  /** Shown above the table in HTML, as a bold line in Markdown; optional. */
  readonly caption?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  /** Rows to set in bold (e.g. totals), by index. */
  readonly strongRows?: readonly number[];
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'chart'; readonly chart: ChartSpec }
  /** Source text (the scenario as run); `collapsed` folds it away by default. */
  | {
      readonly kind: 'code';
      readonly title: string;
      readonly language: string;
      readonly text: string;
      readonly collapsed: boolean;
    };

export interface Section {
  readonly heading: string;
  /** 2 for top-level sections, 3 below them. */
  readonly level: 2 | 3;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly title: string;
  /** Paragraphs under the title. */
  readonly intro: readonly string[];
  readonly sections: readonly Section[];
}

/** Every chart of a document, in order. */
export function chartsOf(doc: ReportDocument): ChartSpec[] {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : [])));
}

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const tableBlock = (table: Table): Block => ({ kind: 'table', table });
export const chartBlock = (chart: ChartSpec): Block => ({ kind: 'chart', chart });

/** The document with chart ids (and PNG names) made unique by suffixing repeats with -2, -3, ... */
export function withUniqueChartIds(doc: ReportDocument): ReportDocument {
  const seen = new Map<string, number>();
  const unique = (c: ChartSpec): ChartSpec => {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    if (n === 1) return c;
    const id = `${c.id}-${n}`;
    return { ...c, id, file: `${id}.png` };
  };
  return {
    ...doc,
    sections: doc.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => (b.kind === 'chart' ? { ...b, chart: unique(b.chart) } : b)),
    })),
  };
}
