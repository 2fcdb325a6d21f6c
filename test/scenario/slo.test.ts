/** The `slo:` block: objectives in their units, in a fixed order; mistakes reported with positions. */
import { describe, expect, it } from 'vitest';
import { errorsOf, MINIMAL, scenarioOf, yaml } from './helpers.ts';

const withSlo = (block: string) => `${MINIMAL}${block}\n`;

describe('slo block', () => {
  it('is empty when not written', () => {
    expect(scenarioOf(MINIMAL).slo).toEqual([]);
  });

  it('reads durations, fractions and counts, in SLO_METRICS order', () => {
    const s = scenarioOf(
      withSlo(yaml`
        slo:
          throttleRate: 1%
          p99: 500ms
          errorRate: 0.001
          dbConnectionErrors: 0
          queueAge: 1m
          coldStartRate: 5%
      `),
    );
    expect(s.slo).toEqual([
      { metric: 'p99', max: 500 },
      { metric: 'throttleRate', max: 0.01 },
      { metric: 'errorRate', max: 0.001 },
      { metric: 'coldStartRate', max: 0.05 },
      { metric: 'dbConnectionErrors', max: 0 },
      { metric: 'queueAge', max: 60_000 },
    ]);
  });

  it('reports unknown metrics, missing units and out-of-range values at their keys', () => {
    const errors = errorsOf(
      withSlo(yaml`
        slo:
          p99: 500
          throttleRate: 150%
          dbConnectionErrors: 1.5
          p98: 1s
      `),
    );
    expect(errors).toHaveLength(4);
    expect(errors.find((e) => e.includes('slo.p99'))).toMatch(/missing unit/);
    expect(errors.find((e) => e.includes('slo.throttleRate'))).toMatch(/above 100%/);
    expect(errors.find((e) => e.includes('slo.dbConnectionErrors'))).toMatch(/integer/);
    expect(errors.find((e) => e.includes('p98'))).toMatch(/p98/);
    expect(errors.every((e) => /^\d+:\d+ /.test(e))).toBe(true);
  });
});
