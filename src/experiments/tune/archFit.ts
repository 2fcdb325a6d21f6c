/**
 * `lamsim tune --from-power-tuning x86_64=A.json --from-power-tuning arm64=B.json`: fit the
 * function's compute, io, threads and `archSpeed` to Power Tuning results of both architectures.
 * Power Tuning tunes one function (one architecture) per run, and its output does not name the
 * architecture, so the user says which run is which. Pure.
 *
 * The model: on architecture a, the mean duration at memory m is
 *
 *     d_a(m) = c_a / u(m) + IO,    u(m) = min(m / 1769, threads, 6)
 *
 * with one IO (waiting does not depend on the processor) and a CPU time c_a per architecture; the
 * speed ratio is archSpeed.arm64 / archSpeed.x86_64 = c_x86 / c_arm. For a given `threads` this is
 * linear in (c_x86, c_arm, IO): weighted least squares on relative errors (weights 1/d², as the
 * single-architecture fit in ./fromPowerTuning.ts), solved in closed form; IO < 0 is clamped to 0
 * (each c then fits alone through the origin). `threads` is chosen as in the single fit: one
 * thread unless more threads at least halve the summed squared relative error.
 */
import { MAX_VCPUS, MB_PER_VCPU, usableVcpus } from '../../model/index.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Architecture, LambdaFunction } from '../../scenario/index.ts';
import { applyComputeIoFit, type ComputeIoFit } from './fromPowerTuning.ts';
import type { PowerStat } from './powerTuning.ts';

export interface ArchitectureFit {
  /** Mean CPU time at one vCPU on each architecture, ms. */
  readonly computeMs: Readonly<Record<Architecture, number>>;
  readonly ioMs: number;
  readonly threads: number;
  readonly threadsFrom: ComputeIoFit['threadsFrom'];
  /** Relative speeds, x86_64 = 1: arm64 = c_x86 / c_arm. */
  readonly archSpeed: Readonly<Record<Architecture, number>>;
  readonly points: readonly {
    readonly architecture: Architecture;
    readonly memoryMb: number;
    readonly measuredMs: number;
    readonly fittedMs: number;
  }[];
  /** Root mean square of (fitted - measured) / measured over both architectures. */
  readonly rmsRelativeError: number;
}

interface Sums {
  sxx: number;
  sx: number;
  sxd: number;
  sw: number;
  sd: number;
}

const ARCHES: readonly Architecture[] = ['x86_64', 'arm64'];

function sums(xs: readonly number[], ds: readonly number[]): Sums {
  const s: Sums = { sxx: 0, sx: 0, sxd: 0, sw: 0, sd: 0 };
  xs.forEach((x, i) => {
    const w = 1 / ds[i] ** 2;
    s.sw += w;
    s.sx += w * x;
    s.sxx += w * x * x;
    s.sd += w * ds[i];
    s.sxd += w * x * ds[i];
  });
  return s;
}

interface Solution {
  readonly c: Record<Architecture, number>;
  readonly io: number;
  readonly sse: number;
}

/** The joint least-squares solution for one `threads`, or null when it cannot be told apart. */
function solve(
  byArch: Readonly<Record<Architecture, readonly PowerStat[]>>,
  threads: number,
): Solution | null {
  const xs = { x86_64: [] as number[], arm64: [] as number[] };
  const ds = { x86_64: [] as number[], arm64: [] as number[] };
  for (const a of ARCHES) {
    for (const p of byArch[a]) {
      xs[a].push(1 / usableVcpus(p.power, threads));
      ds[a].push(p.duration);
    }
  }
  const s = { x86_64: sums(xs.x86_64, ds.x86_64), arm64: sums(xs.arm64, ds.arm64) };
  // Eliminating c_a = (sxd_a - io sx_a) / sxx_a from the normal equations leaves one for io.
  let denominator = 0;
  let numerator = 0;
  for (const a of ARCHES) {
    if (!(s[a].sxx > 0)) return null;
    denominator += s[a].sw - s[a].sx ** 2 / s[a].sxx;
    numerator += s[a].sd - (s[a].sx * s[a].sxd) / s[a].sxx;
  }
  let io = denominator > 1e-12 * (s.x86_64.sw + s.arm64.sw) ? numerator / denominator : 0;
  if (io < 0) io = 0;
  const c = { x86_64: 0, arm64: 0 };
  for (const a of ARCHES) c[a] = (s[a].sxd - io * s[a].sx) / s[a].sxx;
  if (!(c.x86_64 > 0 && c.arm64 > 0)) return null;
  let sse = 0;
  for (const a of ARCHES) {
    xs[a].forEach((x, i) => {
      sse += ((c[a] * x + io - ds[a][i]) / ds[a][i]) ** 2;
    });
  }
  return { c, io, sse };
}

