/**
 * Every shipped scenario parses without warnings and documents itself; those of issue 5 also run:
 * their first minutes (kept short for CI) conserve every message, event and record, and the same
 * seed gives the same summary.json. Every one gives the same summary.json without time series
 * (SimulateOptions.series: false, how plan and tune run), and then records none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { parseScenario } from '../../src/index.ts';
import type { QueueSummary, StreamSummary } from '../../src/results/index.ts';
import { countIdentities, summaryJson } from '../../src/results/index.ts';
import { stackExpander } from '../../src/stack/index.ts';

const SHIPPED = [
  'sqs-worker',
  'kinesis-logs',
  's3-thumbnails',
  'alb-maintenance',
  'edge-headers',
  'scheduled-notify',
  'recursive-loop',
  'orders-fanout',
] as const;

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
const ALL = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length));

const load = (name: string) => {
  const text = readFileSync(new URL(`${name}.yaml`, SCENARIOS), 'utf8');
  const parsed = parseScenario(text, {
    fileName: `scenarios/${name}.yaml`,
    readFile: (path) => readFileSync(new URL(path, SCENARIOS), 'utf8'),
    expandStack: stackExpander({
      readFile: (path) => ({ ok: true, value: readFileSync(new URL(path, SCENARIOS), 'utf8') }),
      displayName: (path) => `scenarios/${path}`,
    }),
  });
  if (!parsed.ok)
    throw new Error(parsed.error.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`).join('\n'));
  return { text, parsed: parsed.value };
};

describe('shipped scenarios', () => {
  it('include every scenario the README lists', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(14);
    for (const name of SHIPPED) expect(ALL).toContain(name);
  });

  it.each(ALL)('%s parses cleanly and says what it shows', (name) => {
    const { text, parsed } = load(name);
    expect(parsed.warnings).toEqual([]);
    expect(text.startsWith('# yaml-language-server: $schema=./lamsim.schema.json\n')).toBe(true);
    expect(text).toContain(`# ${name}:`);
    expect(text).toContain('# What it shows:');
    expect(parsed.scenario.name).toBe(name);
  });

  // Their schedules are cron jobs as SAM's Schedule event (or a Serverless schedule) creates them:
  // scheduled EventBridge rules, free, not EventBridge Scheduler (billed per invocation).
  it.each(['scheduled-notify', 'alb-maintenance'])(
    '%s: its schedules are scheduled EventBridge rules',
    (name) => {
      const services = load(name).parsed.scenario.functions.flatMap((f) =>
        f.events.flatMap((e) => (e.kind === 'schedule' ? [e.service] : [])),
      );
      expect(services.length).toBeGreaterThan(0);
      expect(new Set(services)).toEqual(new Set(['rule']));
    },
  );

  it.each(SHIPPED)(
    '%s runs (first 3 minutes): messages, events and records are all accounted for',
    (name) => {
      const scenario = { ...load(name).parsed.scenario };
      const short = { ...scenario, durationMs: Math.min(scenario.durationMs, 180_000) };
      const out = runScenario(short);
      for (const f of Object.values(out.summary.functions)) {
        const inv = f.invocations;
        expect(inv.started).toBe(inv.succeeded + inv.failed + inv.timedOut);
        for (const c of countIdentities(f)) expect(c.left, c.identity).toBe(c.right);
        if (f.async) {
          const d = f.async.dropped;
          expect(f.async.events).toBe(
            f.async.succeeded +
              d.expired +
              d.retriesExhausted +
              d.recursion +
              d.noConcurrency +
              f.async.waitingAtEnd,
          );
        }
      }
      for (const r of Object.values(out.summary.resources)) {
        if (r.type === 'sqs-queue') {
          const q = r as QueueSummary;
          expect(q.sent).toBe(
            q.deleted +
              q.movedToDeadLetterQueue +
              q.expired +
              q.recursionStopped +
              q.visibleAtEnd +
              q.inFlightAtEnd,
          );
        } else if (r.type === 'kinesis-stream' || r.type === 'dynamodb-stream') {
          for (const c of Object.values((r as StreamSummary).consumers)) {
            expect(c.records).toBe(c.processed + c.discarded + c.trimmed + c.waitingAtEnd);
          }
        }
      }
      if (name === 'sqs-worker')
        expect(summaryJson(runScenario(short).summary)).toBe(summaryJson(out.summary));
    },
  );

  it.each(ALL)('%s (first 3 minutes) gives the same summary.json without time series', (name) => {
    const scenario = load(name).parsed.scenario;
    const short = { ...scenario, durationMs: Math.min(scenario.durationMs, 180_000) };
    const withSeries = runScenario(short);
    const without = runScenario(short, { series: false });
    expect(summaryJson(without.summary)).toBe(summaryJson(withSeries.summary));
    // The option is not ignored: every series that records something with series (functions',
    // resources', event sources') records nothing without, and the series are the same ones.
    const recording = recordedSeries(withSeries.run);
    const silent = recordedSeries(without.run);
    expect([...silent.keys()]).toEqual([...recording.keys()]);
    expect([...recording.values()].some((n) => n > 0)).toBe(true);
    // Streams, buckets and topics keep no series of their own (their consumers' are event sources').
    const seriesKept = short.resources.filter((r) => !/-stream$|^s3-bucket$|^sns-topic$/.test(r.type));
    const resourceSeries = [...recording].filter(([path, n]) => path.startsWith('run.resources.') && n > 0);
    expect(resourceSeries.length > 0).toBe(seriesKept.length > 0);
    for (const [path, n] of silent) expect([path, n]).toEqual([path, 0]);
  });
});

/**
 * Every time series in a run's data (plain objects below it with a windowMs and a bucketMs:
 * counts, gauges, quantiles), by path, with how much it recorded: events counted (ignored ones too), values
 * recorded, ms covered and peaks held.
 */
function recordedSeries(
  value: unknown,
  path = 'run',
  found = new Map<string, number>(),
): Map<string, number> {
  if (value === null || typeof value !== 'object') return found;
  const o = value as Record<string, unknown>;
  if (path !== 'run' && typeof o.windowMs === 'number' && typeof o.bucketMs === 'number') {
    const sum = (key: string) => ((o[key] as number[] | undefined) ?? []).reduce((a, x) => a + x, 0);
    const peaks = ((o.peaks as (number | null)[] | undefined) ?? []).filter((p) => p !== null).length;
    found.set(path, sum('counts') + sum('coveredMs') + peaks + ((o.ignored as number | undefined) ?? 0));
    return found;
  }
  for (const [key, child] of Object.entries(o)) {
    if (path === 'run' && key === 'scenario') continue;
    recordedSeries(child, `${path}.${key}`, found);
  }
  return found;
}
