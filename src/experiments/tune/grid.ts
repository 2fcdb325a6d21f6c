/**
 * The memory grid of a tuning sweep: AWS Lambda Power Tuning's default sizes, a list, or a range
 * with a step. Pure; `parseMemoryGrid` never throws.
 */
import { err, ok, type Result } from '../../result.ts';
import type { Architecture } from '../../scenario/index.ts';

/** AWS Lambda Power Tuning's default `powerValues` (MB). */
export const POWER_TUNING_DEFAULT_SIZES: readonly number[] = [128, 256, 512, 1024, 1536, 2048, 3008];

export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10240;

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

/** A size in MB: `1024`, `1024MB`, `1GB`, `1.5GB` (1 GB = 1024 MB). */
function parseMb(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(MB|GB)?$/i.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]) * (m[2]?.toUpperCase() === 'GB' ? 1024 : 1);
  return Number.isFinite(value) ? value : null;
}

function checkSize(mb: number, text: string): string | null {
  if (!Number.isInteger(mb)) return `'${text}': memory must be a whole number of MB`;
  if (mb < MIN_MEMORY_MB || mb > MAX_MEMORY_MB) {
    return `'${text}': memory must be from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB} MB`;
  }
  return null;
}

/**
 * Parses a memory grid: a comma-separated list of sizes (`128,256,1GB`) and/or ranges
 * `FROM..TO:STEP` (`128..3008:128`). Ranges include both ends (TO is added when the step does not
 * land on it). The result is sorted and without duplicates.
 */
export function parseMemoryGrid(text: string): Result<number[], string> {
  const sizes = new Set<number>();
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return err('empty memory list: expected e.g. 128,256,512 or 128..3008:128');
  for (const part of parts) {
    const range = /^(.+?)\.\.(.+?):(.+)$/.exec(part);
    if (range) {
      const [from, to, step] = [parseMb(range[1]), parseMb(range[2]), parseMb(range[3])];
      if (from === null || to === null || step === null) {
        return err(`'${part}': expected a range FROM..TO:STEP in MB, e.g. 128..3008:128`);
      }
      const problem = checkSize(from, range[1]) ?? checkSize(to, range[2]);
      if (problem) return err(problem);
      if (!(Number.isInteger(step) && step > 0))
        return err(`'${part}': the step must be a whole number of MB > 0`);
      if (to < from) return err(`'${part}': the range ends below its start`);
      for (let mb = from; mb < to; mb += step) sizes.add(mb);
      sizes.add(to);
      continue;
    }
    if (part.includes('..')) return err(`'${part}': a range needs a step, e.g. 128..3008:128`);
    const mb = parseMb(part);
    if (mb === null) return err(`'${part}' is not a memory size: expected MB (e.g. 1024) or 1GB`);
    const problem = checkSize(mb, part);
    if (problem) return err(problem);
    sizes.add(mb);
  }
  if (sizes.size > 200) return err(`${sizes.size} memory sizes: at most 200 per sweep`);
  return ok([...sizes].sort((a, b) => a - b));
}

/** Parses `x86_64,arm64` (also `x86`, `arm`) into a list without duplicates, in written order. */
export function parseArchitectures(text: string): Result<Architecture[], string> {
  const out: Architecture[] = [];
  for (const raw of text.split(',').map((p) => p.trim().toLowerCase())) {
    if (raw === '') continue;
    const arch =
      raw === 'x86' || raw === 'x86-64' || raw === 'amd64' ? 'x86_64' : raw === 'arm' ? 'arm64' : raw;
    if (!ARCHITECTURES.includes(arch as Architecture)) {
      return err(`unknown architecture '${raw}': expected x86_64 or arm64`);
    }
    if (!out.includes(arch as Architecture)) out.push(arch as Architecture);
  }
  if (out.length === 0) return err('empty architecture list: expected x86_64, arm64 or both');
  return ok(out);
}
