/**
 * partial.json and merging (issue 15, item 1): the partial of a whole run, written and read back,
 * merges into the run's own summary.json and report, byte for byte, for shipped scenarios that
 * between them hold every kind of result (queues, streams with an unlimited record age, databases,
 * proxies, NAT and endpoints, provisioned schedules, schedules and topics); partials of another
 * lamsim, scenario or seed, and slices given twice or missing, are refused with one line.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finishRun, runScenario } from '../../src/experiments/run.ts';
import { mergePartials, runShard } from '../../src/experiments/shards.ts';
import { loadScenario } from '../../src/io/loadScenario.ts';
import { simulate } from '../../src/model/index.ts';
import { type ReportAssets, reportBundleFiles, summaryText } from '../../src/report/index.ts';
import { mergeRuns, type RunParts } from '../../src/results/mergeRuns.ts';
import {
  checkPartials,
  type NamedPartial,
  type Partial,
  partialJson,
  partialOf,
  readPartial,
  sliceOf,
} from '../../src/results/partial.ts';
import { summaryJson } from '../../src/results/summary.ts';
import type { Scenario } from '../../src/scenario/index.ts';

const ROOT = new URL('../../', import.meta.url);

function shipped(name: string): { scenario: Scenario; text: string } {
  const loaded = loadScenario(fileURLToPath(new URL(`scenarios/${name}.yaml`, ROOT)));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return { scenario: loaded.value.scenario, text: loaded.value.text };
}

/** Shipped scenarios that between them hold every kind of result the run's data has. */
const EVERY_KIND = [
  'sqs-worker',
  'kinesis-logs',
  'rds-proxy',
  'vpc-nat',
  'java-provisioned',
  'scheduled-notify',
  's3-thumbnails',
  'recursive-loop',
  'alb-maintenance',
];

/** Reports without Chart.js or PNGs: the texts are what must match. */
const ASSETS: ReportAssets = { chartJs: '/* chart.js */', renderPng: () => new Uint8Array(0) };

const textFiles = (files: ReturnType<typeof reportBundleFiles>) =>
  Object.fromEntries(files.filter((f) => typeof f.data === 'string').map((f) => [f.name, f.data]));

function partsOf(scenario: Scenario, seed = scenario.seed): RunParts {
  const { scenario: _s, usage: _u, ...run } = simulate({ ...scenario, seed });
  return run;
}

describe('one partial merges into the run it came from', () => {
  for (const name of EVERY_KIND) {
    it(`${name}: summary.json and the report texts byte for byte, through partial.json's text`, () => {
      const { scenario, text } = shipped(name);
      const whole = runScenario(scenario);
      const json = partialJson(runShard(scenario, text, { index: 1, count: 1 }));
      const read = readPartial(json);
      if (!read.ok) expect.fail(read.error);
      const checked = checkPartials([{ file: 'p.json', partial: read.value }]);
      if (!checked.ok) expect.fail(checked.error);
      const merged = mergePartials(checked.value);
      expect(merged.scenarioText).toBe(text);
      expect(summaryJson(merged.output.summary)).toBe(summaryJson(whole.summary));
      expect(textFiles(reportBundleFiles(merged.output, merged.scenarioText, ASSETS))).toEqual(
        textFiles(reportBundleFiles(whole, text, ASSETS)),
      );
    });
  }
});

describe('a run merged from shards says so', () => {
  it('summary.json: provenance.shards (count, longest warm-up); report and printed summary: a line', () => {
    const { scenario, text } = shipped('api-burst');
    const short = { ...scenario, durationMs: 60_000 };
    const partials = [1, 2, 3].map((index) => ({
      file: `${index}.json`,
      partial: runShard(short, text, { index, count: 3 }, { warmupMs: 15_000 }),
    }));
    expect(partials.map((p) => p.partial.warmupMs)).toEqual([0, 15_000, 15_000]);
    const merged = mergePartials(partials).output;
    expect(merged.summary.provenance.shards).toEqual({ count: 3, warmupMs: 15_000 });
    const line = '3 time shards, warm-up 15.00 s (each shard its own draws;';
    expect(summaryText(merged.summary)).toContain(`  merged from ${line}`);
    const md = textFiles(reportBundleFiles(merged, text, ASSETS))['report.md'] as string;
    expect(md).toContain(`| merged from | ${line}`);
    // One shard is the whole run: nothing to say (and the bytes are the run's, above).
    const one = mergePartials([{ file: '1.json', partial: runShard(short, text, { index: 1, count: 1 }) }]);
    expect(one.output.summary.provenance.shards).toBeUndefined();
  });
});

