/**
 * `lamsim diff` in words: the pull-request comment (compact, folded details, no images, escaped),
 * the terminal text with a line per budget, diff.json, and the bundle, which reuses the comparison
 * report (its tables verbatim, its overlaid charts where base and head differ).
 */
import { describe, expect, it } from 'vitest';
import { type BudgetCheck, runDiff } from '../../src/experiments/index.ts';
import { checkFigure } from '../../src/report/diff/budgetText.ts';
import {
  buildDiffReport,
  changedCharts,
  chartsOf,
  comparedRuns,
  comparisonCharts,
  comparisonTable,
  diffBundleFiles,
  diffComment,
  diffJson,
  diffText,
  markdownTable,
} from '../../src/report/index.ts';
import { scenarioFrom } from '../helpers/run.ts';
import { BURST_YAML } from './fixtures.ts';

const HEAD_YAML = `${BURST_YAML.replace('reservedConcurrency: 10', 'reservedConcurrency: 100')}budgets:
  monthlyCostUsd: +10%
  functions:
    api: { throttleRate: 1%, p99: 10s }
`;
const base = scenarioFrom(BURST_YAML);
const head = scenarioFrom(HEAD_YAML);
const diff = runDiff(base, head, { replications: 2 });
const labels = { base: 'burst.yaml at main', head: 'burst.yaml' };
const texts = { base: BURST_YAML, head: HEAD_YAML };
const comment = diffComment(diff, labels, texts, { chartsIn: 'lamsim-diff' });

