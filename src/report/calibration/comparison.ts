/**
 * Observed (the logs) against simulated (one run of the calibrated scenario), as plain data on the
 * run's own time grid: per-bucket arrivals, cold starts and concurrency, the duration and INIT
 * distributions with their KS distances, and the duration bill. Pure.
 *
 * The observed series go through the same aggregates the simulation uses (BucketedCounts,
 * BucketedGauge), so a bucket means the same on both sides: arrivals by arrival time, cold starts
 * by arrival time, concurrency as invocations in progress (INIT included) with the bucket's time
 * average and maximum.
 */

import { type CostLine, gbSeconds } from '../../billing/index.ts';
import type { Calibration } from '../../calibrate/index.ts';
import {
  type CdfStep,
  ksDistanceToSteps,
  ksTwoSampleCritical5,
  quantileSorted,
} from '../../calibrate/index.ts';
import type { RunOutput } from '../../experiments/index.ts';
import {
  BucketedCounts,
  BucketedGauge,
  type BucketGrid,
  countValues,
  gaugeMaxes,
  type HistogramData,
  histogramCdf,
} from '../../metrics/index.ts';

/** Points of the simulated CDFs used for KS distances and charts (the histogram has 3 significant digits). */
const CDF_STEPS = 2000;

export interface SeriesPair {
  readonly observed: Float64Array;
  readonly simulated: Float64Array;
}

export interface DistributionPair {
  /** Observed samples, ascending (ms). */
  readonly observed: Float64Array;
  /** The simulated histogram's CDF. */
  readonly simulated: readonly CdfStep[];
  readonly simulatedCount: number;
  readonly observedP50: number;
  readonly observedP99: number;
  readonly simulatedP50: number;
  readonly simulatedP99: number;
  /** KS distance between the two, and the two-sample 5% critical distance for their sizes. */
  readonly ks: number;
  readonly ksCritical: number;
}

export interface CalibrationComparison {
  readonly functionName: string;
  readonly windowMs: number;
  readonly grid: BucketGrid;
  readonly arrivals: SeriesPair;
  readonly coldStarts: SeriesPair;
  readonly concurrencyMax: SeriesPair;
  /**
   * Invocations logged and simulated. `sampled`: the simulated arrivals are drawn (phases fitted to
   * the counts, a Poisson process), so the simulated count differs from the logged one by chance;
   * a replayed trace arrives exactly as logged.
   */
  readonly invocations: { readonly observed: number; readonly simulated: number; readonly sampled: boolean };
  readonly coldStartCount: { readonly observed: number; readonly simulated: number };
  /**
   * Invocations that ended in an error (logged: Status error or failure; simulated: failed) and in
   * a timeout (logged: Status timeout; simulated: stopped at the function's timeout).
   */
  readonly errors: { readonly observed: number; readonly simulated: number };
  readonly timeouts: { readonly observed: number; readonly simulated: number };
  readonly peakConcurrency: { readonly observed: number; readonly simulated: number };
  readonly meanConcurrency: { readonly observed: number; readonly simulated: number };
  readonly duration: DistributionPair;
  /**
   * The cold starts' Init Durations, or for SnapStart their Restore Durations (a SnapStart function
   * logs restores, and its simulated cold starts restore): `what` says which.
   */
  readonly init?: DistributionPair & { readonly what: 'Init Duration' | 'Restore Duration' };
  /**
   * GB-seconds of duration: the logs' Billed Duration at the scenario's memory, and the run's of the
   * same function (on-demand and provisioned-concurrency environments alike).
   */
  readonly billedGbSeconds: { readonly observed: number; readonly simulated: number };
  /** The same in USD at the run's mean price per duration GB-second (the logs carry no prices). */
  readonly billUsd: { readonly observed: number; readonly simulated: number };
}

function distribution(
  observed: Float64Array,
  h: HistogramData,
  s: { readonly p50: number; readonly p99: number },
): DistributionPair {
  const simulated = histogramCdf(h, CDF_STEPS).map((p) => ({ value: p.valueMs, cumulative: p.cumulative }));
  return {
    observed,
    simulated,
    simulatedCount: h.count,
    observedP50: quantileSorted(observed, 0.5),
    observedP99: quantileSorted(observed, 0.99),
    simulatedP50: s.p50,
    simulatedP99: s.p99,
    ks: ksDistanceToSteps(observed, simulated),
    ksCritical: ksTwoSampleCritical5(Math.max(1, observed.length), Math.max(1, h.count)),
  };
}

