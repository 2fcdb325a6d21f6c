/**
 * The report of a tuning sweep as a document (rendered to tune.md and tune.html by the report
 * infrastructure): the recommendation and its reason, every point, the charts, Power Tuning's
 * output and link, and the fit when the model came from a Power Tuning result. Pure.
 */

import type { TunePoint, TuneResult } from '../../experiments/index.ts';
import { present } from '../../result.ts';
import { costsLeftOutText } from '../costsLeftOutText.ts';
import {
  type Block,
  chartBlock,
  paragraph,
  type ReportDocument,
  type Section,
  type Table,
  tableBlock,
  withUniqueChartIds,
} from '../document.ts';
import { formatCount, formatMs, formatPercent, formatUsdFine } from '../format.ts';
import { perMonthNote } from '../monthText.ts';
import { servedMany, servedOne } from './servedText.ts';
import { tuneCharts } from './tuneCharts.ts';
import { latencyText, tuneReason, violationText } from './tuneReason.ts';

const usd = (x: number): string => (Number.isFinite(x) ? `$${Number(x.toPrecision(3))}` : 'n/a');
const label = (p: { memoryMb: number; architecture: string }) => `${p.memoryMb} MB ${p.architecture}`;
const isRecommended = (r: TuneResult, p: TunePoint) =>
  p.memoryMb === r.recommendation.memoryMb && p.architecture === r.recommendation.architecture;

export function pointsTable(r: TuneResult): Table {
  const rows = r.points.map((p) => [
    `${label(p)}${p.current ? ' (current)' : ''}`,
    formatMs(p.durationMs.mean),
    formatMs(p.durationMs.p99),
    latencyText(p, p.latencyMs.p50),
    latencyText(p, p.latencyMs.p99),
    formatPercent(p.coldStartRate),
    formatCount(p.timedOut),
    formatCount(p.failed),
    formatPercent(p.throttleRate),
    formatPercent(p.errorRate),
    formatCount(p.peakConcurrency),
    usd(p.costUsdPerInvocation),
    usd(p.costUsdPerRequestServed),
    formatUsdFine(p.monthlyCostUsd),
    p.meetsConstraints ? 'yes' : p.violations.map(violationText).join('; '),
  ]);
  return {
    columns: [
      { title: 'configuration' },
      { title: 'mean duration', align: 'right' },
      { title: 'p99 duration', align: 'right' },
      { title: 'p50 latency', align: 'right' },
      { title: 'p99 latency', align: 'right' },
      { title: 'cold starts', align: 'right' },
      { title: 'timed out', align: 'right' },
      { title: 'failed', align: 'right' },
      { title: 'throttled', align: 'right' },
      { title: 'errors', align: 'right' },
      { title: 'peak concurrency', align: 'right' },
      { title: 'per invocation', align: 'right' },
      { title: `per ${servedOne(r.current)}`, align: 'right' },
      { title: 'per month', align: 'right' },
      { title: 'meets constraints' },
    ],
    rows,
    strongRows: r.points.flatMap((p, i) => (isRecommended(r, p) ? [i] : [])),
  };
}

function comparisonTable(r: TuneResult): Table {
  const best = present(
    r.points.find((p) => isRecommended(r, p)),
    'the recommended point among the points',
  );
  const row = (name: string, p: TunePoint) => [
    `${name}: ${label(p)}`,
    usd(p.costUsdPerRequestServed),
    formatCount(p.served),
    formatUsdFine(p.monthlyCostUsd),
    formatMs(p.durationMs.mean),
    latencyText(p, p.latencyMs.p99),
    formatPercent(p.throttleRate),
    formatPercent(p.errorRate),
    formatPercent(p.coldStartRate),
  ];
  return {
    columns: [
      { title: '' },
      { title: `per ${servedOne(r.current)}`, align: 'right' },
      { title: servedMany(r.current), align: 'right' },
      { title: 'per month', align: 'right' },
      { title: 'mean duration', align: 'right' },
      { title: 'p99 latency', align: 'right' },
      { title: 'throttled', align: 'right' },
      { title: 'errors', align: 'right' },
      { title: 'cold starts', align: 'right' },
    ],
    rows: [row('current', r.current), row('recommended', best)],
    strongRows: [1],
  };
}

