/**
 * Chart descriptions are data: these tests read the datasets back and check them against the
 * run's aggregates (counts, levels, limits), and check the time axis at 1-minute and 30-day windows.
 */
import { describe, expect, it } from 'vitest';
import {
  BucketedCounts,
  BucketedGauge,
  BucketGrid,
  countTotal,
  countValues,
  gaugeMaxes,
  gaugeMeans,
  gridOf,
  quantileCount,
  quantilesOf,
} from '../../src/metrics/index.ts';
import type { ChartPoint, ChartSpec, DatasetSpec } from '../../src/report/charts/chartSpec.ts';
import { chartId } from '../../src/report/charts/chartSpec.ts';
import { visibleLimits } from '../../src/report/charts/common.ts';
import { concurrencyChart, concurrencyLimitsOf } from '../../src/report/charts/concurrencyChart.ts';
import { costChart } from '../../src/report/charts/costChart.ts';
import { environmentsChart } from '../../src/report/charts/environmentsChart.ts';
import { functionCharts } from '../../src/report/charts/functionCharts.ts';
import { latencyCdfChart, latencyOverTimeChart } from '../../src/report/charts/latencyCharts.ts';
import { ratesChart } from '../../src/report/charts/ratesChart.ts';
import { rateUnitFor } from '../../src/report/charts/rateUnit.ts';
import {
  bucketPoints,
  formatBucket,
  hasIsolatedPoints,
  roundTo,
  timeUnitFor,
} from '../../src/report/charts/timeAxis.ts';
import { BURST_YAML, MONTH_YAML, runOf, TWO_FUNCTIONS_YAML } from './fixtures.ts';

const dataset = (spec: ChartSpec, label: string | RegExp): DatasetSpec => {
  const found = spec.config.data.datasets.find((d) =>
    typeof label === 'string' ? d.label === label : label.test(d.label),
  );
  if (!found)
    expect.fail(`${spec.id}: no dataset ${label} in ${spec.config.data.datasets.map((d) => d.label)}`);
  return found;
};
const points = (d: DatasetSpec) => d.data as readonly ChartPoint[];
const scales = (spec: ChartSpec) => spec.config.options.scales as Record<string, Record<string, unknown>>;
/** The title and the subtitle (its lines joined back with ' · ' when it was broken into lines). */
const title = (spec: ChartSpec) => {
  const plugins = spec.config.options.plugins as {
    title: { text: string };
    subtitle: { text: string | string[] };
  };
  return { title: plugins.title, subtitle: { text: [plugins.subtitle.text].flat().join(' · ') } };
};
const sumY = (ps: readonly ChartPoint[]) => ps.reduce((s, p) => s + (p.y ?? 0), 0);

