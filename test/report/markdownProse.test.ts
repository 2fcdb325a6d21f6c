/**
 * Issue 17, item 10: user text in report.md stays text. A description with an image or a
 * javascript: link must not become one (GitHub would fetch the image; a reader could click).
 */
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../src/report/markdown.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { BURST_YAML, runOf } from './fixtures.ts';

const HOSTILE =
  'See ![pixel](https://tracker.example/p.png) and [click](javascript:alert(1)) \\[x] <b>x</b> &amp; p99 > 500 ms, KS < 0.02 & more';

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
    expect(prose).toContain('\\<b>x\\</b>'); // no tag opens
    expect(prose).toContain('\\&amp;'); // an entity stays as written
  });

  it('writes >, < and & that cannot open HTML as they are, not as HTML entities', () => {
    expect(prose).toContain('p99 > 500 ms, KS < 0.02 & more');
    expect(prose).not.toMatch(/&(gt|lt|amp);(?! p99)/);
  });

  it('escapes > at the start of a line (a quote), and only there', () => {
    const doc = {
      title: 't',
      intro: [],
      sections: [
        {
          heading: 'h',
          level: 2 as const,
          blocks: [{ kind: 'paragraph' as const, text: '> not a quote > 1' }],
        },
      ],
    };
    expect(reportMarkdown(doc)).toContain('\\> not a quote > 1');
  });

  it('still embeds its own charts as images', () => {
    expect(md).toMatch(/^!\[[^\]\\]+\]\(api-concurrency\.png\)$/m);
  });
});
