/**
 * Legend entries drawn the way the chart draws each dataset: a line as a short line in its colour,
 * width and dash, hollow markers as a hollow marker, a filled area as a filled square.
 *
 * Contract:
 * - A dataset declares its entry in JSON, `legendMarker: LegendMarker`; Chart.js ignores the key.
 * - Both renderers hand every configuration to the one function LEGEND_MARKERS_SCRIPT holds before
 *   `new Chart(...)`: the PNG renderer in node (applyLegendMarkers, src/io/renderChartPng.ts) and
 *   report.html's draw script (src/report/html.ts, which inlines this text). A configuration whose
 *   datasets declare no marker is returned untouched, so its legend stays Chart.js's default boxes.
 *   When one declares a marker, the function turns on Chart.js's point-style legend
 *   (`plugins.legend.labels.usePointStyle`, for every entry) and sets `generateLabels`: Chart.js's
 *   own entries (text, order, hidden state), each restyled from the dataset's resolved options:
 *   - 'line': the line's colour, width, dash (and cap, join), drawn as Chart.js's 'line' point style;
 *   - 'point': the first point's style, fill, border colour and border width, no dash;
 *   - 'box' (and a dataset without a marker in such a chart): a square (Chart.js's 'rect' point
 *     style) filled with the dataset's background and bordered by its line, dash included;
 *   - 'none': no entry (a band's far edge, which the entry of the dataset filling to it names).
 *     Its dataset is still drawn, and its tooltip still names it by its label.
 * - The function is source text, not a compiled TypeScript function: report.html must be the same
 *   bytes whether lamsim runs from dist/ or from the bundled CLI, and `Function.prototype.toString`
 *   of compiled or bundled code is not. ES5, no dependencies: it runs as is in any browser. It
 *   reaches Chart.js's default `generateLabels` through the chart's class (`chart.constructor`):
 *   the page's global `Chart` in report.html, node's Chart.js in the PNG renderer.
 * - Sizes are Chart.js's point-style legend's at a 10 px box height (unless the configuration sets
 *   `labels.boxHeight`): at the 12 px font, a line entry ~14 px long, a circle 7 px in radius, and
 *   ~5 px between an entry's marker and its text (at 12 px, a dotted line met a label's '-').
 */

/** How a dataset's legend entry is drawn; see the contract above. */
export type LegendMarker = 'line' | 'point' | 'box' | 'none';

/** The legend function, as the text both renderers run (a function expression). */
export const LEGEND_MARKERS_SCRIPT = `function lamsimLegendMarkers(config) {
  'use strict';
  var datasets = (config.data && config.data.datasets) || [];
  var declared = datasets.some(function (d) { return typeof d.legendMarker === 'string'; });
  if (!declared) return config;
  var options = (config.options = config.options || {});
  var plugins = (options.plugins = options.plugins || {});
  var legend = (plugins.legend = plugins.legend || {});
  var labels = (legend.labels = legend.labels || {});
  labels.usePointStyle = true;
  if (labels.boxHeight === undefined) labels.boxHeight = 10;
  labels.generateLabels = function (chart) {
    var items = chart.constructor.defaults.plugins.legend.labels.generateLabels(chart);
    items = items.filter(function (item) {
      return chart.data.datasets[item.datasetIndex].legendMarker !== 'none';
    });
    return items.map(function (item) {
      var marker = chart.data.datasets[item.datasetIndex].legendMarker;
      var controller = chart.getDatasetMeta(item.datasetIndex).controller;
      var style = marker === 'point' ? controller.getStyle(0) : controller.getStyle();
      item.fillStyle = style.backgroundColor;
      item.strokeStyle = style.borderColor;
      item.lineWidth = style.borderWidth;
      if (marker === 'point') {
        item.pointStyle = style.pointStyle;
        item.rotation = style.rotation;
        item.lineDash = [];
        item.lineDashOffset = 0;
        return item;
      }
      item.pointStyle = marker === 'line' ? 'line' : 'rect';
      item.rotation = 0;
      item.lineDash = style.borderDash;
      item.lineDashOffset = style.borderDashOffset;
      item.lineCap = style.borderCapStyle;
      item.lineJoin = style.borderJoinStyle;
      return item;
    });
  };
  return config;
}`;

type Configuration = object;

let compiled: (<T extends Configuration>(config: T) => T) | undefined;

/**
 * LEGEND_MARKERS_SCRIPT compiled in this process (once): applies it to `config` in place and
 * returns it. For a configuration drawn in node; report.html runs the same text.
 */
export function applyLegendMarkers<T extends Configuration>(config: T): T {
  compiled ??= new Function(`return (${LEGEND_MARKERS_SCRIPT});`)() as <C extends Configuration>(c: C) => C;
  return compiled(config);
}

/** Whether a chart's datasets declare legend markers (then report.html inlines the function). */
export function declaresLegendMarkers(config: {
  readonly data: { readonly datasets: readonly { readonly [key: string]: unknown }[] };
}): boolean {
  return config.data.datasets.some((d) => typeof d.legendMarker === 'string');
}