export function compareCalibration(calibration: Calibration, output: RunOutput): CalibrationComparison {
  const run = output.run;
  const fn = run.functions.find((f) => f.name === calibration.functionName);
  if (!fn) throw new Error(`the calibrated run has no function ${calibration.functionName}`);
  const stats = fn;
  const o = calibration.observed;
  const windowMs = run.windowMs;
  const bucketMs = run.bucketMs;
  const arrivals = new BucketedCounts(windowMs, bucketMs);
  const cold = new BucketedCounts(windowMs, bucketMs);
  for (const t of o.arrivalsMs) arrivals.add(t);
  for (const t of o.coldArrivalsMs) cold.add(t);
  const gauge = new BucketedGauge(windowMs, bucketMs);
  const changes: [number, number][] = [];
  o.arrivalsMs.forEach((t, i) => {
    changes.push([t, 1], [o.endsMs[i], -1]);
  });
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let level = 0;
  let area = 0;
  let last = 0;
  for (const [t, d] of changes) {
    const clipped = Math.min(t, windowMs);
    area += level * (clipped - last);
    last = clipped;
    level += d;
    gauge.set(t, level);
  }
  gauge.finish(Math.max(windowMs, last));
  const summary = output.summary.functions[calibration.functionName];
  return {
    functionName: calibration.functionName,
    windowMs,
    grid: arrivals.grid,
    arrivals: { observed: arrivals.values(), simulated: countValues(stats.series.arrivals) },
    coldStarts: { observed: cold.values(), simulated: countValues(stats.series.coldStarts) },
    concurrencyMax: { observed: gauge.maxes(), simulated: gaugeMaxes(stats.series.concurrency) },
    invocations: {
      observed: o.invocations,
      simulated: summary.invocations.started,
      sampled: calibration.phases !== undefined,
    },
    coldStartCount: { observed: o.coldStarts, simulated: summary.coldStarts },
    errors: { observed: o.errors, simulated: summary.invocations.failed },
    timeouts: { observed: o.timeouts, simulated: summary.invocations.timedOut },
    peakConcurrency: { observed: o.peakConcurrency, simulated: summary.concurrency.peak },
    meanConcurrency: { observed: area / windowMs, simulated: summary.concurrency.mean },
    duration: distribution(o.durationsMs, stats.duration, summary.durationMs),
    ...coldStartPair(o, stats.init, summary.initDurationMs),
    ...durationBill(calibration, output),
  };
}

/** The cold starts' pair: restores when the logs show SnapStart restores, else INITs, else none. */
function coldStartPair(
  o: Calibration['observed'],
  simulated: HistogramData,
  percentiles: { readonly p50: number; readonly p99: number },
): Pick<CalibrationComparison, 'init'> {
  if (simulated.count === 0) return {};
  if (o.restoresMs.length > 0) {
    return { init: { ...distribution(o.restoresMs, simulated, percentiles), what: 'Restore Duration' } };
  }
  if (o.initsMs.length > 0) {
    return { init: { ...distribution(o.initsMs, simulated, percentiles), what: 'Init Duration' } };
  }
  return {};
}

/** Line items billed per GB-s of invocation duration: on demand, on provisioned environments, at the edge. */
const isDurationLine = (l: CostLine): boolean =>
  (l.service === 'lambda' && (l.item.startsWith('duration') || l.item.startsWith('provisioned duration'))) ||
  (l.service === 'lambda-edge' && l.item.startsWith('duration'));

/**
 * The duration bill of the calibrated function, like with like: the logs' Billed Duration (every
 * REPORT at the scenario's memory, whichever environment served it) against the run's billed
 * duration of the same function (times the share of logged invocations at that memory, when the
 * logs hold more than one), on-demand plus provisioned-concurrency environments (AWS bills the
 * invocations a provisioned environment serves at the PC duration rate; the PC charge itself, for
 * environments configured, is not duration and the logs do not show it). In USD at the run's mean
 * price per duration GB-s, so both sides are priced alike.
 */
function durationBill(
  calibration: Calibration,
  output: RunOutput,
): Pick<CalibrationComparison, 'billedGbSeconds' | 'billUsd'> {
  const o = calibration.observed;
  const usage = output.run.usage.lambda.find((l) => l.function === calibration.functionName);
  // Every logged invocation is simulated at the scenario's memory, but only the REPORTs at that
  // memory are on the logged side (the durations are fitted to them alone): when the Memory Size
  // changed during the logs, the simulated side is taken at the same share of invocations.
  const atMemory = o.memorySizes.find((m) => m.memoryMb === o.memoryMb)?.count ?? o.invocations;
  const share = o.invocations > 0 ? atMemory / o.invocations : 1;
  const simulated = usage
    ? gbSeconds(usage.onDemandBilledMs + usage.provisionedBilledMs, usage.memoryMb) * share
    : 0;
  const observed = gbSeconds(o.billedDurationAtMemoryMs, o.memoryMb);
  const lines = output.cost.window.lines.filter(isDurationLine);
  const quantity = lines.reduce((sum, l) => sum + l.quantity, 0);
  const usd = lines.reduce((sum, l) => sum + l.usd, 0);
  const usdPerGbSecond = quantity > 0 ? usd / quantity : 0;
  return {
    billedGbSeconds: { observed, simulated },
    billUsd: { observed: observed * usdPerGbSecond, simulated: simulated * usdPerGbSecond },
  };
}