describe('the pull-request comment', () => {
  it('opens with the two sides and the verdict: a broken budget first', () => {
    const lines = comment.split('\n');
    expect(lines[0]).toBe('### lamsim diff: `burst.yaml at main` → `burst.yaml`');
    expect(lines[2]).toMatch(
      /^❌ \*\*1 budget broken\. \d+ figures? worse, \d+ figures? better, \d+ figures? changed \(significant at 95% over 2 replications\)\.\*\*$/,
    );
  });

  it('lists every budget, the broken one in bold with its figure and limit', () => {
    const rows = comment
      .split('\n')
      .filter((l) => l.startsWith('| budgets.') || l.startsWith('| **budgets.'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^\| \*\*budgets\.monthlyCostUsd\*\* \| \*\*\$[\d,.]+\*\* \| \*\*≤ \+10% over the base's \$[\d,.]+ = \$[\d,.]+\*\* \| \*\*BROKEN\*\* \|$/,
    );
    expect(rows[1]).toMatch(/^\| budgets\.functions\.api\.p99 \| api [\d.]+ ms \| ≤ 10\.00 s \| ok \|$/);
    expect(rows[2]).toBe('| budgets.functions.api.throttleRate | api 0% | ≤ 1.00% | ok |');
  });

  it('shows what moved with intervals; the rest folds away; no images', () => {
    expect(comment).toContain('**What moved**');
    const throttle = comment.split('\n').find((l) => l.startsWith('| api · throttle rate |'))!;
    expect(throttle).toMatch(/\| -\d+(\.\d+)? pp \| \\\[-\d+(\.\d+)? pp, -\d+(\.\d+)? pp\\\] \| yes \|$/);
    expect(comment.match(/<details>/g)?.length).toBe(3);
    expect(comment.match(/<\/details>/g)?.length).toBe(3);
    expect(comment).not.toMatch(/!\[/);
    expect(comment).toMatch(
      /Charts that changed \(base and head overlaid\) are in `lamsim-diff`: `compare-[a-z-]+\.png`/,
    );
  });

  it('reuses the comparison report: its side-by-side table, verbatim', () => {
    expect(comment).toContain(markdownTable(comparisonTable(comparedRuns(diff, texts))));
  });

  it('escapes what users wrote: no HTML from a label gets through', () => {
    const evil = diffComment(diff, { base: '<img src=x onerror=alert(1)>', head: 'a`b' }, texts);
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it("one replication: says how to get intervals, with the flag and the GitHub Action's input", () => {
    const once = runDiff(base, head, { replications: 1 });
    expect(diffComment(once, labels, texts)).toContain(
      "significance unknown; 5 replications (--replications 5, or the GitHub Action's replications: 5) give confidence intervals",
    );
  });

  it('a scenario against itself: nothing moved, no chart changed', () => {
    const same = runDiff(base, base, { replications: 2 });
    const c = diffComment(same, labels, { base: BURST_YAML, head: BURST_YAML }, { chartsIn: 'out' });
    expect(c.split('\n')[2]).toBe(
      '✅ **No figure changed significantly (95% confidence over 2 replications).**',
    );
    expect(c).not.toContain('What moved');
    expect(c).toContain('No chart differs between base and head.');
    expect(changedCharts(comparisonCharts(comparedRuns(same, { base: '', head: '' })))).toEqual([]);
  });
});

describe('text, JSON and the bundle', () => {
  it('text: the verdict, then one line per budget, broken first, with the evidence', () => {
    const text = diffText(diff, labels);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`lamsim diff: burst.yaml at main -> burst.yaml (seeds ${diff.seeds.join(', ')})`);
    const budgetLines = lines.filter((l) => / budgets\./.test(l));
    expect(budgetLines[0]).toMatch(
      /^BROKEN budgets\.monthlyCostUsd: monthly cost \$[\d,.]+, budget ≤ \+10% over the base's .* \(mean of 2 replications; replication 1: largest lines: api-gateway HTTP API requests tier 1 \$300\.00, lambda /,
    );
    expect(budgetLines[2]).toMatch(
      /^ok budgets\.functions\.api\.throttleRate: api throttle rate 0%, budget ≤ 1\.00% \(mean of 2 replications; replication 1: 0 of [\d,]+ requests throttled in the end\)$/,
    );
  });

  it('diff.json: deltas and budgets as data', () => {
    const json = JSON.parse(diffJson(diff, labels));
    expect(json.replications).toBe(2);
    expect(json.verdict.budgetsBroken).toBe(1);
    expect(json.budgets[0]).toMatchObject({ status: 'broken', budget: { key: 'budgets.monthlyCostUsd' } });
    const throttle = json.measures.find((m: { id: string }) => m.id === 'function:api:throttleRate');
    expect(throttle.direction).toBe('better');
    expect(throttle.delta.ci[1]).toBeLessThan(0);
    // Data, not sentences: no prose keys.
    expect(JSON.stringify(json)).not.toMatch(/budget broken|figures worse/);
  });

  it('the bundle: diff.json, compare.json, comment.md, report.md/html and only the charts that changed', () => {
    const files = diffBundleFiles(diff, labels, texts, {
      chartJs: '/* stub */',
      renderPng: () => new Uint8Array([1]),
    });
    const names = files.map((f) => f.name);
    expect(names.slice(0, 5)).toEqual([
      'diff.json',
      'compare.json',
      'comment.md',
      'report.md',
      'report.html',
    ]);
    const doc = buildDiffReport(diff, labels, texts);
    const all = comparisonCharts(comparedRuns(diff, texts)).map((c) => c.file);
    const pngs = names.filter((n) => n.endsWith('.png'));
    expect(pngs).toEqual(chartsOf(doc).map((c) => c.file));
    expect(pngs.length).toBeGreaterThan(0);
    expect(pngs.every((p) => all.includes(p))).toBe(true);
    const md = files.find((f) => f.name === 'report.md')!.data as string;
    expect(md).toContain('## What changed');
    expect(md).toContain('## Charts that changed');
    expect(md).toContain('## Scenarios as run');
    const written = files.find((f) => f.name === 'comment.md')!.data as string;
    expect(written).toContain(`are in \`.\`: ${pngs.map((p) => `\`${p}\``).join(', ')}.`);
  });

  it('--no-charts: no PNG, and comment.md names no chart file (as the printed comment)', () => {
    const files = diffBundleFiles(diff, labels, texts, { chartJs: '/* stub */', renderPng: null });
    expect(files.filter((f) => f.name.endsWith('.png'))).toEqual([]);
    const written = files.find((f) => f.name === 'comment.md')!.data as string;
    expect(written).not.toMatch(/\.png/);
    expect(written).toBe(diffComment(diff, labels, texts));
  });
});

describe('budget figures', () => {
  const check = (metric: 'p99' | 'throttleRate', value: number, max: number, status: 'broken' | 'within') =>
    ({
      budget: { key: `budgets.${metric}`, metric, limit: { kind: 'absolute', max } },
      function: 'api',
      value,
      baseValue: null,
      limit: max,
      status,
      replications: 1,
    }) as unknown as BudgetCheck;

  it('a broken figure that rounds to its limit gets the digits that tell them apart', () => {
    expect(checkFigure(check('p99', 377.087, 377, 'broken'))).toBe('377.1 ms');
    expect(checkFigure(check('p99', 377.0004, 377, 'broken'))).toBe('377.0004 ms');
    expect(checkFigure(check('throttleRate', 0.0100123, 0.01, 'broken'))).toBe('1.001%');
    // Otherwise as usual.
    expect(checkFigure(check('p99', 812.4, 500, 'broken'))).toBe('812 ms');
    expect(checkFigure(check('p99', 376.9, 377, 'within'))).toBe('377 ms');
  });
});
