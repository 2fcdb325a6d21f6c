/**
 * Written distribution (already accepted by the schema) -> DistSpec in milliseconds.
 *
 * Checks what the schema cannot: lognormal takes p50+p99 or mean+stddev; 0 < p50 <= p99; min <= max;
 * empirical takes samples or file (not both) and at least one value; CDF points ascend from p = 0 to
 * p = 1. Returns undefined after reporting a problem. Degenerate cases become constants
 * (p50 = p99, stddev 0 for a lognormal).
 */
import type { z } from 'zod';
import type { DistSpec } from '../../engine/index.ts';
import { lognormalFromMoments, lognormalFromQuantiles } from '../../engine/index.ts';
import { excerpt } from '../excerpt.ts';
import type { Path } from '../issues.ts';
import { DURATION_UNITS, exactDecimal, formatDuration } from '../quantities.ts';
import type { distribution } from '../schema/distribution.ts';
import type { Context } from './context.ts';
import { constant, ms } from './convert.ts';
import { FileProblems, parseNumberField, readReferencedFile, splitRows } from './files.ts';

/** A `<dist>` as the schema outputs it. */
export type WrittenDistribution = z.output<typeof distribution>;
type ByDist = Extract<WrittenDistribution, { dist: string }>;
type Of<K extends ByDist['dist']> = Extract<ByDist, { dist: K }>;

export function normalizeDistribution(
  raw: WrittenDistribution,
  path: Path,
  ctx: Context,
): DistSpec | undefined {
  if (typeof raw === 'string') return constant(ms(raw));
  if (!('dist' in raw)) return lognormalByQuantiles(ms(raw.p50), ms(raw.p99), path, ctx);
  const at = (key: string): Path => [...path, key];
  switch (raw.dist) {
    case 'lognormal':
      return lognormal(raw, path, ctx);
    case 'constant':
      return constant(ms(raw.value));
    case 'exponential': {
      const mean = ms(raw.mean);
      if (mean <= 0)
        return fail(ctx, at('mean'), 'an exponential needs a mean > 0; write 0ms (a constant) for no time');
      return { kind: 'exponential', mean };
    }
    case 'uniform': {
      const min = ms(raw.min);
      const max = ms(raw.max);
      if (max < min)
        return fail(ctx, at('max'), `max (${formatDuration(max)}) must be >= min (${formatDuration(min)})`);
      return { kind: 'uniform', min, max };
    }
    case 'normal':
      return { kind: 'normal', mean: ms(raw.mean), stddev: ms(raw.stddev) };
    case 'empirical':
      return empirical(raw, path, ctx);
    case 'cdf':
      return cdf(raw.points, at('points'), ctx);
  }
}

/** `{ dist: lognormal }` takes p50 and p99, or mean and stddev. */
function lognormal(raw: Of<'lognormal'>, path: Path, ctx: Context): DistSpec | undefined {
  const hasQ = raw.p50 !== undefined || raw.p99 !== undefined;
  const hasM = raw.mean !== undefined || raw.stddev !== undefined;
  if (hasQ && hasM) {
    ctx.report.error(path, 'a lognormal takes p50 and p99, or mean and stddev, not both');
    return undefined;
  }
  if (hasM) return lognormalByMoments(raw, path, ctx);
  if (raw.p50 === undefined) return missingQuantile('p50', path, ctx);
  if (raw.p99 === undefined) return missingQuantile('p99', path, ctx);
  return lognormalByQuantiles(ms(raw.p50), ms(raw.p99), path, ctx);
}

function missingQuantile(key: 'p50' | 'p99', path: Path, ctx: Context): undefined {
  return fail(
    ctx,
    [...path, key],
    `missing required key '${key}': a lognormal takes p50 and p99 (or mean and stddev)`,
  );
}

function fail(ctx: Context, path: Path, message: string): undefined {
  ctx.report.error(path, message);
  return undefined;
}

function lognormalByQuantiles(p50: number, p99: number, path: Path, ctx: Context): DistSpec | undefined {
  if (p50 <= 0)
    return fail(ctx, [...path, 'p50'], 'a lognormal needs p50 > 0; write 0ms (a constant) for no time');
  if (p99 < p50) {
    return fail(
      ctx,
      [...path, 'p99'],
      `p99 (${formatDuration(p99)}) must be >= p50 (${formatDuration(p50)})`,
    );
  }
  if (p99 === p50) return constant(p50);
  return { kind: 'lognormal', ...lognormalFromQuantiles(p50, p99) };
}

