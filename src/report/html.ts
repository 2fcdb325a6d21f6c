/**
 * A report document as one self-contained HTML page: Chart.js inlined (its UMD build, handed in
 * by the caller, who reads it at the I/O edge), the chart specs as JSON, tables and the scenario.
 * The page loads nothing from the network and contains no clock reading, so the same document
 * gives the same bytes. Pure.
 */
import { CHART_FONT_FAMILY, type ChartSpec } from './charts/chartSpec.ts';
import { declaresLegendMarkers, LEGEND_MARKERS_SCRIPT } from './charts/legendMarkers.ts';
import { type Block, chartsOf, type ReportDocument, type Table } from './document.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for a <script> element: `<` escaped so no `</script>` or `<!--` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** JavaScript source made safe to inline in a <script> element. */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** An id for a heading: lower case, dashes. */
const anchor = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function htmlTable(table: Table): string {
  const strong = new Set(table.strongRows ?? []);
  const cls = (align: string | undefined) => (align === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c) => `<th${cls(c.align)}>${escapeHtml(c.title)}</th>`).join('');
  const body = table.rows
    .map((row, i) => {
      const cells = row.map((cell, c) => `<td${cls(table.columns[c]?.align)}>${escapeHtml(cell)}</td>`);
      return `<tr${strong.has(i) ? ' class="strong"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : '';
  return `<div class="table"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function chartFigure(chart: ChartSpec): string {
  const title = escapeHtml(chart.title);
  return (
    `<figure class="chart"><div class="canvas-box" style="aspect-ratio: ${chart.widthPx} / ${chart.heightPx}">` +
    `<canvas id="chart-${chart.id}" role="img" aria-label="${title}"></canvas></div></figure>`
  );
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'table':
      return htmlTable(block.table);
    case 'chart':
      return chartFigure(block.chart);
    case 'code': {
      const pre = `<pre><code class="language-${escapeHtml(block.language)}">${escapeHtml(block.text)}</code></pre>`;
      const summary = `<summary>${escapeHtml(block.title)}</summary>`;
      return block.collapsed
        ? `<details>${summary}${pre}</details>`
        : `<details open>${summary}${pre}</details>`;
    }
  }
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a;
  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 28px; margin: 0 0 8px; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
h3 { font-size: 17px; margin: 28px 0 8px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; list-style: none; }
a { color: #0b62a4; }
.table { overflow-x: auto; margin: 12px 0; }
table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e3e3e3; text-align: left; white-space: nowrap; }
th { background: #f5f5f5; }
.num { text-align: right; }
tr.strong td { font-weight: 700; }
figure.chart { margin: 16px 0 28px; }
.canvas-box { position: relative; width: 100%; }
.canvas-box canvas { position: absolute; inset: 0; }
details { margin: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 13px; line-height: 1.4; }
`;

/**
 * Draws every chart spec in its canvas with the same Chart.js defaults the PNG renderer uses. With
 * `legendMarkers`, each configuration first goes through the legend function the PNG renderer
 * applies too (./charts/legendMarkers.ts); without, the script is the one pages had before it.
 */
function drawScript(legendMarkers: boolean): string {
  return `(function () {
  'use strict';
  Chart.defaults.font.family = ${scriptJson(CHART_FONT_FAMILY)};
  var specs = JSON.parse(document.getElementById('lamsim-charts').textContent);${legendMarkers ? `\n  var legendMarkers = ${LEGEND_MARKERS_SCRIPT};` : ''}
  specs.forEach(function (spec) {
    var config = ${legendMarkers ? 'legendMarkers(spec.config)' : 'spec.config'};
    config.options = Object.assign({}, config.options, { responsive: true, maintainAspectRatio: false, animation: false });
    new Chart(document.getElementById('chart-' + spec.id), config);
  });
  document.documentElement.setAttribute('data-charts-drawn', String(specs.length));
})();`;
}

/**
 * The page. `chartJsSource` is Chart.js's UMD build (node_modules/chart.js/dist/chart.umd.js),
 * inlined as is.
 */
export function reportHtml(doc: ReportDocument, chartJsSource: string): string {
  const charts = chartsOf(doc).map((c) => ({ id: c.id, config: c.config }));
  const nav = doc.sections
    .filter((s) => s.level === 2)
    .map((s) => `<li><a href="#${anchor(s.heading)}">${escapeHtml(s.heading)}</a></li>`)
    .join('');
  const body: string[] = [];
  for (const section of doc.sections) {
    const tag = `h${section.level}`;
    body.push(`<${tag} id="${anchor(section.heading)}">${escapeHtml(section.heading)}</${tag}>`);
    for (const block of section.blocks) body.push(htmlBlock(block));
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)} · lamsim report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.title)}</h1>
${doc.intro.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<nav><ul>${nav}</ul></nav>
${body.join('\n')}
</main>
<script type="application/json" id="lamsim-charts">${scriptJson(charts)}</script>
<script>
${inlineScript(chartJsSource)}
</script>
<script>
${inlineScript(drawScript(chartsOf(doc).some((c) => declaresLegendMarkers(c.config))))}
</script>
</body>
</html>
`;
}
