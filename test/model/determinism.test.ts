/** Same scenario, seed and version give byte-identical summary.json; another seed does not. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { summaryJson } from '../../src/results/index.ts';
import { scenarioFrom } from '../helpers/run.ts';

describe('determinism', () => {
  const scenario = scenarioFrom(
    readFileSync(new URL('../../scenarios/api-burst.yaml', import.meta.url), 'utf8'),
  );
  const short = { ...scenario, durationMs: 300_000 };

  it('gives byte-identical summaries for the same seed', () => {
    expect(summaryJson(runScenario(short).summary)).toBe(summaryJson(runScenario(short).summary));
  });

  it('gives different results for another seed', () => {
    const a = runScenario(short).summary;
    const b = runScenario({ ...short, seed: short.seed + 1 }).summary;
    expect(a.functions['orders-api'].invocations.arrived).not.toBe(
      b.functions['orders-api'].invocations.arrived,
    );
    expect(a.provenance.scenarioHash).not.toBe(b.provenance.scenarioHash);
  });
});
