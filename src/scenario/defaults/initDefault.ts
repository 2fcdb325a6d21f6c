/**
 * The default INIT distribution of a function, from measured hello-world cold starts.
 *
 * Row choice: the (runtime label, packaging, architecture) row at the nearest measured memory
 * (128/256/512/1024 MB, nearest on a log scale, ties to the smaller; above 1024 MB the 1024 MB row,
 * since INIT runs with boosted CPU and barely depends on memory). When that exact combination was not
 * measured, the constraint that matters least is relaxed first: the custom runtime's other OS
 * (al2 <-> al2023), then the other architecture, then the other packaging. Every known runtime and
 * profile has at least one row, so a default INIT is never a silent zero; a fallback is reported
 * (`fallback` is set) so the parser can warn.
 *
 * The distribution is the row's empirical quantiles as a piecewise-linear CDF through
 * (min, 0), (p50, 0.5), (p90, 0.9), (p99, 0.99), (max, 1), in milliseconds.
 */
import type { DistSpec } from '../../engine/index.ts';
import { COLD_START_TABLE, type ColdStartRow } from './coldStartTable.ts';
import { coldStartLabels, type RuntimeProfile, runtimeLabel } from './runtimes.ts';

export const MEASURED_MEMORY_MB = [128, 256, 512, 1024] as const;

export interface InitDefault {
  readonly row: ColdStartRow;
  readonly distribution: DistSpec;
  /** Set when the row is not the exact (label, packaging, arch) asked for: says what was used. */
  readonly fallback: string | null;
}

/** Nearest measured memory on a log2 scale; ties go to the smaller size; above 1024 MB -> 1024. */
export function nearestMeasuredMemory(memoryMb: number): number {
  let best: number = MEASURED_MEMORY_MB[0];
  for (const m of MEASURED_MEMORY_MB) {
    if (Math.abs(Math.log2(memoryMb / m)) < Math.abs(Math.log2(memoryMb / best)) - 1e-12) best = m;
  }
  return best;
}

export function coldStartDistribution(row: ColdStartRow): DistSpec {
  return {
    kind: 'piecewise',
    points: [
      { value: row.minMs, p: 0 },
      { value: row.p50Ms, p: 0.5 },
      { value: row.p90Ms, p: 0.9 },
      { value: row.p99Ms, p: 0.99 },
      { value: row.maxMs, p: 1 },
    ],
  };
}

const other = <T extends string>(value: T, pair: readonly [T, T]): T =>
  value === pair[0] ? pair[1] : pair[0];

export function defaultInit(
  runtime: string,
  profile: RuntimeProfile,
  packaging: 'zip' | 'image',
  arch: 'x86_64' | 'arm64',
  memoryMb: number,
  table: readonly ColdStartRow[] = COLD_START_TABLE,
): InitDefault | null {
  const { own, other: otherOs } = coldStartLabels(runtime, profile);
  const labels = [own, otherOs].filter((x): x is string => x !== undefined);
  const memory = nearestMeasuredMemory(memoryMb);
  const packagings = [packaging, other(packaging, ['zip', 'image'])];
  const arches = [arch, other(arch, ['x86_64', 'arm64'])];
  for (const p of packagings) {
    for (const a of arches) {
      for (const label of labels) {
        const rows = table.filter((r) => r.runtime === label && r.packaging === p && r.arch === a);
        if (rows.length === 0) continue;
        const row = rows.find((r) => r.memoryMb === memory) ?? nearestRow(rows, memoryMb);
        const exact = label === own && p === packaging && a === arch;
        const fallback = exact
          ? null
          : `'${label}' ${p} ${a} (no ${runtimeLabel(runtime, profile)} ${packaging} ${arch} measurement)`;
        return { row, distribution: coldStartDistribution(row), fallback };
      }
    }
  }
  return null;
}

function nearestRow(rows: readonly ColdStartRow[], memoryMb: number): ColdStartRow {
  return rows.reduce((best, r) =>
    Math.abs(Math.log2(memoryMb / r.memoryMb)) < Math.abs(Math.log2(memoryMb / best.memoryMb)) ? r : best,
  );
}
