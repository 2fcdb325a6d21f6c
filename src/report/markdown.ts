/**
 * report.md: the summary and cost tables, readable on GitHub. Pure.
 */
import { formatUsd } from '../billing/index.ts';
import { formatCount, formatMs, formatPercent } from './format.ts';
import type { Summary } from './summary.ts';

export interface MarkdownOptions {
  /** Chart images to embed, relative to report.md. */
  readonly charts?: readonly { readonly file: string; readonly title: string }[];
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

export function reportMarkdown(summary: Summary, description: string, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${summary.scenario}`);
  out.push('');
  if (description.trim()) {
    out.push(description.trim());
    out.push('');
  }
  out.push(
    `Simulated window ${formatMs(summary.window.durationMs)}, seed ${summary.seed}, ` +
      `lamsim ${summary.lamsim.version} (scenario \`${summary.provenance.scenarioHash.slice(0, 19)}…\`).`,
  );
  out.push('');
  out.push('## Functions');
  out.push('');
  out.push(
    row([
      'function',
      'arrived',
      'ok',
      'failed',
      'timed out',
      'throttled',
      'cold starts',
      'p50',
      'p95',
      'p99',
      'max',
      'peak concurrency',
    ]),
  );
  out.push(row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:']));
  for (const [name, f] of Object.entries(summary.functions)) {
    const inv = f.invocations;
    out.push(
      row([
        name,
        formatCount(inv.arrived),
        formatCount(inv.succeeded),
        formatCount(inv.failed),
        formatCount(inv.timedOut),
        `${formatCount(inv.throttled)} (${formatPercent(f.throttleRate)})`,
        `${formatCount(f.coldStarts)} (${formatPercent(f.coldStartRate)})`,
        formatMs(f.latencyMs.p50),
        formatMs(f.latencyMs.p95),
        formatMs(f.latencyMs.p99),
        formatMs(f.latencyMs.max),
        formatCount(f.concurrency.peak),
      ]),
    );
  }
  out.push('');
  out.push(
    'Latency is what the caller sees for successful requests (front door, INIT on a cold start, handler).',
  );
  out.push('');
  for (const chart of options.charts ?? []) {
    out.push(`![${chart.title}](${chart.file})`);
    out.push('');
  }
  out.push('## Cost');
  out.push('');
  out.push(row(['service', 'item', 'quantity', 'unit', 'window', 'per month']));
  out.push(row(['---', '---', '--:', '---', '--:', '--:']));
  const key = (l: { service: string; item: string }) => `${l.service}\u0000${l.item}`;
  const windowLines = new Map(summary.cost.window.lines.map((l) => [key(l), l]));
  const monthlyLines = new Map(summary.cost.monthly.lines.map((l) => [key(l), l]));
  // Tiers can make the month bill items the window does not reach (and the reverse for free tiers).
  for (const k of new Set([...windowLines.keys(), ...monthlyLines.keys()])) {
    const w = windowLines.get(k);
    const m = monthlyLines.get(k);
    const line = (w ?? m)!;
    out.push(
      row([
        line.service,
        line.item,
        w ? formatCount(w.quantity) : '',
        line.unit,
        w ? formatUsd(w.usd) : '',
        m ? formatUsd(m.usd) : '',
      ]),
    );
  }
  out.push(
    row([
      '**total**',
      '',
      '',
      '',
      `**${formatUsd(summary.cost.window.totalUsd)}**`,
      `**${formatUsd(summary.cost.monthly.totalUsd)}**`,
    ]),
  );
  out.push('');
  out.push(
    'The window is billed as one month; the monthly column scales its usage to 730 hours before applying tiers and the free tier.',
  );
  out.push('');
  return out.join('\n');
}
