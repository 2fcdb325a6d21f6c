import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run.ts';
import { brief, errorsOf, ok, scenarioOf, yaml } from './helpers.ts';

const AZURE = readFileSync(new URL('./fixtures/azure-functions-2021-sample.csv', import.meta.url), 'utf8');

const traceScenario = (format: string, file = 'traces/x.csv') => yaml`
  lamsim: 1
  traffic:
    target: api
    trace: { file: ${file}, format: ${format} }
  functions:
    api: { runtime: nodejs22.x }
`;

describe('trace replay', () => {
  it('timestamps: first column in seconds, optional header, sorted, duration rounded up', () => {
    const files = { 'traces/x.csv': 'time_s,route\n2.5,/a\n0.25,/b\n\n10,/c\n' };
    const scenario = scenarioOf(traceScenario('timestamps'), files);
    expect(scenario.traffic[0].arrivals).toEqual({ kind: 'trace', timesMs: [250, 2500, 10_000] });
    expect(scenario.durationMs).toBe(11_000);
  });

  it('timestamps: plain text, one time per line', () => {
    const files = { 'traces/x.csv': '0.001\n0.002\n59.9\n' };
    const scenario = scenarioOf(traceScenario('timestamps'), files);
    expect(scenario.traffic[0].arrivals).toEqual({ kind: 'trace', timesMs: [1, 2, 59_900] });
    expect(scenario.durationMs).toBe(60_000);
  });

  it('azure-2021: arrival = end_timestamp - duration, on the published sample', () => {
    const scenario = scenarioOf(traceScenario('azure-2021'), { 'traces/x.csv': AZURE });
    const arrivals = scenario.traffic[0].arrivals;
    expect(arrivals.kind).toBe('trace');
    if (arrivals.kind !== 'trace') return;
    expect(arrivals.timesMs).toHaveLength(199);
    expect([...arrivals.timesMs].sort((a, b) => a - b)).toEqual(arrivals.timesMs);
    // first data row: end 0.07949090003967285 s, duration 0.078 s
    expect(arrivals.timesMs).toContainEqual(79.49090003967285 - 78);
    expect(arrivals.timesMs[0]).toBeGreaterThanOrEqual(0);
    const lastMs = Math.max(
      ...AZURE.trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => {
          const [, , end, duration] = line.split(',');
          return (Number(end) - Number(duration)) * 1000;
        }),
    );
    expect(arrivals.timesMs[arrivals.timesMs.length - 1]).toBeCloseTo(lastMs, 6);
    expect(lastMs).toBeCloseTo(1_200_014.8, 1);
    expect(scenario.durationMs).toBe(1_201_000);
  });

  it('azure-2021: columns found by header name, in any order', () => {
    const files = { 'traces/x.csv': 'duration,end_timestamp,app,func\n1.5,3.5,a,f\n0.5,1,a,f\n' };
    const scenario = scenarioOf(traceScenario('azure-2021'), files);
    expect(scenario.traffic[0].arrivals).toEqual({ kind: 'trace', timesMs: [500, 2000] });
  });

  it('an explicit duration wins over the trace', () => {
    const text = traceScenario('timestamps').replace('lamsim: 1', 'lamsim: 1\nduration: 5s');
    expect(scenarioOf(text, { 'traces/x.csv': '1\n9\n' }).durationMs).toBe(5_000);
  });
});

