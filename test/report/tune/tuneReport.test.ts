/** tune.json (contract keys, byte-identical reruns), tune.md/tune.html and the charts. */
import { describe, expect, it } from 'vitest';
import { decodeVisualizationUrl, tune } from '../../../src/experiments/tune/index.ts';
import { chartsOf } from '../../../src/report/document.ts';
import {
  buildTuneReport,
  tuneBundleFiles,
  tuneJson,
  tuneReason,
  tuneText,
} from '../../../src/report/tune/index.ts';
import { oneFunction, scenarioFrom } from '../../experiments/helpers.ts';

const scenario = scenarioFrom(oneFunction({ compute: '50ms', io: '30ms', memory: 512 }, 10, '1m', 'poisson'));

async function result() {
  const r = await tune(scenario, {
    memoryMb: [128, 512, 1769],
    architectures: ['x86_64', 'arm64'],
    strategy: 'balanced',
    constraints: [{ metric: 'p99', max: 400 }],
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('tune.json', () => {
  it('has the contract keys, in order, with the points it ran', async () => {
    const json = JSON.parse(tuneJson(await result()));
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'function',
      'strategy',
      'weight',
      'points',
      'recommendation',
      'powerTuning',
    ]);
    expect(json).toMatchObject({ function: 'f', strategy: 'balanced', weight: 0.5 });
    expect(json.points).toHaveLength(6);
    expect(Object.keys(json.points[0]).slice(0, 8)).toEqual([
      'memoryMb',
      'architecture',
      'durationMs',
      'latencyMs',
      'costUsdPerInvocation',
      'coldStartRate',
      'timedOut',
      'failed',
    ]);
    for (const key of ['mean', 'p50', 'p99']) {
      expect(typeof json.points[0].durationMs[key]).toBe('number');
      expect(typeof json.points[0].latencyMs[key]).toBe('number');
    }
    expect(Object.keys(json.recommendation).slice(0, 3)).toEqual(['memoryMb', 'architecture', 'reason']);
    expect(Object.keys(json.powerTuning).slice(0, 4)).toEqual(['power', 'cost', 'duration', 'stateMachine']);
    expect(json.powerTuning.stateMachine.visualization).toMatch(/^https:\/\/lambda-power-tuning\.show\/#/);
    const decoded = decodeVisualizationUrl(json.powerTuning.stateMachine.visualization);
    expect(decoded.ok && decoded.value.map((p) => p.power)).toEqual([128, 512, 1769]);
    expect(json.constraints).toEqual({ timeoutRate: 0, throttleRate: 0.01, errorRate: 0.01, p99Ms: 400 });
  });

  it('is byte-identical when run again', async () => {
    expect(tuneJson(await result())).toBe(tuneJson(await result()));
  });
});

describe('tune report', () => {
  it('explains the recommendation, lists every point and embeds both charts', async () => {
    const r = await result();
    const doc = buildTuneReport(r, 'A test scenario.');
    const charts = chartsOf(doc);
    expect(charts.map((c) => c.id)).toEqual(['tune-cost-duration', 'tune-p99']);
    for (const c of charts) expect(JSON.parse(JSON.stringify(c))).toEqual(c); // survives JSON
    // Legend entries as drawn (src/report/charts/legendMarkers.ts): the hollow marker a point.
    for (const c of charts)
      for (const d of c.config.data.datasets)
        expect(d.legendMarker, d.label).toBe(d.label.startsWith('recommended:') ? 'point' : 'line');
    expect(charts[0].config.data.datasets.some((d) => d.label.startsWith('recommended:'))).toBe(true);
    const files = tuneBundleFiles(r, { chartJs: '/* chart.js */', renderPng: () => new Uint8Array([1]) });
    expect(files.map((f) => f.name)).toEqual([
      'tune.json',
      'tune.md',
      'tune.html',
      'tune-cost-duration.png',
      'tune-p99.png',
    ]);
    const md = String(files[1].data);
    expect(md).toContain(tuneReason(r).slice(0, 40));
    expect(md).toContain('| 128 MB arm64 |');
    const rec = `${r.recommendation.memoryMb} MB ${r.recommendation.architecture}`;
    expect(md).toContain(`| **${rec}** |`); // the recommendation, in bold
    expect(md).toContain('![cost and duration against memory](tune-cost-duration.png)');
    expect(md).toContain('lambda-power-tuning.show/#');
    const html = String(files[2].data);
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('tune-p99');
    expect(tuneText(r)).toMatch(/recommended \d+ MB (x86_64|arm64)/);
  });

  it('states how every monthly figure makes a month of the window, and follows billing.month', async () => {
    const options = { memoryMb: [512, 1769], architectures: ['x86_64' as const] };
    const repeat = await tune(scenario, options);
    const daily = await tune(
      scenarioFrom(
        `${oneFunction({ compute: '50ms', io: '30ms', memory: 512 }, 10, '1m', 'poisson')}billing: { month: { window: daily-profile } }\n`,
      ),
      options,
    );
    if (!repeat.ok || !daily.ok) throw new Error('tune failed');
    const text = tuneText(repeat.value);
    expect(text).toContain('(per month: the 1 min window repeated 43,800 times to fill a 730-hour month)');
    // Against the current configuration (512 MB x86_64, not the one recommended there).
    expect(tuneReason(await result())).toMatch(
      /the bill \$[\d,.]+ → \$[\d,.]+ per month at this rate \(730 h\)/,
    );
    expect(tuneText(daily.value)).toContain(
      "(per month: the 1 min window is one day's traffic (no traffic the rest of the day)",
    );
    const md = String(
      tuneBundleFiles(daily.value, { chartJs: '', renderPng: () => new Uint8Array([1]) })[1].data,
    );
    expect(md).toContain("Per month: the 1 min window is one day's traffic");
    // The same window billed as one day a month instead of 43,800 repeats: every cost here is per
    // request or per GB-second (no hourly resource, no tier reached), so the monthly figures differ
    // by 43,800 / 30.42 = 1,440 exactly, point by point.
    for (const [i, p] of repeat.value.points.entries()) {
      expect(p.monthlyCostUsd / daily.value.points[i].monthlyCostUsd).toBeCloseTo(1440, 6);
    }
  });
});
