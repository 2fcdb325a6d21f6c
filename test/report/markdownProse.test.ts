/**
 * Issue 17, item 10: user text in report.md stays text. A description with an image or a
 * javascript: link must not become one (GitHub would fetch the image; a reader could click).
 */
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../src/report/markdown.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { BURST_YAML, runOf } from './fixtures.ts';

const HOSTILE = 'See ![pixel](https://tracker.example/p.png) and [click](javascript:alert(1)) \\[x] <b>x</b>';

describe('report.md prose', () => {
  const yamlText = BURST_YAML.replace(/description: .*\n/, `description: ${JSON.stringify(HOSTILE)}\n`);
  const md = reportMarkdown(buildRunReport(runOf(yamlText), yamlText));
  const prose = md.split('\n').find((line) => line.includes('tracker.example'));

  it('keeps a user image and link as text: every bracket is backslash-escaped', () => {
    expect(prose).toBeDefined();
    // CommonMark: a backslash-escaped bracket is a literal bracket, so no link or image can open.
    expect(prose).toContain('!\\[pixel\\](https://tracker.example/p.png)');
    expect(prose).toContain('\\[click\\](javascript:alert(1))');
    expect(prose?.replace(/\\\\|\\\[|\\\]/g, '')).not.toMatch(/[[\]]/);
    expect(prose).toContain('\\\\\\[x\\]'); // a written backslash stays one
    expect(prose).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('still embeds its own charts as images', () => {
    expect(md).toMatch(/^!\[[^\]\\]+\]\(api-concurrency\.png\)$/m);
  });
});