describe('mergeRuns', () => {
  const { scenario } = shipped('sqs-worker');
  const a = partsOf(scenario, 1);
  const b = partsOf(scenario, 2);
  const W = scenario.durationMs;
  const merged = mergeRuns(scenario, [
    { run: a, startMs: 0, endMs: W / 4 },
    { run: b, startMs: W / 4, endMs: W },
  ]);

  it('adds counts, merges histograms, weights time averages by slice length, keeps the largest peak', () => {
    const [fa, fb, fm] = [a.functions[0], b.functions[0], merged.functions[0]];
    for (const k of ['arrived', 'started', 'succeeded', 'coldStarts', 'throttledAttempts'] as const) {
      expect(fm[k]).toBe(fa[k] + fb[k]);
    }
    expect(fm.billing.onDemandBilledMs).toBe(fa.billing.onDemandBilledMs + fb.billing.onDemandBilledMs);
    expect(fm.latency.count).toBe(fa.latency.count + fb.latency.count);
    expect(fm.latency.maxMs).toBe(Math.max(fa.latency.maxMs, fb.latency.maxMs));
    expect(fm.levels.concurrency.mean).toBeCloseTo(
      0.25 * fa.levels.concurrency.mean + 0.75 * fb.levels.concurrency.mean,
      12,
    );
    expect(fm.levels.live.peak).toBe(Math.max(fa.levels.live.peak, fb.levels.live.peak));
    expect(fm.inFlightAtEnd).toBe(fb.inFlightAtEnd);
    expect(fm.series.arrivals.counts).toEqual(
      fa.series.arrivals.counts.map((c, i) => c + fb.series.arrivals.counts[i]),
    );
    const [qa, qb, qm] = [a.resources.queues[0], b.resources.queues[0], merged.resources.queues[0]];
    expect(qm.sent).toBe(qa.sent + qb.sent);
    expect(qm.visibleAtEnd).toBe(qb.visibleAtEnd);
    expect(qm.meanMessageBytes).toBeCloseTo(
      (qa.meanMessageBytes * qa.sent + qb.meanMessageBytes * qb.sent) / (qa.sent + qb.sent),
      9,
    );
  });

  it('bills the merged usage once: Lambda requests and GB-seconds are the sums of the slices', () => {
    const billed = finishRun(scenario, merged);
    const lambda = merged.usage.lambda[0];
    expect(lambda.requests).toBe(a.functions[0].billing.requests + b.functions[0].billing.requests);
    expect(lambda.onDemandBilledMs).toBe(
      a.functions[0].billing.onDemandBilledMs + b.functions[0].billing.onDemandBilledMs,
    );
    const name = a.functions[0].name;
    expect(billed.summary.functions[name].invocations.arrived).toBe(
      a.functions[0].arrived + b.functions[0].arrived,
    );
    expect(billed.summary.window.durationMs).toBe(W);
  });

  it('refuses slices whose configuration differs and fields it has no rule for', () => {
    const queues = b.resources.queues.map((q, i) => (i === 0 ? { ...q, maxReceiveCount: 99 } : q));
    const other = { ...b, resources: { ...b.resources, queues } };
    expect(() =>
      mergeRuns(scenario, [
        { run: a, startMs: 0, endMs: W / 2 },
        { run: other, startMs: W / 2, endMs: W },
      ]),
    ).toThrow(/resources\.queues\[0\]\.maxReceiveCount/);
    const extra = { ...b, functions: [{ ...b.functions[0], newCounter: 1 }] } as unknown as RunParts;
    const extraA = { ...a, functions: [{ ...a.functions[0], newCounter: 1 }] } as unknown as RunParts;
    expect(() =>
      mergeRuns(scenario, [
        { run: extraA, startMs: 0, endMs: W / 2 },
        { run: extra, startMs: W / 2, endMs: W },
      ]),
    ).toThrow(/no merge rule for functions\[0\]\.newCounter/);
  });

  it('has a rule for every field of every shipped scenario', () => {
    for (const name of EVERY_KIND) {
      const s = shipped(name).scenario;
      const short = { ...s, durationMs: Math.min(s.durationMs, 600_000) };
      const p = partsOf(short);
      expect(
        () =>
          mergeRuns(short, [
            { run: p, startMs: 0, endMs: short.durationMs / 2 },
            { run: p, startMs: short.durationMs / 2, endMs: short.durationMs },
          ]),
        name,
      ).not.toThrow();
    }
  });
});

