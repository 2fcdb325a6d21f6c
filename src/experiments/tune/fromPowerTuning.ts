/**
 * `lamsim tune --from-power-tuning FILE`: read a real AWS Lambda Power Tuning result and fit the
 * function's model to it, so a sweep starts from measurements instead of guesses. Pure (the CLI
 * reads the file).
 *
 * The model (src/model/handler/cpuShare.ts) says the mean duration at memory m is
 *
 *     d(m) = C / u(m) + IO,    u(m) = min(m / 1769, threads, 6)  (usable vCPUs)
 *
 * with C the CPU time at one vCPU and IO the waiting memory does not speed up. For a given
 * `threads` this is linear in x = 1/u(m), so C and IO come from a least-squares line through
 * (x, d), weighted by 1/d² (relative errors: a 128 MB point measured at 2 s does not drown a
 * 3 GB point at 80 ms), constrained to C, IO >= 0.
 *
 * `threads` only changes u(m) above 1769 MB, so it is identifiable only from points there, and
 * only up to ceil(maxMemory / 1769): with sizes up to 3008 MB (1.7 vCPU) the data can tell
 * "single-threaded" (flat above 1769 MB) from "at least 2 threads" (still speeding up), no more.
 * The fit keeps one thread unless a multi-threaded model at least halves the residual sum of
 * squares (a discrete choice should not chase noise in two or three points); without points above
 * 1769 MB it keeps the scenario's `threads`.
 */
import { distMean } from '../../engine/index.ts';
import { MAX_VCPUS, MB_PER_VCPU, usableVcpus } from '../../model/index.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Architecture, LambdaFunction, Scenario } from '../../scenario/index.ts';
import { scaleDist } from '../edits.ts';
import { decodeVisualizationUrl, type PowerStat } from './powerTuning.ts';

