/**
 * The report's count tables say what each count counts and add up as printed (README "Counts that
 * add up"): `arrived` names requests, events or batches; `invocations` (retries of events
 * included) = ok + failed + timed out; requests: arrived = invocations + throttled; the async
 * table counts each event once: events = processed + dropped + waiting at end.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/report/index.ts';
import { asyncEventsTable } from '../../src/report/messagingTables.ts';
import { functionsTable } from '../../src/report/tables.ts';
import { summaryText } from '../../src/report/text.ts';
import { run, yaml } from '../helpers/run.ts';

const out = run(yaml`
  lamsim: 1
  seed: 4
  duration: 2m
  traffic:
    - { name: web, target: api, phases: [{ duration: 2m, arrivalRate: 40 }] }
    - { name: uploads, target: worker, via: async, phases: [{ duration: 2m, arrivalRate: 40 }] }
  functions:
    api:
      runtime: nodejs22.x
      memorySize: 1769
      reservedConcurrency: 2
      model: { compute: 80ms, errorRate: 5% }
    worker:
      runtime: nodejs22.x
      memorySize: 1769
      reservedConcurrency: 4
      maximumRetryAttempts: 0
      model: { compute: 150ms, errorRate: 30% }
`);

const n = (cell: string) => Number(/^[\d,]+/.exec(cell)?.[0].replaceAll(',', '') ?? Number.NaN);

/** The row of `fn` as column title -> cell. */
function row(table: Table, fn: string): Record<string, string> {
  const cells = table.rows.find((r) => r[0] === fn);
  expect(cells, fn).toBeDefined();
  return Object.fromEntries(table.columns.map((c, i) => [c.title, cells![i]]));
}

describe('the summary table counts say what they count', () => {
  const table = functionsTable(out.summary);

  it('an async function: arrived counts events, invocations count attempts and add up', () => {
    const w = row(table, 'worker');
    const f = out.summary.functions.worker;
    expect(w.arrived).toBe(`${f.invocations.arrived.toLocaleString('en-US')} events`);
    // Events still waiting and retried after throttles: the two columns count different things.
    expect(f.async?.retries.afterThrottle).toBeGreaterThan(0);
    expect(n(w.invocations)).not.toBe(n(w.arrived));
    expect(n(w.invocations)).toBe(n(w.ok) + n(w.failed) + n(w['timed out']));
    expect(w.throttled).toMatch(/; [\d,]+ refused attempts$/);
  });

  it('a synchronous function: arrived counts requests = invocations + throttled', () => {
    const a = row(table, 'api');
    expect(a.arrived).toMatch(/^[\d,]+ requests$/);
    expect(n(a.throttled)).toBeGreaterThan(0);
    expect(n(a.arrived)).toBe(n(a.invocations) + n(a.throttled));
    expect(n(a.invocations)).toBe(n(a.ok) + n(a.failed) + n(a['timed out']));
  });

  it('the async table counts each event once: events = processed + dropped + waiting at end', () => {
    const t = asyncEventsTable(out.summary);
    expect(t).toBeDefined();
    const w = row(t!, 'worker');
    expect(n(w.dropped)).toBeGreaterThan(0);
    expect(n(w.events)).toBe(n(w.processed) + n(w.dropped) + n(w['waiting at end']));
    // Both tables count the same events: the summary's arrived (no request-rate refusals here).
    expect(n(w.events)).toBe(n(row(table, 'worker').arrived));
  });
});

describe('the printed summary says whose retries it counts', () => {
  it("an async function: a retries line with Lambda's retries after errors and after throttles, not a suffix of started", () => {
    const f = out.summary.functions.worker;
    const text = summaryText(out.summary);
    const { afterError, afterThrottle } = f.async!.retries;
    expect(afterThrottle).toBeGreaterThan(0);
    expect(f.invocations.retried).toBe(afterError + afterThrottle);
    expect(text).toContain(
      `    retries     ${(afterError + afterThrottle).toLocaleString('en-US')} (Lambda tried events again: ` +
        `${afterError.toLocaleString('en-US')} after an error, ${afterThrottle.toLocaleString('en-US')} after a throttle)\n`,
    );
    // Every value printed is a number: no `undefined` retried anywhere.
    expect(text).not.toMatch(/undefined|NaN/);
    expect(text).not.toMatch(/started = .*;/);
  });
});