describe('time axis', () => {
  it('picks seconds, minutes, hours or days from the window', () => {
    expect(timeUnitFor(60_000).name).toBe('s');
    expect(timeUnitFor(12 * 60_000).name).toBe('min');
    expect(timeUnitFor(2 * 3_600_000).name).toBe('min');
    expect(timeUnitFor(24 * 3_600_000).name).toBe('h');
    expect(timeUnitFor(30 * 86_400_000).name).toBe('d');
  });

  it('names bucket widths as people say them', () => {
    expect([1000, 15_000, 300_000, 7_200_000, 86_400_000, 1500].map(formatBucket)).toEqual([
      '1 s',
      '15 s',
      '5 min',
      '2 h',
      '1 d',
      '1500 ms',
    ]);
  });

  it('puts points at bucket middles, in the axis unit, and NaN as gaps', () => {
    const grid = new BucketGrid(2500, 1000); // buckets [0,1000), [1000,2000), [2000,2500)
    expect(bucketPoints(grid, [1, Number.NaN, 3])).toEqual([
      { x: 0.5, y: 1 },
      { x: 1.5, y: null },
      { x: 2.25, y: 3 },
    ]);
    expect(bucketPoints(grid, [1, 2, 3], (v, i) => v * 10 + i)).toEqual([
      { x: 0.5, y: 10 },
      { x: 1.5, y: 21 },
      { x: 2.25, y: 32 },
    ]);
  });

  it('rounds to significant digits, keeps zero and non-finite values', () => {
    expect(roundTo(123.456789)).toBe(123.5);
    expect(roundTo(0.000123456)).toBe(0.0001235);
    expect(roundTo(0)).toBe(0);
    expect(roundTo(Number.NaN)).toBeNaN();
  });

  it('finds points a line would not draw', () => {
    expect(
      hasIsolatedPoints([
        { x: 0, y: null },
        { x: 1, y: 2 },
        { x: 2, y: null },
      ]),
    ).toBe(true);
    expect(
      hasIsolatedPoints([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
        { x: 2, y: null },
      ]),
    ).toBe(false);
  });

  it('a 1-minute window reads in seconds over 1 s buckets', () => {
    const out = runOf(BURST_YAML);
    const spec = concurrencyChart({
      functionName: 'api',
      series: out.run.functions[0].series,
      windowMs: out.run.windowMs,
      limits: [],
    });
    const x = scales(spec).x as { min: number; max: number; title: { text: string } };
    expect(x).toMatchObject({ type: 'linear', min: 0, max: 60 });
    expect(x.title.text).toBe('time since start (s; 1 s buckets)');
    const ps = points(dataset(spec, /time average/));
    expect(ps).toHaveLength(60);
    expect(ps[0].x).toBe(0.5);
    expect(ps[59].x).toBe(59.5);
  });

  it('a 30-day window reads in days over 2 h buckets, with every bucket charted', () => {
    const out = runOf(MONTH_YAML);
    for (const spec of functionCharts(out.run, out.run.functions[0]).filter((s) => !s.id.endsWith('cdf'))) {
      const x = scales(spec).x as { min: number; max: number; title: { text: string } };
      expect(x.max, spec.id).toBe(30);
      expect(x.title.text, spec.id).toBe('time since start (d; 2 h buckets)');
      for (const d of spec.config.data.datasets.filter((d) => points(d).length > 2)) {
        expect(points(d), `${spec.id} ${d.label}`).toHaveLength(360);
        expect(points(d)[0].x).toBe(roundTo(1 / 24, 6));
      }
    }
  });
});

describe('rate units', () => {
  const grid = new BucketGrid(3_600_000, 60_000);
  const counts = (perBucket: number) => new Float64Array(60).fill(perBucket);

  it('per second when the busiest bucket sees 1/s, else per minute, else per hour', () => {
    expect(rateUnitFor(grid, [counts(60)]).name).toBe('s');
    expect(rateUnitFor(grid, [counts(59)]).name).toBe('min');
    expect(rateUnitFor(grid, [counts(1)]).name).toBe('min');
    expect(rateUnitFor(grid, [counts(0.5)]).name).toBe('h');
    expect(rateUnitFor(grid, [counts(0)]).name).toBe('h');
    expect(rateUnitFor(grid, [counts(0), counts(120)]).name).toBe('s');
  });
});

describe('concurrency limits', () => {
  it('reserved concurrency and the account limit, provisioned concurrency when configured', () => {
    const { scenario } = runOf(TWO_FUNCTIONS_YAML).run;
    expect(concurrencyLimitsOf(scenario, 'reserved-fn')).toEqual([
      { label: 'provisioned concurrency', value: 2 },
      { label: 'reserved concurrency', value: 30 },
      { label: 'account limit', value: 200 },
    ]);
    expect(concurrencyLimitsOf(scenario, 'pooled-fn')).toEqual([
      { label: 'unreserved pool (shared)', value: 170 },
      { label: 'account limit', value: 200 },
    ]);
    expect(concurrencyLimitsOf(scenario, 'no-such-function')).toEqual([]);
  });

  it('the pool is the account limit when nothing is reserved', () => {
    expect(concurrencyLimitsOf(runOf(BURST_YAML).run.scenario, 'api')).toEqual([
      { label: 'reserved concurrency', value: 10 },
      { label: 'account limit', value: 1000 },
    ]);
    expect(concurrencyLimitsOf(runOf(MONTH_YAML).run.scenario, 'job')).toEqual([
      { label: 'account limit', value: 1000 },
    ]);
  });

  it('limits far above the data are listed, not drawn', () => {
    const limits = [
      { label: 'a', value: 10 },
      { label: 'b', value: 40 },
      { label: 'c', value: 41 },
    ];
    expect(visibleLimits(limits, 10)).toEqual({ shown: limits.slice(0, 2), offScale: limits.slice(2) });
    expect(visibleLimits(limits, 0).shown).toEqual([]);
  });
});