function fitSection(r: TuneResult): Section | null {
  const fit = r.fromPowerTuning;
  if (!fit) return null;
  const threadsNote = {
    fitted: `threads ${fit.threads} fits the measurements best.`,
    'at-least': `the measurements keep speeding up above 1,769 MB: at least ${fit.threads} threads (the sizes measured cannot tell more threads apart).`,
    kept: `no size above 1,769 MB was measured, so threads cannot be told from the data: the scenario's ${fit.threads} is kept.`,
  }[fit.threadsFrom];
  const m = fit.model;
  const yaml = [
    'model:',
    `  compute: ${Number(m.computeMs.toPrecision(4))}ms   # mean; the scenario's distribution shape is kept`,
    `  computeAt: ${m.computeAtMb}MB`,
    `  threads: ${m.threads}`,
    `  io: ${Number(m.ioMs.toPrecision(4))}ms`,
    ...(m.archSpeed
      ? [
          `  archSpeed: { x86_64: 1, arm64: ${Number(m.archSpeed.arm64.toPrecision(4))} }   # fitted from both architectures`,
        ]
      : []),
  ].join('\n');
  const blocks: Block[] = [
    paragraph(
      `The function's model was fitted to the Power Tuning result in ${fit.source} (${fit.points.length} sizes, ` +
        `read from its ${fit.from === 'stats' ? 'stats' : 'visualization link'}): mean duration = compute / usable vCPUs + io, ` +
        `weighted least squares on relative errors. Compute ${formatMs(fit.computeMs)} of CPU at one vCPU (1,769 MB), ` +
        `io ${formatMs(fit.ioMs)}; ${threadsNote} RMS relative error ${formatPercent(fit.rmsRelativeError)}.`,
    ),
    tableBlock({
      columns: [
        { title: 'memory' },
        { title: 'measured', align: 'right' },
        { title: 'fitted', align: 'right' },
        { title: 'error', align: 'right' },
      ],
      rows: fit.points.map((p) => [
        `${p.memoryMb} MB`,
        formatMs(p.measuredMs),
        formatMs(p.fittedMs),
        `${((p.fittedMs / p.measuredMs - 1) * 100).toFixed(1)}%`,
      ]),
    }),
    { kind: 'code', title: 'Fitted model (means)', language: 'yaml', text: yaml, collapsed: false },
  ];
  return { heading: 'Fitted from Power Tuning', level: 2, blocks };
}

export function buildTuneReport(r: TuneResult, description = ''): ReportDocument {
  const arches = [...new Set(r.points.map((p) => p.architecture))];
  const left = costsLeftOutText(r.costsLeftOut);
  const sections: Section[] = [
    {
      heading: 'Recommendation',
      level: 2,
      blocks: [
        paragraph(tuneReason(r)),
        tableBlock(comparisonTable(r)),
        paragraph(perMonthNote(r.monthlyBasis)),
        ...(left ? [paragraph(left)] : []),
      ],
    },
    {
      heading: 'Configurations',
      level: 2,
      blocks: [
        tableBlock(pointsTable(r)),
        paragraph(
          "Every configuration sees the same arrivals. Cost per request served is the tuned function's own Lambda charges " +
            'for the window (requests, duration, provisioned concurrency, ...; billed as if it were alone, without the free ' +
            'tier, as Power Tuning prices it) divided by the requests it served (succeeded; for a function invoked only with ' +
            'batches, the messages and records its batches processed); it is what the strategy compares, so a configuration ' +
            'that throttles or fails part of the work is not made cheap by the work it refused, and the rest of the bill ' +
            '(other functions, the front door, ...) does not dilute the differences. Cost per invocation divides the same ' +
            'charges by the invocations that started, as Power Tuning reports it. Per month is the whole bill. ' +
            'Throttled: requests refused in the end; errors: ' +
            'requests that failed or timed out in the end (asynchronous events: dropped). Latency is what callers see for ' +
            'successful requests (front door, INIT on a cold start, handler); duration is the handler alone. ' +
            perMonthNote(r.monthlyBasis),
        ),
        ...tuneCharts(r).map(chartBlock),
      ],
    },
  ];
  const fit = fitSection(r);
  if (fit) sections.push(fit);
  sections.push({
    heading: 'AWS Lambda Power Tuning',
    level: 2,
    blocks: [
      paragraph(
        `The same result in Power Tuning's output shape (for ${r.recommendation.architecture}), with its visualization ` +
          "link (sizes, mean durations and costs per request served — Power Tuning's cost per invocation when nothing is throttled or fails — encoded in the link itself): " +
          r.powerTuning.stateMachine.visualization,
      ),
      {
        kind: 'code',
        title: 'Power Tuning output',
        language: 'json',
        text: JSON.stringify(r.powerTuning, null, 2),
        collapsed: true,
      },
    ],
  });
  const notes = [
    `Every configuration ran the same scenario with seed ${r.seed} and the same arrivals (common random numbers), ` +
      'so differences between rows come from memory and architecture, not from noise.',
  ];
  if (arches.length > 1) {
    notes.push(
      "Compute measured on the function's own architecture runs on the other one at the ratio `model.archSpeed` states " +
        '(1, the same speed, unless the scenario sets it or `--from-power-tuning` fitted it from results on both architectures); ' +
        'architectures also differ in price and in measured INIT times. Measure your code on both before switching.',
    );
  }
  sections.push({ heading: 'Notes', level: 2, blocks: notes.map(paragraph) });
  return withUniqueChartIds({
    title: `${r.scenario}: memory tuning of ${r.function}`,
    intro: [
      ...(description.trim() ? [description.trim()] : []),
      `${r.points.length} configurations (${arches.join(', ')}), strategy ${r.strategy}` +
        `${r.strategy === 'balanced' ? ` (weight ${r.weight})` : ''}; lamsim ${r.provenance.version}, ` +
        `scenario ${r.provenance.scenarioHash.slice(0, 19)}…`,
    ],
    sections,
  });
}
