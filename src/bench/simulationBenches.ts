/**
 * Whole-simulation benches: shipped scenarios end to end (parse excluded), and the memory a run
 * keeps as a function of how many invocations it simulates — it must stay flat (design: "memory
 * must not grow with the number of simulated invocations").
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../experiments/index.ts';
import { parseScenario } from '../index.ts';
import type { Scenario } from '../scenario/index.ts';
import { type Bench, type BenchResult, liveHeapBytes, measure } from './bench.ts';

/** Parses a scenario file the benches run; a workload that does not parse is a broken bench. */
export function loadScenarioFile(path: string | URL): Scenario {
  const parsed = parseScenario(readFileSync(path, 'utf8'), { fileName: String(path) });
  if (!parsed.ok) throw new Error(`bench workload ${String(path)} does not parse`);
  return parsed.value.scenario;
}

function loadScenario(name: string): Scenario {
  return loadScenarioFile(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
}

/** Invocations that arrived at every function of a run. */
export function invocationsOf(output: ReturnType<typeof runScenario>): number {
  return Object.values(output.summary.functions).reduce((n, f) => n + f.invocations.arrived, 0);
}

function scenarioBench(name: string): Bench {
  return {
    name: `run ${name}`,
    run(): BenchResult {
      const scenario = loadScenario(name);
      const invocations = invocationsOf(runScenario(scenario)); // warm-up
      return measure('invocations', invocations, () => runScenario(scenario), 2);
    },
  };
}

/** A steady API at 2,000 req/s for `minutes`: `minutes` x 120,000 invocations. */
function steady(minutes: number): Scenario {
  const base = loadScenario('api-burst');
  const durationMs = minutes * 60_000;
  const traffic = base.traffic.map((t) => ({
    ...t,
    arrivals: {
      kind: 'phases' as const,
      phases: [{ name: 'steady', startMs: 0, durationMs, arrivalsPerSecond: 2000, rampToPerSecond: 2000 }],
    },
  }));
  const functions = base.functions.map((f) => ({ ...f, reservedConcurrency: null }));
  return { ...base, durationMs, traffic, functions };
}

/** Bytes a finished run keeps alive (its aggregates), for runs of growing length. */
function retainedBench(minutes: number): Bench {
  return {
    name: `retained memory, ${((minutes * 120_000) / 1e6).toFixed(1)}M invocations`,
    run(): BenchResult {
      const scenario = steady(minutes);
      const before = liveHeapBytes();
      const start = performance.now();
      const output = runScenario(scenario);
      const seconds = (performance.now() - start) / 1000;
      const retained = liveHeapBytes() - before;
      const invocations = invocationsOf(output);
      return { ops: invocations, unit: 'invocations', seconds, heapGrowthBytes: retained };
    },
  };
}

export const simulationBenches: readonly Bench[] = [
  scenarioBench('api-burst'),
  scenarioBench('rds-proxy'),
  scenarioBench('sparse-traffic'),
  retainedBench(5),
  retainedBench(40),
];