describe('function charts of a burst', () => {
  const out = runOf(BURST_YAML);
  const fn = out.run.functions[0];
  const stats = fn;
  const charts = functionCharts(out.run, fn);

  it('five charts with unique ids named after the function', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'api-concurrency',
      'api-environments',
      'api-requests',
      'api-latency',
      'api-latency-cdf',
    ]);
    expect(charts.map((c) => c.file)).toEqual(charts.map((c) => `${c.id}.png`));
  });

  it('every chart has a title, a legend and titled axes', () => {
    for (const spec of charts) {
      expect(title(spec).title.text, spec.id).toMatch(/^api: /);
      expect((spec.config.options.plugins as { legend: { display: boolean } }).legend.display).toBe(true);
      for (const [name, axis] of Object.entries(scales(spec))) {
        const t = axis.title as { display: boolean; text: string };
        expect(t.display, `${spec.id} ${name}`).toBe(true);
        expect(t.text.length, `${spec.id} ${name}`).toBeGreaterThan(3);
      }
    }
  });

  it('survive JSON unchanged (no functions, no NaN): the HTML page gets the same chart', () => {
    for (const spec of charts) expect(JSON.parse(JSON.stringify(spec)), spec.id).toEqual(spec);
  });

  it('concurrency: the series, the reserved limit as a line, throttles as bars', () => {
    const spec = charts[0];
    const series = stats.series.concurrency;
    expect(points(dataset(spec, 'concurrency (peak in bucket)')).map((p) => p.y)).toEqual(
      Array.from(gaugeMaxes(series), (v) => roundTo(v)),
    );
    expect(points(dataset(spec, 'concurrency (time average)')).map((p) => p.y)).toEqual(
      Array.from(gaugeMeans(series), (v) => roundTo(v)),
    );
    expect(Math.max(...points(dataset(spec, /peak/)).map((p) => p.y ?? 0))).toBe(10);
    const limit = dataset(spec, 'reserved concurrency: 10');
    expect(points(limit)).toEqual([
      { x: 0, y: 10 },
      { x: 60, y: 10 },
    ]);
    expect(limit.borderDash).not.toEqual([]);
    const throttles = dataset(spec, 'throttles');
    expect(throttles.type).toBe('bar');
    expect(throttles.yAxisID).toBe('throttles');
    // Per second over 1 s buckets: the bars add up to the throttles of the window.
    expect(sumY(points(throttles))).toBe(countTotal(stats.series.throttles));
    expect(title(spec).subtitle.text).toContain('4,344 throttled requests');
    expect(title(spec).subtitle.text).toContain('account limit 1,000 is far above the data');
  });

  it('environments: initialising, busy and idle stacked, from the gauges', () => {
    const spec = charts[1];
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual([
      'initialising (INIT, provisioning)',
      'busy (serving a request)',
      'idle (warm, waiting)',
    ]);
    expect((scales(spec).y as { stacked: boolean }).stacked).toBe(true);
    expect(points(dataset(spec, /^busy/)).map((p) => p.y)).toEqual(
      Array.from(gaugeMeans(stats.series.busy), (v) => roundTo(v)),
    );
    expect(title(spec).subtitle.text).toContain(`${stats.environments.created} created`);
  });

  it('requests: rates add up to the counts; cold starts on the right axis; absent series named', () => {
    const spec = charts[2];
    expect(sumY(points(dataset(spec, 'arrivals')))).toBeCloseTo(countTotal(stats.series.arrivals), 6);
    expect(sumY(points(dataset(spec, 'throttles')))).toBeCloseTo(stats.throttledAttempts, 6);
    const cold = dataset(spec, 'cold starts (right axis)');
    expect(cold.yAxisID).toBe('y2');
    // The ten cold starts come at once when the burst starts: per second over 1 s buckets.
    expect(sumY(points(cold))).toBeCloseTo(stats.coldStarts, 6);
    expect((scales(spec).y2.title as { text: string }).text).toBe('cold starts per second');
    expect(title(spec).subtitle.text).toContain('no errors');
    expect(spec.config.data.datasets.some((d) => d.label.startsWith('errors'))).toBe(false);
  });

  it('latency over time: percentiles in order in every bucket, those the buckets cannot support left out', () => {
    const spec = charts[3];
    const q = stats.series.latency;
    const counts = Array.from({ length: q.counts.length }, (_, i) => quantileCount(q, i)).filter(
      (n) => n > 0,
    );
    const median = counts.sort((a, b) => a - b)[Math.floor(counts.length / 2)];
    const expected =
      median >= 100 ? ['max', 'p99', 'p95', 'p50'] : median >= 20 ? ['max', 'p95', 'p50'] : ['max', 'p50'];
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(expected);
    const lines = expected.map((l) => points(dataset(spec, l)));
    for (let i = 0; i < lines[0].length; i++) {
      if (lines[0][i].y === null) continue;
      for (let k = 1; k < lines.length; k++) expect(lines[k][i].y!).toBeLessThanOrEqual(lines[k - 1][i].y!);
    }
    expect(points(dataset(spec, 'p50')).map((p) => p.y)).toEqual(
      Array.from(quantilesOf(q, 0.5), (v) => (Number.isNaN(v) ? null : roundTo(v))),
    );
    if (median < 100)
      expect(title(spec).subtitle.text).toContain(`a bucket holds ~${median} requests, too few for`);
  });

  it('latency CDF: all, cold and warm, each ending at (max, 100%)', () => {
    const spec = charts[4];
    const all = points(dataset(spec, `all requests (${stats.latency.count.toLocaleString('en-US')})`));
    const cold = points(dataset(spec, `cold starts (${stats.latencyCold.count})`));
    const warm = points(dataset(spec, /^warm/));
    for (const [ps, h] of [
      [all, stats.latency],
      [cold, stats.latencyCold],
      [warm, stats.latencyWarm],
    ] as const) {
      expect(ps.at(-1)).toEqual({ x: roundTo(h.maxMs, 5), y: 100 });
      for (let i = 1; i < ps.length; i++) {
        expect(ps[i].x).toBeGreaterThanOrEqual(ps[i - 1].x);
        expect(ps[i].y!).toBeGreaterThanOrEqual(ps[i - 1].y!);
      }
    }
    // Cold requests carry an INIT: their median is above the warm median.
    const median = (ps: readonly ChartPoint[]) => ps.find((p) => (p.y ?? 0) >= 50)!.x;
    expect(median(cold)).toBeGreaterThan(median(warm));
  });
});

