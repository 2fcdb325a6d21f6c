/**
 * Speed targets (issue 14, "Speed at the limit"): each target is measured `repeats` times (5 by
 * default) and reported as min and median against its goal, which is met when the median is on the
 * right side of it. Whole commands run the built CLI (`dist/bundle/main.cjs`, as `npx lamsim` does) in
 * a child process, so their time includes Node's start, module loading and writing the bundle;
 * simulate-only targets time `runScenario` in this process after a warm-up.
 *
 * Workloads: `workloads/simfaas.yaml` (SimFaaS's default example, 0.9 M invocations),
 * `scenarios/api-burst.yaml` (0.5 M) and `workloads/proxy.yaml` (7.2 M invocations with three RDS
 * Proxy queries each).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../experiments/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { invocationsOf, loadScenarioFile } from './simulationBenches.ts';

/**
 * `seconds`, `megabytes` (peak resident memory) and `events` (engine events per invocation):
 * lower is better; `rate`: higher is better (millions of invocations per second).
 */
export type TargetKind = 'seconds' | 'megabytes' | 'events' | 'rate';

export interface Target {
  readonly name: string;
  readonly kind: TargetKind;
  /** The goal: at most this many seconds, MB or events per invocation, or at least this many M invocations/s. */
  readonly goal: number;
  /** One measurement in the goal's unit; null when the measured feature does not exist yet. */
  measure(): number | null;
  /** The same on every run (a count): measured once, whatever the repeats. */
  readonly deterministic?: boolean;
}

export interface TargetResult {
  readonly target: Target;
  /** Every measurement, in the order taken; empty when unavailable. */
  readonly samples: readonly number[];
  readonly min: number;
  readonly median: number;
  readonly met: boolean;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/bundle/main.cjs');
const SIMFAAS = join(ROOT, 'src/bench/workloads/simfaas.yaml');
const PROXY = join(ROOT, 'src/bench/workloads/proxy.yaml');
const API_BURST = join(ROOT, 'scenarios/api-burst.yaml');

/**
 * Preloaded into a CLI run whose memory is measured: writes the process's peak resident set
 * (getrusage's ru_maxrss, in KB; worker threads and native memory included) to the file named by
 * LAMSIM_BENCH_PEAK_RSS when the process exits.
 */
const PEAK_RSS_REPORTER =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => writeFileSync(process.env.LAMSIM_BENCH_PEAK_RSS, String(process.resourceUsage().maxRSS)));",
  );

/** What one CLI run measured: its wall-clock seconds and its peak resident memory in MB. */
interface CliRun {
  readonly seconds: number;
  readonly peakMb: number;
}

/**
 * Runs the built CLI with `args` (an `--out` into a fresh temporary directory is appended when
 * `withOut`), returns its wall-clock seconds and peak memory, or null when the CLI rejects an
 * option the target needs (exit 2: a feature not built yet). Any other failure is a broken bench
 * and throws. The memory reporter is preloaded only when `measureMemory` (it adds its own module).
 */
