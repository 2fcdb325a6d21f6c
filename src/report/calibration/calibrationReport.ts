/**
 * The calibration report as a document (rendered to calibration.md and calibration.html): does the
 * calibrated scenario reproduce the logs it came from? Observed against simulated, side by side,
 * with issue 11's tolerances; the charts; what was fitted and assumed; the log lines skipped; the
 * scenario itself. Pure.
 */
import type { Calibration, DistributionFit } from '../../calibrate/index.ts';
import { normalQuantile } from '../../engine/index.ts';
import { chartBlock, paragraph, type ReportDocument, type Section, tableBlock } from '../document.ts';
import { formatCount, formatCounted, formatMs, formatUsdFine } from '../format.ts';
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

/**
 * Standard error of ln(simulated quantile / observed quantile) for two independent samples of
 * sizes n and m of a distribution whose logarithm has standard deviation `sigmaLn`: the asymptotic
 * standard error of a sample quantile, sigma sqrt(p (1 - p)) / phi(z_p) / sqrt(n), in log space,
 * for each sample. Exact for a lognormal; a yardstick otherwise.
 */
export function quantileLogStandardError(p: number, sigmaLn: number, n: number, m: number): number {
  const z = normalQuantile(p);
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return ((sigmaLn * Math.sqrt(p * (1 - p))) / density) * Math.sqrt(1 / n + 1 / m);
}

/**
 * Standard error of ln(simulated count / logged count) when the simulated arrivals are a Poisson
 * process at the logged rate (fitted phases): the count is Poisson with mean n, so its logarithm
 * has standard deviation about 1 / sqrt(n). A replayed trace needs none: it arrives as logged.
 */
export function poissonLogStandardError(n: number): number {
  return n > 0 ? 1 / Math.sqrt(n) : Number.NaN;
}

/** Standard deviation of the logarithms of a positive sample (NaN if any value is <= 0). */
function sigmaLnOf(sorted: Float64Array): number {
  if (sorted.length < 2 || !(sorted[0] > 0)) return Number.NaN;
  let sum = 0;
  for (const x of sorted) sum += Math.log(x);
  const mean = sum / sorted.length;
  let ss = 0;
  for (const x of sorted) ss += (Math.log(x) - mean) ** 2;
  return Math.sqrt(ss / (sorted.length - 1));
}

/**
 * A held row: `yes` within the tolerance; `noise` outside it but within three standard errors of
 * sampling (`logStandardError`, for a sample quantile: with few cold starts two medians differ by
 * chance by more than the tolerance); else `no`.
 */
function relativeRow(
  label: string,
  observed: number,
  simulated: number,
  tolerance: number,
  show: (v: number) => string,
  logStandardError = Number.NaN,
) {
  const d = relative(simulated, observed);
  const noise =
    Number.isFinite(logStandardError) &&
    observed > 0 &&
    simulated > 0 &&
    Math.abs(Math.log(simulated / observed)) <= 3 * logStandardError;
  const threeSe = `${Math.round((Math.exp(3 * logStandardError) - 1) * 100)}%`;
  return [
    label,
    show(observed),
    show(simulated),
    signedPercent(d),
    `±${Math.round(tolerance * 100)}%`,
    Math.abs(d) <= tolerance ? 'yes' : noise ? `noise (3 SE: ${threeSe})` : 'no',
  ];
}

function quantileRow(label: string, d: CalibrationComparison['duration'], p: 0.5 | 0.99, tolerance: number) {
  const se = quantileLogStandardError(p, sigmaLnOf(d.observed), d.observed.length, d.simulatedCount);
  return p === 0.5
    ? relativeRow(label, d.observedP50, d.simulatedP50, tolerance, formatMs, se)
    : relativeRow(label, d.observedP99, d.simulatedP99, tolerance, formatMs, se);
}

/** The rows of the main comparison; `ok` is false when any held row is outside its tolerance. */
export function comparisonRows(
  c: CalibrationComparison,
  warmAtStart: number,
): { rows: string[][]; ok: boolean } {
  const t = CALIBRATION_TOLERANCES;
  const rows: string[][] = [
    relativeRow(
      'invocations',
      c.invocations.observed,
      c.invocations.simulated,
      t.invocations,
      formatCount,
      c.invocations.sampled ? poissonLogStandardError(c.invocations.observed) : Number.NaN,
    ),
    quantileRow('Duration p50', c.duration, 0.5, t.durationP50),
    quantileRow('Duration p99', c.duration, 0.99, t.durationP99),
  ];
  if (c.init) rows.push(quantileRow(`${c.init.what} p50`, c.init, 0.5, t.initP50));
  rows.push(
    relativeRow(
      'duration bill (GB-s)',
      c.billedGbSeconds.observed,
      c.billedGbSeconds.simulated,
      t.durationBill,
      (v) => formatCount(Math.round(v * 10) / 10),
    ),
  );
  // Errors and timeouts are drawn per invocation (errorRate; resampled or fitted Durations against
  // the timeout): held within three Poisson standard deviations of the logged count.
  rows.push(countRow('errors', c.errors), countRow('timeouts', c.timeouts));
  const ok = rows.every((r) => r[5] === 'yes' || r[5].startsWith('noise'));
  // Reported, not held: distributions' KS distances, cold starts, concurrency, the bill in USD.
  // A critical distance of 1 or more (a handful of samples) rejects nothing: no test, no verdict.
  const ks = (label: string, d: CalibrationComparison['duration']) => [
    `${label} KS distance`,
    '',
    d.ks.toFixed(4),
    '',
    d.ksCritical < 1 ? `< ${d.ksCritical.toFixed(4)}` : 'too few to test',
    d.ksCritical < 1 ? (d.ks <= d.ksCritical ? 'yes' : 'no') : '',
  ];
  rows.push(ks('Duration', c.duration));
  if (c.init) rows.push(ks(c.init.what, c.init));
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

/** A count held within three Poisson standard deviations of the logged one (at least ±3). */
function countRow(label: string, c: { readonly observed: number; readonly simulated: number }): string[] {
  const band = 3 * Math.sqrt(Math.max(1, c.observed));
  return [
    label,
    formatCount(c.observed),
    formatCount(c.simulated),
    signedPercent(relative(c.simulated, c.observed)),
    `±${formatCount(Math.round(band))}`,
    Math.abs(c.simulated - c.observed) <= band ? 'yes' : 'no',
  ];
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
          'Tolerances: the invocation count within 3%, Duration p50 within 10% and p99 within 15%, ' +
            'Init Duration p50 (SnapStart: Restore Duration) within 10%, the duration bill within 5%, and the counts of errors and timeouts within three Poisson standard deviations of the logged ones (at least ±3); a quantile outside its tolerance but within three ' +
            'standard errors of sampling (few cold starts make two medians differ by chance) reads "noise", and so does an invocation count within three ' +
            'Poisson standard deviations when the traffic is fitted phases (their arrivals are drawn, a replayed trace arrives as logged). The KS distances are compared with the ' +
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
      `Observed: the CloudWatch Logs in ${sources.join(', ')}: ${formatCounted(o.invocations, 'invocation')}, ${formatCounted(o.coldStarts, 'cold start')}. ` +
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