describe('latency axes', () => {
  it('turn logarithmic when latencies span more than a factor 20', () => {
    const out = runOf(BURST_YAML);
    const fn = out.run.functions[0];
    const cdf = latencyCdfChart({ functionName: 'api', stats: fn, windowMs: out.run.windowMs });
    const { minMs: min, maxMs: max } = fn.latency;
    expect((scales(cdf).x as { type: string }).type).toBe(max / min > 20 ? 'logarithmic' : 'linear');
    const overTime = latencyOverTimeChart({
      functionName: 'api',
      stats: fn,
      windowMs: out.run.windowMs,
    });
    expect(['linear', 'logarithmic']).toContain((scales(overTime).y as { type: string }).type);
  });

  it('warn when buckets hold few requests', () => {
    const out = runOf(MONTH_YAML);
    const fn = out.run.functions[0];
    const spec = latencyOverTimeChart({ functionName: 'job', stats: fn, windowMs: out.run.windowMs });
    expect(title(spec).subtitle.text).toMatch(
      /a bucket holds ~\d+ requests, too few for p95 and p99 per bucket/,
    );
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['max', 'p50']);
  });
});

describe('sparse traffic', () => {
  it('rates read per hour when requests are rare', () => {
    const out = runOf(MONTH_YAML);
    const fn = out.run.functions[0];
    const spec = ratesChart({ functionName: 'job', stats: fn, windowMs: out.run.windowMs });
    expect((scales(spec).y.title as { text: string }).text).toBe('arrivals per hour');
    // Per hour over 2 h buckets: each bucket's rate is half its count.
    expect(sumY(points(dataset(spec, 'arrivals')))).toBeCloseTo(countTotal(fn.series.arrivals) / 2, 6);
  });

  it('environments and concurrency charts still cover the whole window', () => {
    const out = runOf(MONTH_YAML);
    const fn = out.run.functions[0];
    const spec = environmentsChart({ functionName: 'job', stats: fn, windowMs: out.run.windowMs });
    expect(points(spec.config.data.datasets[0]).every((p) => p.y !== null)).toBe(true);
  });
});