/** Fits compute per architecture, a shared io and threads to both architectures' measurements. */
export function fitComputeIoByArchitecture(
  byArch: Readonly<Record<Architecture, readonly PowerStat[]>>,
): Result<ArchitectureFit, string> {
  const usable = {
    x86_64: byArch.x86_64.filter((p) => p.duration > 0 && p.power > 0),
    arm64: byArch.arm64.filter((p) => p.duration > 0 && p.power > 0),
  };
  for (const a of ARCHES) {
    if (new Set(usable[a].map((p) => p.power)).size < 1) return err(`no usable ${a} measurement`);
  }
  const maxMb = Math.max(...ARCHES.flatMap((a) => usable[a].map((p) => p.power)));
  const distinguishable = Math.min(Math.ceil(maxMb / MB_PER_VCPU - 1e-9), MAX_VCPUS);
  let best: { threads: number; fit: Solution } | null = null;
  let single: Solution | null = null;
  for (let threads = 1; threads <= Math.max(1, distinguishable); threads++) {
    const fit = solve(usable, threads);
    if (!fit) continue;
    if (threads === 1) single = fit;
    if (!best || fit.sse < best.fit.sse) best = { threads, fit };
  }
  if (!best) {
    return err(
      'cannot separate compute from io on both architectures: measure at two or more sizes below 1,769 MB, or at sizes with different CPU shares',
    );
  }
  if (single && best.threads > 1 && !(best.fit.sse < 0.5 * single.sse)) best = { threads: 1, fit: single };
  const { threads, fit } = best;
  const n = usable.x86_64.length + usable.arm64.length;
  return ok({
    computeMs: fit.c,
    ioMs: fit.io,
    threads,
    threadsFrom:
      distinguishable <= 1
        ? 'kept'
        : threads === distinguishable && threads < MAX_VCPUS
          ? 'at-least'
          : 'fitted',
    archSpeed: { x86_64: 1, arm64: fit.c.x86_64 / fit.c.arm64 },
    points: ARCHES.flatMap((architecture) =>
      usable[architecture].map((p) => ({
        architecture,
        memoryMb: p.power,
        measuredMs: p.duration,
        fittedMs: fit.c[architecture] / usableVcpus(p.power, threads) + fit.io,
      })),
    ),
    rmsRelativeError: Math.sqrt(fit.sse / n),
  });
}

/**
 * The function with both fits applied: compute as measured on its own architecture (at 1,769 MB),
 * the shared io, threads, and the fitted archSpeed.
 */
export function applyArchitectureFit(fn: LambdaFunction, fit: ArchitectureFit): LambdaFunction {
  const own = fn.architecture;
  const fitted = applyComputeIoFit(fn, {
    computeMs: fit.computeMs[own],
    ioMs: fit.ioMs,
    threads: fit.threads,
    threadsFrom: fit.threadsFrom,
    points: [],
    rmsRelativeError: fit.rmsRelativeError,
  });
  return {
    ...fitted,
    model: { ...fitted.model, archSpeed: fit.archSpeed, computeArchitecture: own },
  };
}
