/**
 * The calibration report as a document (rendered to calibration.md and calibration.html): does the
 * calibrated scenario reproduce the logs it came from? Observed against simulated, side by side,
 * with issue 11's tolerances; the charts; what was fitted and assumed; the log lines skipped; the
 * scenario itself. Pure.
 */
import type { Calibration, DistributionFit } from '../../calibrate/index.ts';
import { chartBlock, paragraph, type ReportDocument, type Section, tableBlock } from '../document.ts';
import { formatCount, formatMs, formatUsdFine } from '../format.ts';
import {
  coldStartsChart,
  concurrencyChart,
  distributionChart,
  invocationsChart,
  signedPercent,
} from './calibrationCharts.ts';
import type { CalibrationComparison } from './comparison.ts';

/** Relative tolerances a calibration is held to (issue 11, "Done when"). */
export const CALIBRATION_TOLERANCES = {
  invocations: 0.03,
  durationP50: 0.1,
  durationP99: 0.15,
  initP50: 0.1,
  durationBill: 0.05,
} as const;

/** Skipped log lines listed in the report; the rest are counted. */
const LISTED_PROBLEMS = 20;

const relative = (simulated: number, observed: number): number =>
  observed === 0 ? (simulated === 0 ? 0 : 1) : (simulated - observed) / observed;

function relativeRow(
  label: string,
  observed: number,
  simulated: number,
  tolerance: number,
  show: (v: number) => string,
) {
  const d = relative(simulated, observed);
  return [
    label,
    show(observed),
    show(simulated),
    signedPercent(d),
    `±${Math.round(tolerance * 100)}%`,
    Math.abs(d) <= tolerance ? 'yes' : 'no',
  ];
}

/** The rows of the main comparison; `ok` is false when any held row is outside its tolerance. */
export function comparisonRows(
  c: CalibrationComparison,
  warmAtStart: number,
): { rows: string[][]; ok: boolean } {
  const t = CALIBRATION_TOLERANCES;
  const rows: string[][] = [
    relativeRow('invocations', c.invocations.observed, c.invocations.simulated, t.invocations, formatCount),
    relativeRow('Duration p50', c.duration.observedP50, c.duration.simulatedP50, t.durationP50, formatMs),
    relativeRow('Duration p99', c.duration.observedP99, c.duration.simulatedP99, t.durationP99, formatMs),
  ];
  if (c.init)
    rows.push(relativeRow('Init Duration p50', c.init.observedP50, c.init.simulatedP50, t.initP50, formatMs));
  rows.push(
    relativeRow(
      'duration bill (GB-s)',
      c.billedGbSeconds.observed,
      c.billedGbSeconds.simulated,
      t.durationBill,
      (v) => formatCount(Math.round(v * 10) / 10),
    ),
  );
  const ok = rows.every((r) => r[5] === 'yes');
  // Reported, not held: distributions' KS distances, cold starts, concurrency, the bill in USD.
  const ks = (label: string, d: CalibrationComparison['duration']) => [
    `${label} KS distance`,
    '',
    d.ks.toFixed(4),
    '',
    `< ${d.ksCritical.toFixed(4)}`,
    d.ks <= d.ksCritical ? 'yes' : 'no',
  ];
  rows.push(ks('Duration', c.duration));
  if (c.init) rows.push(ks('Init Duration', c.init));
  const cold = c.coldStartCount;
  const band = 3 * Math.sqrt(Math.max(1, cold.observed)) + warmAtStart;
  rows.push([
    'cold starts',
    formatCount(cold.observed),
    formatCount(cold.simulated),
    signedPercent(relative(cold.simulated, cold.observed)),
    `±${formatCount(Math.round(band))}`,
    Math.abs(cold.simulated - cold.observed) <= band ? 'yes' : 'no',
  ]);
  rows.push([
    'peak concurrency',
    formatCount(c.peakConcurrency.observed),
    formatCount(c.peakConcurrency.simulated),
    signedPercent(relative(c.peakConcurrency.simulated, c.peakConcurrency.observed)),
    '',
    '',
  ]);
  rows.push([
    'mean concurrency',
    c.meanConcurrency.observed.toFixed(3),
    c.meanConcurrency.simulated.toFixed(3),
    signedPercent(relative(c.meanConcurrency.simulated, c.meanConcurrency.observed)),
    '',
    '',
  ]);
  rows.push([
    'duration bill (USD, window)',
    formatUsdFine(c.billUsd.observed),
    formatUsdFine(c.billUsd.simulated),
    signedPercent(relative(c.billUsd.simulated, c.billUsd.observed)),
    '',
    '',
  ]);
  return { rows, ok };
}

function fitRow(name: string, fit: DistributionFit | undefined): string[] | undefined {
  if (!fit) return undefined;
  const ln = fit.lognormal;
  return [
    name,
    fit.kind,
    formatCount(fit.sorted.length),
    formatMs(fit.p50Ms),
    formatMs(fit.p99Ms),
    ln ? `mu ${ln.mu.toFixed(4)}, sigma ${ln.sigma.toFixed(4)}` : '',
    fit.ksDistance !== undefined ? fit.ksDistance.toFixed(4) : '',
    fit.ksCritical !== undefined ? fit.ksCritical.toFixed(4) : '',
  ];
}