describe('cost chart', () => {
  it('one bar per charged line, coloured by service; free lines left out', () => {
    const bill = {
      totalUsd: 3.5,
      lines: [
        { service: 'lambda', item: 'requests', quantity: 1, unit: 'requests', usd: 0.5 },
        { service: 'lambda', item: 'duration (free tier)', quantity: 1, unit: 'GB-s', usd: 0 },
        { service: 'lambda', item: 'duration', quantity: 1, unit: 'GB-s', usd: 2 },
        { service: 'api-gateway', item: 'requests', quantity: 1, unit: 'requests', usd: 1 },
      ],
    };
    const spec = costChart({ bill, period: 'per month' });
    expect(spec.id).toBe('cost');
    expect(spec.config.data.labels).toEqual([
      'lambda: requests',
      'lambda: duration',
      'api-gateway: requests',
    ]);
    expect(spec.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['lambda', [0.5, 2, null]],
      ['api-gateway', [null, null, 1]],
    ]);
    expect(spec.config.options.indexAxis).toBe('y');
    expect(title(spec).subtitle.text).toBe('total $3.50');
    expect(spec.heightPx).toBeGreaterThanOrEqual(260);
  });

  it('says when nothing was billed', () => {
    const spec = costChart({ name: 'x', bill: { totalUsd: 0, lines: [] }, period: 'per month' });
    expect(spec.id).toBe('x-cost');
    expect(title(spec).subtitle.text).toMatch(/nothing billed/);
  });
});

describe('chart ids', () => {
  it('are file-name safe', () => {
    expect(chartId('Orders API', 'latency CDF')).toBe('orders-api-latency-cdf');
    expect(chartId('', 'cost')).toBe('cost');
    expect(chartId('a/../b', 'x')).toBe('a-b-x');
  });
});

describe('series helpers on plain metrics', () => {
  it('gauges and counts from the metrics module chart directly', () => {
    const gauge = new BucketedGauge(4000, 1000);
    gauge.set(500, 2);
    gauge.set(1500, 0);
    gauge.finish(4000);
    expect(bucketPoints(gauge.grid, gauge.means()).map((p) => p.y)).toEqual([1, 1, 0, 0]);
    const data = gauge.toData();
    expect(bucketPoints(gridOf(data), gaugeMeans(data)).map((p) => p.y)).toEqual([1, 1, 0, 0]);
    const counts = new BucketedCounts(4000, 1000);
    counts.add(100, 3);
    expect(bucketPoints(counts.grid, counts.values()).map((p) => p.y)).toEqual([3, 0, 0, 0]);
    expect(bucketPoints(gridOf(counts.toData()), countValues(counts.toData())).map((p) => p.y)).toEqual([
      3, 0, 0, 0,
    ]);
  });
});