describe('trace errors point into the trace file', () => {
  it('bad timestamps at their line and column', () => {
    const files = { 'traces/x.csv': 'time\n1.0\nabc\n\n-2\n' };
    expect(errorsOf(traceScenario('timestamps'), files)).toEqual([
      "traces/x.csv:3:1 traffic.trace.file: 'abc' is not an arrival time (seconds from the start)",
      'traces/x.csv:5:1 traffic.trace.file: negative arrival time -2: times are seconds from the start, >= 0',
    ]);
  });

  it('bad azure rows at the offending field', () => {
    const files = {
      'traces/x.csv': 'app,func,end_timestamp,duration\na,f,1.5,0.5\na,f,x,0.5\na,f,1.0,2.0\na,f\n',
    };
    expect(errorsOf(traceScenario('azure-2021'), files)).toEqual([
      "traces/x.csv:3:5 traffic.trace.file: end_timestamp 'x' is not a number of seconds >= 0",
      'traces/x.csv:4:5 traffic.trace.file: arrival end_timestamp - duration = -1 s is before the start of the trace',
      'traces/x.csv:5:3 traffic.trace.file: expected 4 columns (app,func,end_timestamp,duration), got 2',
    ]);
  });

  it('a header without the azure columns', () => {
    const files = { 'traces/x.csv': 'when,what\n1,2\n' };
    expect(errorsOf(traceScenario('azure-2021'), files)).toEqual([
      "traces/x.csv:1:1 traffic.trace.file: an azure-2021 trace has the columns app,func,end_timestamp,duration; got 'when,what'",
    ]);
  });

  it('a missing or empty trace file', () => {
    expect(errorsOf(traceScenario('timestamps'), {})).toEqual([
      "4:18 traffic.trace.file: file 'traces/x.csv' not found (paths are relative to the scenario file)",
    ]);
    expect(errorsOf(traceScenario('timestamps'), { 'traces/x.csv': 'time\n' })).toEqual([
      "4:18 traffic.trace.file: trace 'traces/x.csv' holds no arrivals",
    ]);
  });

  it('reports the first 10 problems of a file and counts the rest', () => {
    const files = { 'traces/x.csv': `t\n${Array.from({ length: 25 }, () => 'x').join('\n')}\n` };
    const errors = errorsOf(traceScenario('timestamps'), files);
    expect(errors).toHaveLength(11);
    expect(errors).toContain(
      "traces/x.csv:2:1 traffic.trace.file: 'x' is not an arrival time (seconds from the start)",
    );
    expect(errors).not.toContain(
      "traces/x.csv:12:1 traffic.trace.file: 'x' is not an arrival time (seconds from the start)",
    );
    expect(errors).toContain("4:18 traffic.trace.file: 'traces/x.csv' has 15 more problems not listed");
  });

  it('phases and trace together, or neither', () => {
    const both = yaml`
      lamsim: 1
      traffic:
        target: api
        phases: [{ duration: 1m, arrivalRate: 1 }]
        trace: { file: t.csv, format: timestamps }
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(both, { 't.csv': '1\n' })).toEqual([
      '5:10 traffic.trace: a traffic source takes phases or trace, not both',
    ]);
    const neither = yaml`
      lamsim: 1
      duration: 1m
      traffic:
        target: api
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(neither)).toEqual([
      "4:3 traffic: missing required key 'phases' or 'trace': say when requests arrive",
    ]);
  });

  it('warns that mode does not apply to a trace', () => {
    const text = traceScenario('timestamps').replace('target: api', 'target: api\n  mode: uniform');
    const { warnings } = ok(text, { 'traces/x.csv': '1\n' });
    expect(brief(warnings)).toEqual([
      '4:9 traffic.mode: warning: mode has no effect on a trace: its arrivals are replayed as recorded',
    ]);
  });
});

describe('via on a resource target', () => {
  it('warns that via has no effect: traffic into a bucket is a write to it', () => {
    const { warnings } = ok(yaml`
      lamsim: 1
      traffic: { target: bucket, via: s3, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        c: { runtime: nodejs22.x, events: [{ s3: bucket }] }
      resources:
        bucket: { type: s3-bucket }
    `);
    expect(brief(warnings)).toEqual([
      "2:33 traffic.via: warning: via applies to a function target; traffic into bucket is a write to it and via has no effect (except api-gateway-rest or api-gateway-http: an API's service integration, whose requests are billed)",
    ]);
  });

  it("is an API Gateway service integration when it is one: no warning, and the API's requests are billed", () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      traffic: { target: q, via: api-gateway-http, mode: uniform, phases: [{ duration: 1m, arrivalCount: 600 }] }
      functions:
        c: { runtime: nodejs22.x, events: [{ sqs: { queue: q } }] }
      resources:
        q: { type: sqs-queue }
    `;
    expect(ok(text).warnings).toEqual([]);
    const out = run(text);
    const api = out.cost.window.lines.filter((l) => l.service === 'api-gateway');
    // HTTP API: $1.00 per million requests (first 300M), 600 requests of 1 KB (one 512 KB unit each).
    expect(api.reduce((n, l) => n + l.quantity, 0)).toBe(600);
    expect((out.summary.resources.q as unknown as { sent: number }).sent).toBe(600);
  });
});