function lognormalByMoments(raw: Of<'lognormal'>, path: Path, ctx: Context): DistSpec | undefined {
  const missing = (key: 'mean' | 'stddev') =>
    fail(
      ctx,
      [...path, key],
      `missing required key '${key}': a lognormal takes mean and stddev (or p50 and p99)`,
    );
  if (raw.mean === undefined) return missing('mean');
  if (raw.stddev === undefined) return missing('stddev');
  const mean = ms(raw.mean);
  const stddev = ms(raw.stddev);
  if (mean <= 0)
    return fail(ctx, [...path, 'mean'], 'a lognormal needs mean > 0; write 0ms (a constant) for no time');
  if (stddev === 0) return constant(mean);
  return { kind: 'lognormal', ...lognormalFromMoments(mean, stddev) };
}

function empirical(raw: Of<'empirical'>, path: Path, ctx: Context): DistSpec | undefined {
  if (raw.samples !== undefined && raw.file !== undefined) {
    return fail(ctx, [...path, 'file'], 'an empirical distribution takes samples or file, not both');
  }
  if (raw.samples !== undefined) {
    if (raw.unit !== undefined) {
      return fail(
        ctx,
        [...path, 'unit'],
        'unit applies to file samples only; inline samples carry their own units (e.g. 12ms)',
      );
    }
    const samples = raw.samples.map(ms);
    if (samples.length === 0)
      return fail(ctx, [...path, 'samples'], 'expected at least one sample, e.g. [12ms, 15ms, 80ms]');
    return { kind: 'empirical', samples };
  }
  if (raw.file === undefined) {
    return fail(
      ctx,
      path,
      "missing required key 'samples' or 'file': an empirical distribution resamples data",
    );
  }
  const file = raw.file;
  const filePath = [...path, 'file'];
  const text = readReferencedFile(file, filePath, ctx);
  if (text === undefined) return undefined;
  const unit = raw.unit ?? 'ms';
  const unitMs = DURATION_UNITS.find((u) => u.unit === unit)?.ms ?? 1;
  const problems = new FileProblems(file, filePath, ctx);
  const samples: number[] = [];
  splitRows(text).forEach((row, index) => {
    const field = row.fields[0];
    const value = parseNumberField(field.text);
    if (value === undefined) {
      if (index === 0) return; // a header line
      problems.add(
        row.line,
        field.col,
        `'${excerpt(field.text, 40)}' is not a number (one sample in ${unit} per line)`,
      );
    } else if (value < 0) {
      problems.add(row.line, field.col, `negative sample ${field.text}: samples are durations >= 0`);
    } else {
      samples.push(/^\d+(\.\d+)?$/.test(field.text) ? exactDecimal(field.text, unitMs) : value * unitMs);
    }
  });
  if (problems.finish()) return undefined;
  if (samples.length === 0)
    return fail(ctx, filePath, `'${file}' holds no samples (expected one number per line)`);
  return { kind: 'empirical', samples };
}

function cdf(points: Of<'cdf'>['points'], path: Path, ctx: Context): DistSpec | undefined {
  const out = points.map(([value, p]) => ({ value: ms(value), p }));
  for (let i = 1; i < out.length; i++) {
    if (out[i].value < out[i - 1].value) {
      return fail(
        ctx,
        [...path, i],
        `CDF values must not decrease: ${formatDuration(out[i].value)} after ${formatDuration(out[i - 1].value)}`,
      );
    }
    if (out[i].p < out[i - 1].p)
      return fail(
        ctx,
        [...path, i],
        `cumulative probabilities must not decrease: ${out[i].p} after ${out[i - 1].p}`,
      );
  }
  if (out[0].p !== 0)
    return fail(ctx, [...path, 0], `the first CDF point must have probability 0, got ${out[0].p}`);
  const last = out[out.length - 1];
  if (last.p !== 1)
    return fail(ctx, [...path, out.length - 1], `the last CDF point must have probability 1, got ${last.p}`);
  return { kind: 'piecewise', points: out };
}
