/** runScenario: a region without a price table is billed at us-east-1 prices (the parser warns). */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { scenarioFrom, yaml } from './helpers.ts';

describe('runScenario billing', () => {
  it('bills a region without a price table at us-east-1 prices', () => {
    const text = (region: string) => yaml`
      lamsim: 1
      region: ${region}
      duration: 1m
      traffic: { target: f, mode: uniform, phases: [{ duration: 1m, arrivalRate: 10 }] }
      functions: { f: { runtime: python3.12, memorySize: 512, model: { init: 0ms, compute: 100ms } } }
    `;
    const frankfurt = runScenario(scenarioFrom(text('eu-central-1')));
    const virginia = runScenario(scenarioFrom(text('us-east-1')));
    expect(frankfurt.cost).toEqual(virginia.cost);
    expect(frankfurt.cost.window.totalUsd).toBeGreaterThan(0);
  });
});