describe('partials that are not slices of one run are refused', () => {
  const { scenario, text } = shipped('sqs-worker');
  const run = partsOf({ ...scenario, durationMs: 60_000 });
  const short = { ...scenario, durationMs: 60_000 };
  const partial = (s: Scenario, index: number, count: number): Partial =>
    partialOf({ scenario: s, scenarioText: text, shard: { index, count }, warmupMs: 0, run });
  const named = (file: string, p: Partial): NamedPartial => ({ file, partial: p });
  const problem = (list: NamedPartial[]) => {
    const r = checkPartials(list);
    return r.ok ? 'accepted' : r.error;
  };

  it('accepts every shard once, in any order, and gives them in slice order', () => {
    const r = checkPartials([
      named('c', partial(short, 3, 3)),
      named('a', partial(short, 1, 3)),
      named('b', partial(short, 2, 3)),
    ]);
    expect(r.ok && r.value.map((p) => p.file)).toEqual(['a', 'b', 'c']);
    expect([1, 2, 3].map((k) => sliceOf(60_000, { index: k, count: 3 }))).toEqual([
      { startMs: 0, endMs: 20_000 },
      { startMs: 20_000, endMs: 40_000 },
      { startMs: 40_000, endMs: 60_000 },
    ]);
  });

  it('another scenario, another seed, another shard count, a shard twice, a shard missing', () => {
    const other = { ...short, name: 'other' };
    expect(problem([named('a.json', partial(short, 1, 2)), named('b.json', partial(other, 2, 2))])).toMatch(
      /^b\.json: scenario sha256:[0-9a-f]+… is not the scenario of a\.json/,
    );
    expect(
      problem([
        named('a.json', partial(short, 1, 2)),
        named('b.json', partial({ ...short, seed: short.seed + 1 }, 2, 2)),
      ]),
    ).toBe(`b.json: seed ${short.seed + 1} but a.json has seed ${short.seed}`);
    expect(problem([named('a.json', partial(short, 1, 2)), named('b.json', partial(short, 2, 3))])).toBe(
      'b.json: shard 2/3 but a.json is shard 1/2: the slices overlap',
    );
    expect(problem([named('a.json', partial(short, 1, 2)), named('b.json', partial(short, 1, 2))])).toBe(
      'b.json: shard 1/2 is given twice (also a.json): the slices overlap',
    );
    expect(problem([named('a.json', partial(short, 1, 3))])).toBe(
      'lamsim merge: shard 2/3, 3/3 missing: the slices do not cover the window',
    );
  });

  it('another lamsim version, another partial format, a changed scenario, not JSON', () => {
    const json = partialJson(partial(short, 1, 1));
    expect(readPartial(json).ok).toBe(true);
    const version = readPartial(json.replace('"version":"0.1.0"', '"version":"0.0.9"'));
    expect(!version.ok && version.error).toMatch(/^written by lamsim 0\.0\.9 .*this is lamsim 0\.1\.0/);
    const format = readPartial(json.replace('"partialFormat":2', '"partialFormat":3'));
    expect(!format.ok && format.error).toBe('partial format 3; this lamsim reads format 2');
    const changed = readPartial(json.replace(`"name":"${short.name}"`, '"name":"renamed"'));
    expect(!changed.ok && changed.error).toMatch(/does not match its hash sha256:/);
    // The text shown as "the scenario as run" is checked too: an edit of it alone is refused.
    const p = JSON.parse(json);
    const edited = readPartial(
      JSON.stringify({ ...p, scenarioText: p.scenarioText.replace('name:', '# edited\nname:') }),
    );
    expect(!edited.ok && edited.error).toBe(
      `the scenario text it carries does not match its hash ${p.scenarioTextHash} (the file was changed)`,
    );
    const notJson = readPartial('{"kind":');
    expect(!notJson.ok && notJson.error).toMatch(/^not a lamsim partial result: not JSON/);
    const summary = readPartial('{"lamsim":{"version":"0.1.0"}}');
    expect(!summary.ok && summary.error).toBe(
      'not a lamsim partial result (written by lamsim run --shard K/N)',
    );
  });

  it('restores non-finite numbers of the scenario (an unlimited record age) so the hash matches', () => {
    const kinesis = shipped('kinesis-logs');
    const s = { ...kinesis.scenario, durationMs: 60_000 };
    const p = partialOf({
      scenario: s,
      scenarioText: kinesis.text,
      shard: { index: 1, count: 1 },
      warmupMs: 0,
      run: partsOf(s),
    });
    const read = readPartial(partialJson(p));
    if (!read.ok) expect.fail(read.error);
    expect(read.value.scenario).toEqual(s);
  });
});
