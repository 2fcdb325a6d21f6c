/**
 * `lamsim run` reports the scenario's `slo:` block (issue 18 item 5): pass or fail per objective in
 * summary.json, the printed summary and the report, each verdict the comparison of the run's own
 * numbers with the objective.
 */
import { describe, expect, it } from 'vitest';
import { buildRunReport, reportMarkdown, summaryText } from '../../src/report/index.ts';
import { fn, run, yaml } from '../helpers/run.ts';

// Two environments for 50 requests/s of 60 ms (3 busy on average): most requests are throttled.
const scenario = (slo: string) => yaml`
  lamsim: 1
  name: slo-check
  duration: 1m
  traffic: { target: f, phases: [{ duration: 1m, arrivalRate: 50 }] }
  functions:
    f:
      runtime: nodejs22.x
      reservedConcurrency: 2
      model: { compute: 60ms }
  ${slo}
`;

describe('run and the slo: block', () => {
  it('checks every objective against the run: pass, fail, not measured', () => {
    const out = run(scenario('slo: { p99: 10s, throttleRate: 1%, queueAge: 1s }'));
    const f = fn(out);
    const slo = out.summary.slo!;
    expect(slo.objectives.map((o) => [o.metric, o.key, o.max])).toEqual([
      ['p99', 'p99Ms', 10_000],
      ['throttleRate', 'throttleRate', 0.01],
      ['queueAge', 'queueAgeMs', 1000],
    ]);
    const [p99, throttles, queueAge] = slo.objectives;
    expect(p99.value).toBe(f.latencyMs.p99);
    expect(p99.meets).toBe(f.latencyMs.p99 <= 10_000);
    expect(p99.meets).toBe(true);
    expect(throttles.value).toBe(f.invocations.throttled / f.invocations.arrived);
    expect(throttles.value!).toBeGreaterThan(0.3);
    expect(throttles.meets).toBe(false);
    expect(throttles.function).toBe('f');
    // No queue in the scenario: nothing to measure, nothing failed.
    expect(queueAge).toMatchObject({ value: null, measured: 'notMeasured', meets: true, function: null });
    expect(slo.meets).toBe(false);

    const text = summaryText(out.summary);
    expect(text).toContain('slo         2 of 3 objectives met: FAIL');
    expect(text).toMatch(/throttleRate ≤ 1%: [\d.]+% \(f\) FAIL/);
    expect(text).toMatch(/p99 ≤ 10,000 ms: [\d.,]+ ms \(f\) pass/);

    const md = reportMarkdown(buildRunReport(out, 'slo: {}'));
    expect(md).toContain("The scenario's slo: block: 2 of 3 objectives met: FAIL");
    expect(md).toMatch(/\| throttleRate \| ≤ 1% \| [\d.]+% \| f \| FAIL \|/);
  });

  it('says so when every objective holds', () => {
    const ok = run(scenario('slo: { throttleRate: 99% }'));
    expect(ok.summary.slo?.meets).toBe(true);
    expect(summaryText(ok.summary)).toContain('every objective met (1): pass');
  });

  it('leaves summary.json and the summary as they were without a slo: block', () => {
    const out = run(scenario(''));
    expect('slo' in out.summary).toBe(false);
    expect(summaryText(out.summary)).not.toContain('slo ');
  });

  it('applies the objectives to the functions the traffic reaches, as plan does', () => {
    // An API of 50 ms that hands each request to a 2 s worker through a queue: p99 <= 500 ms is the
    // API's objective (before, the worker's 2 s batches failed it).
    const api = run(yaml`
      lamsim: 1
      name: slo-reach
      duration: 1m
      traffic: { target: api, phases: [{ duration: 1m, arrivalRate: 5 }] }
      functions:
        api:
          runtime: nodejs22.x
          memorySize: 1769
          model: { init: 0ms, compute: 50ms, calls: [{ resource: jobs }] }
        worker:
          runtime: nodejs22.x
          memorySize: 1769
          timeout: 10
          events: [{ sqs: { queue: jobs } }]
          model: { init: 0ms, compute: 2s }
      resources:
        jobs: { type: sqs-queue, visibilityTimeout: 60 }
      slo: { p99: 500ms }
    `);
    expect(fn(api, 'worker').latencyMs.p99).toBeGreaterThanOrEqual(2000);
    expect(api.summary.slo?.objectives[0]).toMatchObject({ function: 'api', meets: true });
  });
});