export interface PowerTuningMeasurements {
  /** Measured points, sorted by memory. */
  readonly points: readonly PowerStat[];
  /** Where they were read: `stats` (includeOutputResults, full precision) or the visualization link (Float32). */
  readonly from: 'stats' | 'visualization';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fromObject(value: unknown, depth: number): Result<PowerTuningMeasurements, string> | null {
  if (depth > 4) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{')) {
      try {
        return fromObject(JSON.parse(text), depth + 1);
      } catch {
        return null;
      }
    }
    if (/^https?:\/\/\S+#/.test(text)) {
      const decoded = decodeVisualizationUrl(text);
      return decoded.ok ? ok({ points: sortByPower(decoded.value), from: 'visualization' }) : decoded;
    }
    return null;
  }
  if (!isRecord(value)) return null;
  if (Array.isArray(value.stats)) {
    const points: PowerStat[] = [];
    for (const [i, s] of value.stats.entries()) {
      if (!isRecord(s)) return err(`stats[${i}] is not an object`);
      const power = Number(s.value);
      const duration = Number(s.averageDuration);
      const cost = Number(s.averagePrice);
      if (!Number.isFinite(power) || !Number.isFinite(duration)) {
        return err(`stats[${i}]: expected numeric value and averageDuration`);
      }
      points.push({ power, duration, cost: Number.isFinite(cost) ? cost : 0 });
    }
    return ok({ points: sortByPower(points), from: 'stats' });
  }
  if (isRecord(value.stateMachine) && typeof value.stateMachine.visualization === 'string') {
    return fromObject(value.stateMachine.visualization, depth + 1);
  }
  for (const key of ['output', 'results', 'result']) {
    if (key in value) {
      const found = fromObject(value[key], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

const sortByPower = (points: readonly PowerStat[]): PowerStat[] =>
  [...points].sort((a, b) => a.power - b.power);

/**
 * The measurements in a Power Tuning result: the state machine's output (`stats` when run with
 * `includeOutputResults`, else the points encoded in `stateMachine.visualization`), the same
 * wrapped in Step Functions' `output` (object or JSON string), or a bare visualization link.
 */
export function parsePowerTuningResult(text: string): Result<PowerTuningMeasurements, string> {
  const trimmed = text.trim();
  let value: unknown = trimmed;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      return err(`not valid JSON: ${(e as Error).message}`);
    }
  }
  const found = fromObject(value, 0);
  if (!found) {
    return err(
      'no Power Tuning measurements found: expected the state machine output ' +
        '({ "power", "cost", "duration", "stateMachine": { "visualization": ... } }, optionally with "stats"), ' +
        'or a https://lambda-power-tuning.show/#... link',
    );
  }
  if (!found.ok) return found;
  const usable = found.value.points.filter((p) => p.duration > 0 && p.power > 0);
  if (new Set(usable.map((p) => p.power)).size < 2) {
    return err('need measurements at two or more memory sizes to fit compute and io');
  }
  return ok({ ...found.value, points: usable });
}

export interface FittedPoint {
  /** The architecture measured, when results of both were fitted together (./archFit.ts). */
  readonly architecture?: Architecture;
  readonly memoryMb: number;
  readonly measuredMs: number;
  readonly fittedMs: number;
}

export interface ComputeIoFit {
  /** Mean CPU time at one vCPU (1,769 MB), ms. */
  readonly computeMs: number;
  /** Mean time memory does not speed up, ms (downstream calls the scenario models are not included). */
  readonly ioMs: number;
  readonly threads: number;
  /** How `threads` was decided: `fitted`, `at-least` (fitted, cannot tell more threads apart) or `kept`. */
  readonly threadsFrom: 'fitted' | 'at-least' | 'kept';
  readonly points: readonly FittedPoint[];
  /** Root mean square of (fitted - measured) / measured. */
  readonly rmsRelativeError: number;
}

interface Line {
  readonly c: number;
  readonly io: number;
  readonly sse: number;
}

/** Weighted least squares d = c x + io with c, io >= 0; null when x does not vary. */
function fitLine(xs: readonly number[], ds: readonly number[]): Line | null {
  let sw = 0;
  let sx = 0;
  let sxx = 0;
  let sd = 0;
  let sxd = 0;
  xs.forEach((x, i) => {
    const w = 1 / ds[i] ** 2;
    sw += w;
    sx += w * x;
    sxx += w * x * x;
    sd += w * ds[i];
    sxd += w * x * ds[i];
  });
  const det = sw * sxx - sx * sx;
  if (!(det > 1e-12 * sw * sxx)) return null;
  let c = (sw * sxd - sx * sd) / det;
  let io = (sd - c * sx) / sw;
  if (c < 0) {
    c = 0;
    io = sd / sw;
  } else if (io < 0) {
    io = 0;
    c = sxd / sxx;
  }
  const sse = xs.reduce((a, x, i) => a + ((c * x + io - ds[i]) / ds[i]) ** 2, 0);
  return { c, io, sse };
}

/** Fits compute, io and threads to measured mean durations (see the module comment). */
export function fitComputeIo(
  points: readonly PowerStat[],
  scenarioThreads: number,
): Result<ComputeIoFit, string> {
  const usable = points.filter((p) => p.duration > 0 && p.power > 0);
  const ms = usable.map((p) => p.power);
  const ds = usable.map((p) => p.duration);
  const maxMb = Math.max(...ms);
  const distinguishable = Math.min(Math.ceil(maxMb / MB_PER_VCPU - 1e-9), MAX_VCPUS);
  const candidates =
    distinguishable > 1 ? Array.from({ length: distinguishable }, (_, i) => i + 1) : [scenarioThreads];
  let best: { threads: number; line: Line } | null = null;
  let single: Line | null = null;
  for (const threads of candidates) {
    const line = fitLine(
      ms.map((m) => 1 / usableVcpus(m, threads)),
      ds,
    );
    if (!line) continue;
    if (threads === 1) single = line;
    if (!best || line.sse < best.line.sse) best = { threads, line };
  }
  if (!best) return err('the measured sizes all give the same CPU share: cannot separate compute from io');
  // Keep one thread unless more threads explain the data markedly better.
  if (single && best.threads > 1 && !(best.line.sse < 0.5 * single.sse)) best = { threads: 1, line: single };
  const { threads, line } = best;
  const threadsFrom: ComputeIoFit['threadsFrom'] =
    distinguishable <= 1
      ? 'kept'
      : threads === distinguishable && threads < MAX_VCPUS
        ? 'at-least'
        : 'fitted';
  const fitted = usable.map((p) => ({
    memoryMb: p.power,
    measuredMs: p.duration,
    fittedMs: line.c / usableVcpus(p.power, threads) + line.io,
  }));
  return ok({
    computeMs: line.c,
    ioMs: line.io,
    threads,
    threadsFrom,
    points: fitted,
    rmsRelativeError: Math.sqrt(line.sse / usable.length),
  });
}

/** Mean latency of the function's internet calls per invocation (part of a measured duration). */
function internetCallsMeanMs(fn: LambdaFunction): number {
  return fn.model.calls.reduce(
    (sum, c) => (c.kind === 'internet' ? sum + c.count * distMean(c.latencyMs) : sum),
    0,
  );
}

/**
 * The function with its model fitted: compute measured at 1,769 MB with the fitted mean, io with
 * the fitted mean less the internet calls the scenario already models, and the fitted threads.
 * Each distribution keeps the scenario's shape, scaled to the new mean (constant if it had none).
 */
export function applyComputeIoFit(fn: LambdaFunction, fit: ComputeIoFit): LambdaFunction {
  const withMean = (spec: LambdaFunction['model']['computeMs'], mean: number) => {
    const old = distMean(spec);
    return old > 0 ? scaleDist(spec, mean / old) : { kind: 'constant' as const, value: mean };
  };
  const ioMs = Math.max(0, fit.ioMs - internetCallsMeanMs(fn));
  return {
    ...fn,
    model: {
      ...fn.model,
      computeMs: withMean(fn.model.computeMs, fit.computeMs),
      computeAtMb: MB_PER_VCPU,
      ioMs: withMean(fn.model.ioMs, ioMs),
      threads: fit.threads,
    },
  };
}

/** A fit as reported in tune.json's `fromPowerTuning`. */
export interface PowerTuningFit extends ComputeIoFit {
  /** Where the measurements came from (the file name as given). */
  readonly source: string;
  readonly from: PowerTuningMeasurements['from'];
  /** The function's fitted model as a scenario would write it (means, ms). */
  readonly model: {
    readonly computeMs: number;
    readonly computeAtMb: number;
    readonly threads: number;
    readonly ioMs: number;
    /** Fitted from results of both architectures (./archFit.ts): relative speeds, x86_64 = 1. */
    readonly archSpeed?: Readonly<Record<Architecture, number>>;
  };
}

/** Fits function `fnName` of the scenario to the measurements and returns both. */
export function fitScenarioToPowerTuning(
  scenario: Scenario,
  fnName: string,
  measurements: PowerTuningMeasurements,
  source: string,
): Result<{ readonly scenario: Scenario; readonly fit: PowerTuningFit }, string> {
  const fn = scenario.functions.find((f) => f.name === fnName);
  if (!fn) return err(`no function '${fnName}' in the scenario`);
  const fit = fitComputeIo(measurements.points, fn.model.threads);
  if (!fit.ok) return fit;
  const fitted = applyComputeIoFit(fn, fit.value);
  return ok({
    scenario: { ...scenario, functions: scenario.functions.map((f) => (f.name === fnName ? fitted : f)) },
    fit: {
      ...fit.value,
      source,
      from: measurements.from,
      model: {
        computeMs: distMean(fitted.model.computeMs),
        computeAtMb: fitted.model.computeAtMb,
        threads: fitted.model.threads,
        ioMs: distMean(fitted.model.ioMs),
      },
    },
  });
}