function runCli(args: readonly string[], withOut: boolean, measureMemory = false): CliRun | null {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'lamsim-bench-'));
  const fullArgs = withOut ? [...args, '--out', join(dir, 'out')] : [...args];
  const rssFile = join(dir, 'peak-rss');
  const nodeArgs = measureMemory ? ['--import', PEAK_RSS_REPORTER, CLI] : [CLI];
  const start = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, ...fullArgs], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LAMSIM_BENCH_PEAK_RSS: rssFile },
  });
  const seconds = (performance.now() - start) / 1000;
  const peakMb = measureMemory ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  rmSync(dir, { recursive: true, force: true });
  if (r.status === 2) return null;
  if (r.status !== 0) throw new Error(`lamsim ${fullArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, peakMb };
}

/** Wall-clock seconds of a CLI run (see runCli). */
function timeCli(args: readonly string[], withOut: boolean): number | null {
  return runCli(args, withOut)?.seconds ?? null;
}

/**
 * Median wall-clock seconds of `node -e ''` (Node's own start and exit): the floor under every
 * command's time on this machine, printed beside the targets so a reader can tell the machine
 * from lamsim. `env`: the environment it runs in (default: the bench's own, as the targets' CLI
 * runs have it).
 */
export function nodeStartSeconds(repeats: number, env: NodeJS.ProcessEnv = process.env): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8', env });
    samples.push((performance.now() - start) / 1000);
  }
  return median([...samples].sort((a, b) => a - b));
}

/** Simulate-only rate in M invocations/s: one untimed warm-up run per target, then timed runs. */
function simulateRate(path: string): () => number {
  let scenario: Scenario | null = null;
  return () => {
    if (scenario === null) {
      scenario = loadScenarioFile(path);
      runScenario(scenario);
    }
    const start = performance.now();
    const output = runScenario(scenario);
    const seconds = (performance.now() - start) / 1000;
    return invocationsOf(output) / seconds / 1e6;
  };
}

/**
 * Events the engine processes per invocation (`RunData.events` over the invocations that
 * arrived): a count, the same on every machine.
 */
function eventsPerInvocation(path: string): () => number {
  return () => {
    const output = runScenario(loadScenarioFile(path));
    return output.run.events / invocationsOf(output);
  };
}

/** The targets of issue 14, in its table's order. */
export const targets: readonly Target[] = [
  {
    name: 'SimFaaS workload, whole `lamsim run` with charts',
    kind: 'seconds',
    goal: 0.5,
    measure: () => timeCli(['run', SIMFAAS], true),
  },
  {
    name: 'SimFaaS workload, `lamsim run --no-charts`',
    kind: 'seconds',
    goal: 0.3,
    measure: () => timeCli(['run', SIMFAAS, '--no-charts'], true),
  },
  { name: 'simulate only: SimFaaS workload', kind: 'rate', goal: 4, measure: simulateRate(SIMFAAS) },
  { name: 'simulate only: api-burst', kind: 'rate', goal: 3, measure: simulateRate(API_BURST) },
  { name: 'simulate only: proxy workload', kind: 'rate', goal: 1.5, measure: simulateRate(PROXY) },
  // Issue 14 item 2: "Events per invocation on the proxy workload from 9.9 to at most 5".
  {
    name: 'engine events per invocation: proxy workload',
    kind: 'events',
    goal: 5,
    measure: eventsPerInvocation(PROXY),
    deterministic: true,
  },
  {
    name: '`lamsim plan` api-burst, p99=500ms, throttleRate=1%',
    kind: 'seconds',
    goal: 10,
    measure: () => timeCli(['plan', API_BURST, '--slo', 'p99=500ms', '--slo', 'throttleRate=1%'], true),
  },
  {
    name: '`lamsim tune` api-burst (7 sizes)',
    kind: 'seconds',
    goal: 1.5,
    measure: () => timeCli(['tune', API_BURST], true),
  },
  {
    name: '`lamsim validate` api-burst',
    kind: 'seconds',
    goal: 0.12,
    measure: () => timeCli(['validate', API_BURST], false),
  },
  {
    // Issue 14 item 4: "Peak memory of a run at most 120 MB".
    name: 'peak memory, SimFaaS workload whole `lamsim run` with charts',
    kind: 'megabytes',
    goal: 120,
    measure: () => runCli(['run', SIMFAAS], true, true)?.peakMb ?? null,
  },
];

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Measures `target` `repeats` times (once when deterministic); stops at the first null (feature missing). */
export function measureTarget(target: Target, repeats: number): TargetResult {
  const samples: number[] = [];
  const runs = target.deterministic ? 1 : repeats;
  for (let i = 0; i < runs; i++) {
    const value = target.measure();
    if (value === null) break;
    samples.push(value);
  }
  if (samples.length === 0) return { target, samples, min: Number.NaN, median: Number.NaN, met: false };
  const sorted = [...samples].sort((a, b) => a - b);
  const lowerIsBetter = target.kind !== 'rate';
  const best = lowerIsBetter ? sorted[0] : sorted[sorted.length - 1];
  const mid = median(sorted);
  const met = lowerIsBetter ? mid <= target.goal : mid >= target.goal;
  return { target, samples, min: best, median: mid, met };
}

function fmt(kind: TargetKind, value: number): string {
  if (kind === 'seconds') return `${value.toFixed(3)} s`;
  if (kind === 'megabytes') return `${value.toFixed(0)} MB`;
  if (kind === 'events') return `${value.toFixed(2)} /inv`;
  return `${value.toFixed(2)} M inv/s`;
}

/** One line per target: best and median of the samples, the goal, and whether it is met. */
export function targetLine(r: TargetResult, nameWidth: number): string {
  const { kind, goal, name } = r.target;
  const goalText = kind === 'rate' ? `>= ${fmt(kind, goal)}` : `<= ${fmt(kind, goal)}`;
  if (r.samples.length === 0) {
    return `${name.padEnd(nameWidth)}  ${'n/a'.padStart(16)}  ${'n/a'.padStart(16)}  ${goalText.padStart(16)}  NOT MET (not available)`;
  }
  const bestLabel = fmt(kind, r.min);
  return (
    `${name.padEnd(nameWidth)}  ${bestLabel.padStart(16)}  ${fmt(kind, r.median).padStart(16)}  ` +
    `${goalText.padStart(16)}  ${r.met ? 'met' : 'NOT MET'} (n=${r.samples.length})`
  );
}
