/**
 * The calibration report's comparison: observed series on the run's grid mean what the simulated
 * ones mean (a replayed trace gives identical arrivals per bucket), the observed concurrency is
 * the exact time average of the invocations in progress, and the document shows every part.
 */
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { parseScenario } from '../../src/index.ts';
import { isDocumentError, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import {
  buildCalibrationReport,
  compareCalibration,
  comparisonRows,
} from '../../src/report/calibration/index.ts';
import { chartsOf } from '../../src/report/document.ts';
import { reportMarkdown } from '../../src/report/markdown.ts';
import {
  filterLogEventsJson,
  generateInvocations,
  type SyntheticOptions,
  textEvents,
} from '../helpers/syntheticLogs.ts';

const OPTIONS: SyntheticOptions = {
  seed: 31,
  phases: [
    { minutes: 1, ratePerSecond: 10 },
    { minutes: 9, ratePerSecond: 0.1 },
    { minutes: 1, ratePerSecond: 10 },
    { minutes: 9, ratePerSecond: 0.1 },
  ],
  duration: { p50Ms: 200, sigma: 0.5 },
  init: { p50Ms: 400, sigma: 0.3 },
  memoryMb: 2048,
  startEpochMs: Date.UTC(2025, 5, 1, 0, 0, 0),
  functionName: 'api',
  runtimeVersion: 'java:21.v20',
};

function calibrated(edit: (text: string) => string = (t) => t) {
  const text = edit(filterLogEventsJson(textEvents(generateInvocations(OPTIONS), OPTIONS)));
  const bad = text.replace('Billed Duration:', 'Billed Durration:');
  const f = readLogFile('logs.json', bad);
  if (isDocumentError(f)) throw new Error(f.message);
  const corpus = mergeLogFiles([f]);
  if (!corpus.ok) throw new Error(corpus.error);
  const c = calibrate(corpus.value, { name: 'api', fileBase: 'api', sources: ['logs.json'] });
  if (!c.ok) throw new Error(c.error);
  const files = new Map(c.value.files.map((x) => [x.name, x.text]));
  const parsed = parseScenario(c.value.scenarioText, { fileName: 'api.yaml', readFile: (p) => files.get(p) });
  if (!parsed.ok) throw new Error('does not parse');
  return { calibration: c.value, output: runScenario(parsed.value.scenario) };
}

describe('calibration comparison', () => {
  const { calibration, output } = calibrated();
  const c = compareCalibration(calibration, output);

  it('a replayed trace gives the same arrivals in every bucket', () => {
    expect([...c.arrivals.simulated]).toEqual([...c.arrivals.observed]);
    expect(c.arrivals.observed.reduce((s, v) => s + v, 0)).toBe(calibration.observed.invocations);
  });

  it('observed concurrency is the exact time average of the invocations in progress (INIT included)', () => {
    const o = calibration.observed;
    let busyMs = 0;
    o.arrivalsMs.forEach((t, i) => {
      busyMs += Math.min(o.endsMs[i], c.windowMs) - t;
    });
    expect(c.meanConcurrency.observed).toBeCloseTo(busyMs / c.windowMs, 9);
    expect(Math.max(...c.concurrencyMax.observed.filter(Number.isFinite))).toBe(o.peakConcurrency);
  });

  it('the held quantities are within tolerance, and the document shows every part', () => {
    const { rows, ok } = comparisonRows(c, calibration.observed.warmAtStart);
    expect(ok).toBe(true);
    expect(rows.map((r) => r[0])).toContain('Init Duration p50');
    const doc = buildCalibrationReport(calibration, c, 'api.yaml', ['logs.json']);
    expect(chartsOf(doc).map((x) => x.id)).toEqual([
      'api-calibration-invocations',
      'api-calibration-duration',
      'api-calibration-init',
      'api-calibration-cold-starts',
      'api-calibration-concurrency',
    ]);
    const md = reportMarkdown(doc);
    expect(md).toContain('## Log lines skipped');
    expect(md).toMatch(/\| logs\.json \| \d+ \| REPORT without a readable Billed Duration \(ms\) \|/);
    expect(md).toContain('Runtime: java21 (from INIT_START: runtime version java:21.v20)');
  });
});

describe('calibration verdicts', () => {
  const { calibration, output } = calibrated();
  const c = compareCalibration(calibration, output);
  const row = (x: typeof c, label: string) =>
    comparisonRows(x, calibration.observed.warmAtStart).rows.find((r) => r[0] === label);

  it('fitted phases: an invocation count within three Poisson SDs of the logs is noise, a replayed trace is held to 3%', () => {
    // 338 logged, 314 simulated: -7.1%, 1.3 Poisson SD (/tmp/exploreB, --traffic phases).
    const drawn = { ...c, invocations: { observed: 338, simulated: 314, sampled: true } };
    expect(row(drawn, 'invocations')?.[5]).toMatch(/^noise/);
    const far = { ...c, invocations: { observed: 338, simulated: 270, sampled: true } };
    expect(row(far, 'invocations')?.[5]).toBe('no');
    const replayed = { ...c, invocations: { observed: 338, simulated: 350, sampled: false } };
    expect(row(replayed, 'invocations')?.[5]).toBe('no');
  });

  it('a KS critical distance of 1 or more (a handful of cold starts) is no test: no verdict, none printed above 1', () => {
    if (!c.init) expect.fail('the logs have cold starts');
    const few = { ...c, init: { ...c.init, ksCritical: 1.1088 } };
    expect(row(few, 'Init Duration KS distance')?.slice(4)).toEqual(['too few to test', '']);
  });

  it('the report speaks to its reader: no internal issue numbers, singular counts', () => {
    const md = reportMarkdown(buildCalibrationReport(calibration, c, 'api.yaml', ['logs.json']));
    expect(md).not.toMatch(/issue \d+/);
    expect(md).toContain('Tolerances: the invocation count within 3%');
    const one = { ...calibration, observed: { ...calibration.observed, invocations: 1, coldStarts: 1 } };
    expect(reportMarkdown(buildCalibrationReport(one, c, 'api.yaml', ['logs.json']))).toContain(
      'logs.json: 1 invocation, 1 cold start.',
    );
  });
});

describe('calibration comparison of a SnapStart function', () => {
  it('compares the Restore Durations (its logs hold RESTORE_START and Restore Duration, no INIT)', () => {
    const { calibration, output } = calibrated((text) =>
      text.replaceAll('INIT_START', 'RESTORE_START').replaceAll('Init Duration:', 'Restore Duration:'),
    );
    expect(calibration.runtime.from).toBe('from RESTORE_START: runtime version java:21.v20');
    const c = compareCalibration(calibration, output);
    expect(c.init?.what).toBe('Restore Duration');
    expect(c.init?.observed.length).toBe(calibration.observed.restoresMs.length);
    const labels = comparisonRows(c, calibration.observed.warmAtStart).rows.map((r) => r[0]);
    expect(labels).toContain('Restore Duration p50');
    expect(labels).toContain('Restore Duration KS distance');
    expect(labels).not.toContain('Init Duration p50');
  });
});

describe('quantileLogStandardError', () => {
  it('is the asymptotic standard error of a sample median, 1.2533 sigma / sqrt(n), for each sample', async () => {
    const { quantileLogStandardError } = await import('../../src/report/calibration/calibrationReport.ts');
    expect(quantileLogStandardError(0.5, 1, 100, 100)).toBeCloseTo(1.2533 * Math.sqrt(2 / 100), 4);
    // p99: sqrt(0.99 * 0.01) / phi(2.3263) = 0.0995 / 0.02665 = 3.734 sigma / sqrt(n).
    expect(quantileLogStandardError(0.99, 0.5, 10_000, 1e12)).toBeCloseTo((3.734 * 0.5) / 100, 4);
  });
});
