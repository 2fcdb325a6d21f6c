/** The report document rendered to Markdown and HTML: structure, escaping, determinism. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { chartsOf, type ReportDocument, withUniqueChartIds } from '../../src/report/document.ts';
import { escapeHtml, inlineScript, reportHtml, scriptJson } from '../../src/report/html.ts';
import { markdownTable, reportMarkdown } from '../../src/report/markdown.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { scenarioFrom } from '../helpers/run.ts';
import { BURST_YAML, runOf } from './fixtures.ts';

const FAKE_CHART_JS = '/* Chart.js stand-in */ window.Chart = function () {};';

describe('run report document', () => {
  const doc = buildRunReport(runOf(BURST_YAML), BURST_YAML);

  it('has the sections a reader expects, in order', () => {
    expect(doc.title).toBe('tiny-burst');
    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Summary',
      'Function api',
      'Cost',
      'Details',
      'Provenance',
      'Scenario as run',
    ]);
    expect(chartsOf(doc).map((c) => c.id)).toEqual([
      'api-concurrency',
      'api-environments',
      'api-requests',
      'api-latency',
      'api-latency-cdf',
      'cost',
    ]);
  });

  it('provenance names the version, the seed and the scenario hash', () => {
    const out = runOf(BURST_YAML);
    const provenance = doc.sections.find((s) => s.heading === 'Provenance')!.blocks[0];
    expect(provenance.kind).toBe('table');
    const rows = provenance.kind === 'table' ? provenance.table.rows : [];
    expect(rows).toEqual(
      expect.arrayContaining([
        ['seed', '1'],
        ['scenario hash', out.provenance.scenarioHash],
        ['lamsim', `${out.provenance.version} (scenario format 1)`],
      ]),
    );
  });

  it('is the same for the same scenario and seed', () => {
    const again = buildRunReport(runScenario(scenarioFrom(BURST_YAML)), BURST_YAML);
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });
});

describe('Markdown', () => {
  const md = reportMarkdown(buildRunReport(runOf(BURST_YAML), BURST_YAML));

  it('embeds every chart PNG by relative path', () => {
    for (const file of [
      'api-concurrency.png',
      'api-environments.png',
      'api-requests.png',
      'api-latency.png',
      'api-latency-cdf.png',
      'cost.png',
    ]) {
      expect(md).toMatch(new RegExp(`!\\[[^\\]]+\\]\\(${file.replace('.', '\\.')}\\)`));
    }
  });

  it('escapes HTML in text and folds the scenario into <details>', () => {
    const prose = md.slice(0, md.indexOf('<details>'));
    // Markdown's own escapes, not HTML entities: GitHub shows <b>not bold</b> as text.
    expect(prose).toContain('\\<b>not bold\\</b>');
    expect(prose).not.toMatch(/(^|[^\\])<b>/);
    expect(prose).not.toContain('&lt;');
    expect(md).toMatch(/<details>\n<summary>tiny-burst\.yaml<\/summary>\n\n```yaml\nlamsim: 1\n/);
  });

  it('has the summary and cost tables, the total in bold', () => {
    expect(md).toContain('| function | arrived | invocations | ok | failed | timed out | throttled |');
    expect(md).toMatch(/\| \*\*total\*\* \| {2}\| {2}\| {2}\| \*\*\$[\d.,]+\*\* \| \*\*\$[\d.,]+\*\* \|/);
  });

  it('tables escape pipes and align numbers right', () => {
    const text = markdownTable({
      columns: [{ title: 'a|b' }, { title: 'n', align: 'right' }],
      rows: [['x|y', '1']],
      caption: 'Cap',
    });
    expect(text).toBe('**Cap**\n\n| a\\|b | n |\n| --- | --: |\n| x\\|y | 1 |');
  });

  it('fences code with more backticks than it contains', () => {
    const doc: ReportDocument = {
      title: 't',
      intro: [],
      sections: [
        {
          heading: 'h',
          level: 2,
          blocks: [{ kind: 'code', title: 'c', language: 'yaml', text: 'a: ```x```\n', collapsed: false }],
        },
      ],
    };
    expect(reportMarkdown(doc)).toContain('**c**\n\n````yaml\na: ```x```\n````');
  });
});

describe('HTML', () => {
  const doc = buildRunReport(runOf(BURST_YAML), BURST_YAML);
  const html = reportHtml(doc, FAKE_CHART_JS);

  it('has one canvas per chart and the chart specs as JSON', () => {
    const charts = chartsOf(doc);
    const canvases = [...html.matchAll(/<canvas id="chart-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(canvases).toEqual(charts.map((c) => c.id));
    const json = /<script type="application\/json" id="lamsim-charts">(.*?)<\/script>/s.exec(html)![1];
    expect(JSON.parse(json)).toEqual(charts.map((c) => ({ id: c.id, config: c.config })));
  });

  it('inlines Chart.js and loads nothing from elsewhere', () => {
    expect(html).toContain(FAKE_CHART_JS);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link/);
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('escapes text, shows the scenario as run', () => {
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).toContain(
      `<details><summary>tiny-burst.yaml</summary><pre><code class="language-yaml">lamsim: 1`,
    );
  });

  it('contains no clock reading', () => {
    const md = reportMarkdown(doc);
    for (const text of [html, md]) {
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(text).not.toContain(String(new Date().getFullYear()));
    }
  });

  it('keeps </script> and <!-- in data and code from closing the script early', () => {
    expect(scriptJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script>\\u003c!--"}');
    expect(inlineScript('var s = "</script>"; // <!--')).toBe('var s = "<\\/script>"; // <\\!--');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('chart ids', () => {
  it('are made unique within a document', () => {
    const chart = chartsOf(buildRunReport(runOf(BURST_YAML), ''))[0];
    const doc = withUniqueChartIds({
      title: 't',
      intro: [],
      sections: [
        { heading: 'h', level: 2, blocks: [chart, chart, chart].map((c) => ({ kind: 'chart', chart: c })) },
      ],
    });
    expect(chartsOf(doc).map((c) => c.file)).toEqual([
      'api-concurrency.png',
      'api-concurrency-2.png',
      'api-concurrency-3.png',
    ]);
  });
});