export function buildCalibrationReport(
  calibration: Calibration,
  comparison: CalibrationComparison,
  scenarioFile: string,
  sources: readonly string[],
): ReportDocument {
  const c = comparison;
  const o = calibration.observed;
  const { rows, ok } = comparisonRows(c, o.warmAtStart);
  const sections: Section[] = [
    {
      heading: 'Does the scenario reproduce the logs?',
      level: 2,
      blocks: [
        paragraph(
          ok
            ? 'Yes: every held quantity is within its tolerance, so what-if runs of this scenario start from what the logs show.'
            : 'Not everywhere: a held quantity is outside its tolerance (a "no" below). Read the charts before trusting what-if runs.',
        ),
        tableBlock({
          columns: [
            { title: 'quantity' },
            { title: 'observed (logs)', align: 'right' },
            { title: 'simulated', align: 'right' },
            { title: 'difference', align: 'right' },
            { title: 'tolerance', align: 'right' },
            { title: 'within' },
          ],
          rows,
        }),
        paragraph(
          'Tolerances: issue 11 holds the invocation count within 3%, Duration p50 within 10% and p99 within 15%, ' +
            'Init Duration p50 within 10% and the duration bill within 5%. The KS distances are compared with the ' +
            'two-sample 5% critical distance for the two sample sizes; cold starts with three Poisson standard deviations of the logged count plus the environments already warm when the logs begin ' +
            `(${formatCount(o.warmAtStart)}): the simulation starts with none warm. Cold starts are simulated, not replayed: they follow from the arrivals, concurrency and lamsim's idle-reclamation model.`,
        ),
      ],
    },
    {
      heading: 'Observed and simulated',
      level: 2,
      blocks: [
        chartBlock(invocationsChart(c)),
        chartBlock(distributionChart(c, 'duration')),
        ...(c.init ? [chartBlock(distributionChart(c, 'init'))] : []),
        chartBlock(coldStartsChart(c)),
        chartBlock(concurrencyChart(c)),
      ],
    },
    {
      heading: 'What was fitted',
      level: 2,
      blocks: [
        tableBlock({
          columns: [
            { title: 'model' },
            { title: 'written as' },
            { title: 'samples', align: 'right' },
            { title: 'p50', align: 'right' },
            { title: 'p99', align: 'right' },
            { title: 'lognormal fit (ln ms)' },
            { title: 'KS distance', align: 'right' },
            { title: 'Lilliefors 5%', align: 'right' },
          ],
          rows: [
            fitRow('compute (Duration)', calibration.duration),
            fitRow('init (Init Duration)', calibration.init),
            fitRow('restore (Restore Duration)', calibration.restore),
          ].filter((r): r is string[] => r !== undefined),
        }),
        paragraph(
          "A lognormal is written when the sample is consistent with one (its KS distance below Lilliefors' 5% critical value, " +
            'the right yardstick when the parameters come from the same sample); otherwise the logged samples are resampled. ' +
            `Runtime: ${calibration.runtime.id} (${calibration.runtime.from}). Memory: ${o.memoryMb} MB.`,
        ),
        ...calibration.warnings.map((w) => paragraph(`Note: ${w}.`)),
      ],
    },
  ];
  const problems = skippedLines(calibration);
  if (problems) sections.push(problems);
  sections.push({
    heading: 'Scenario',
    level: 2,
    blocks: [
      {
        kind: 'code',
        title: scenarioFile,
        language: 'yaml',
        text: calibration.scenarioText,
        collapsed: true,
      },
    ],
  });
  return {
    title: `Calibration: ${calibration.functionName}`,
    intro: [
      `Observed: the CloudWatch Logs in ${sources.join(', ')}: ${formatCount(o.invocations)} invocations, ${formatCount(o.coldStarts)} cold starts. ` +
        `Simulated: one run of ${scenarioFile} (seed 1), the scenario calibrated from them.`,
    ],
    sections,
  };
}

function skippedLines(calibration: Calibration): Section | undefined {
  const p = calibration.problems;
  if (p.length === 0) return undefined;
  return {
    heading: 'Log lines skipped',
    level: 2,
    blocks: [
      paragraph(
        `${formatCount(p.length)} lines looked like Lambda's platform lines but could not be read; they were skipped` +
          (p.length > LISTED_PROBLEMS ? ` (the first ${LISTED_PROBLEMS} below).` : '.'),
      ),
      tableBlock({
        columns: [
          { title: 'file' },
          { title: 'line', align: 'right' },
          { title: 'why' },
          { title: 'text (escaped)' },
        ],
        rows: p.slice(0, LISTED_PROBLEMS).map((x) => [x.file, String(x.line), x.message, x.excerpt]),
      }),
    ],
  };
}
