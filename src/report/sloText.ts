/**
 * The scenario's `slo:` block against a run, in words: the lines `lamsim run` prints and the
 * report's table. Pure.
 */
import type { SloCheckSummary, SloSummary } from '../results/index.ts';
import type { SloMetric } from '../scenario/index.ts';
import type { Table } from './document.ts';
import { formatSloValue } from './format.ts';

/** The measured value in the metric's unit, or why there is none. */
export function sloMeasuredText(c: SloCheckSummary): string {
  if (c.measured === 'notMeasured') return 'not measured';
  if (c.measured === 'noneSucceeded') return 'none succeeded';
  return formatSloValue(c.metric as SloMetric, c.value ?? 0);
}

const limitText = (c: SloCheckSummary) => `≤ ${formatSloValue(c.metric as SloMetric, c.max)}`;
const verdict = (c: SloCheckSummary) => (c.meets ? 'pass' : 'FAIL');

/** `2 of 3 objectives met` / `every objective met (3)`. */
export function sloHeadline(slo: SloSummary): string {
  const met = slo.objectives.filter((c) => c.meets).length;
  const n = slo.objectives.length;
  return slo.meets
    ? `every objective met (${n}): pass`
    : `${met} of ${n} objective${n === 1 ? '' : 's'} met: FAIL`;
}

/** The printed summary's lines, indented to follow a 14-column label. */
export function sloLines(slo: SloSummary): string[] {
  return [
    `  slo         ${sloHeadline(slo)}`,
    ...slo.objectives.map(
      (c) =>
        `              ${c.metric} ${limitText(c)}: ${sloMeasuredText(c)}` +
        `${c.function ? ` (${c.function})` : ''} ${verdict(c)}`,
    ),
  ];
}

export function sloTable(slo: SloSummary): Table {
  return {
    caption: `The scenario's slo: block: ${sloHeadline(slo)}`,
    columns: [
      { title: 'objective' },
      { title: 'limit', align: 'right' },
      { title: 'measured', align: 'right' },
      { title: 'worst function' },
      { title: 'result' },
    ],
    rows: slo.objectives.map((c) => [
      c.metric,
      limitText(c),
      sloMeasuredText(c),
      c.function ?? '-',
      verdict(c),
    ]),
  };
}
