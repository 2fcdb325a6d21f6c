/** plan.json (contract keys and order), plan.md/plan.html and the charts. */
import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/experiments/plan/index.ts';
import { chartsOf } from '../../../src/report/document.ts';
import {
  answer,
  buildPlanReport,
  planBundleFiles,
  planJson,
  planText,
} from '../../../src/report/plan/index.ts';
import { oneFunction, scenarioFrom } from '../../experiments/helpers.ts';

const scenario = scenarioFrom(
  `${oneFunction({ io: '{ dist: exponential, mean: 100ms }', extra: 'reservedConcurrency: 10' }, 20, '1m', 'poisson')}slo: { throttleRate: 1%, p99: 2s }\n`,
);

async function result() {
  const r = await plan(scenario, { targetScale: 4 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('plan.json', () => {
  it('has the contract keys in order, then the evidence', async () => {
    const json = JSON.parse(planJson(await result()));
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'slo',
      'baseline',
      'maxSustainable',
      'bottleneck',
      'recommendations',
      'monthlyCostUsd',
    ]);
    expect(json.slo).toEqual({ p99Ms: 2000, throttleRate: 0.01 });
    expect(json.baseline).toMatchObject({ peakRate: 20, meets: true });
    expect(json.maxSustainable.scale).toBeGreaterThan(1);
    expect(json.maxSustainable.peakRate).toBeCloseTo(20 * json.maxSustainable.scale, 9);
    expect(json.maxSustainable.upperBound.scale).toBeGreaterThan(json.maxSustainable.scale);
    expect(json.bottleneck).toBe('reservedConcurrency');
    expect(Object.keys(json.recommendations[0]).slice(0, 4)).toEqual(['setting', 'from', 'to', 'reason']);
    expect(json.recommendations[0]).toMatchObject({ setting: 'functions.f.reservedConcurrency', from: 10 });
    expect(Object.keys(json.monthlyCostUsd).slice(0, 2)).toEqual(['baseline', 'atMaxSustainable']);
    expect(json.monthlyCostUsd.atMaxSustainable).toBeGreaterThan(json.monthlyCostUsd.baseline);
    expect(json.evaluations.length).toBeGreaterThan(3);
    expect(json.evaluations[0].metrics.throttleRate).toHaveProperty('standardError');
  });
});

describe('plan report', () => {
  it('answers in a paragraph, shows the evidence and draws one chart per SLO and the cost', async () => {
    const r = await result();
    const doc = buildPlanReport(r, 'test');
    expect(chartsOf(doc).map((c) => c.id)).toEqual(['plan-p99', 'plan-throttlerate', 'plan-cost']);
    for (const c of chartsOf(doc)) expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    const files = planBundleFiles(r, { chartJs: '', renderPng: () => new Uint8Array([1]) });
    expect(files.map((f) => f.name)).toEqual([
      'plan.json',
      'plan.md',
      'plan.html',
      'plan-p99.png',
      'plan-throttlerate.png',
      'plan-cost.png',
    ]);
    const md = String(files[1].data);
    expect(md).toMatch(
      /Every SLO you set holds up to [\d.]+ req\/s .*there throttled [\d.]+%, errors 0% of requests/,
    );
    expect(md).toContain('## Bottleneck');
    expect(md).toContain('| functions.f.reservedConcurrency | 10 |');
    expect(planText(r)).toMatch(/functions\.f\.reservedConcurrency: 10 → \d+/);
    // Every monthly figure says how it makes a month of the 1-minute window.
    expect(planText(r)).toMatch(/cost \$[\d,.]+ → \$[\d,.]+ per month at this rate \(730 h\)/);
    expect(planText(r)).toContain(
      '(per month: the 1 min window repeated 43,800 times to fill a 730-hour month)',
    );
    expect(md).toContain('Per month: the 1 min window repeated 43,800 times to fill a 730-hour month');
  });
});

describe('the answer', () => {
  it('writes a load factor of 1,024 whole (three significant digits had made it 1020x)', async () => {
    // 0.02 req/s of 10 ms: every SLO holds up to the search limit, 1024x.
    const tiny = scenarioFrom(oneFunction({ io: '10ms' }, 0.02, '1m', 'poisson'));
    const r = await plan(tiny, { slo: [{ metric: 'p99', max: 10_000 }] });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.search.lo?.scale).toBe(1024);
    expect(answer(r.value)).toMatch(
      /holds up to 20\.5 req\/s \(1,024x the scenario's peak of 0\.02 req\/s\)/,
    );
  });
});
