/**
 * The dependency direction of issue 13, checked over every import in src/:
 *
 *   engine < metrics < scenario < stack < logs < calibrate < billing/metering < model < billing/pricing < results
 *     < experiments < report < io < cli
 *
 * A file may import its own layer and the layers below it, never one above; an import into
 * another layer goes through that layer's index.ts (src/billing/index.ts counts as the pricing
 * layer's: it re-exports metering and pricing). src/result.ts, src/version.ts and src/decimalText.ts
 * sit below every layer; src/index.ts (the library) sits between io and cli, and src/bench/ and src/build/ above everything.
 *
 * KNOWN_VIOLATIONS lists the imports that still break a rule while other work removes them; it
 * may only shrink (it is empty now): an entry that no longer breaks a rule fails the test until
 * it is deleted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

/** Layers lowest first; a path belongs to the first (longest) prefix that matches. */
const LAYERS = [
  'engine',
  'metrics',
  'scenario',
  // Readers of other tools' files, beside scenario/: they produce written scenarios.
  'stack',
  'logs',
  'calibrate',
  'billing/metering',
  'model',
  'billing/pricing',
  'results',
  'experiments',
  'report',
  'io',
  'cli',
] as const;

const BASE = new Set(['result.ts', 'version.ts', 'decimalText.ts']);
/** The library's surface, between io and cli: the CLI imports it, it imports every layer's index. */
const LIBRARY = 'index.ts';
const TOP = ['bench/', 'build/'];

interface Placement {
  /** Rank in LAYERS; -1 below every layer (shared base), LAYERS.length above (bench). */
  readonly rank: number;
  /** The layer's index.ts, or null when imports into it are not restricted. */
  readonly index: string | null;
  readonly name: string;
}

/** Where a file of src/ (a path relative to src/, posix) sits. */
function placementOf(file: string): Placement {
  if (BASE.has(file)) return { rank: -1, index: null, name: 'base' };
  if (file === LIBRARY) return { rank: LAYERS.indexOf('cli') - 0.5, index: LIBRARY, name: 'library' };
  if (TOP.some((t) => file.startsWith(t))) return { rank: LAYERS.length, index: null, name: 'top' };
  if (file === 'billing/index.ts') return placementOf('billing/pricing/index.ts');
  const layer = [...LAYERS].sort((a, b) => b.length - a.length).find((l) => file.startsWith(`${l}/`));
  if (!layer) throw new Error(`src/${file} is in no layer: add its folder to LAYERS`);
  return { rank: LAYERS.indexOf(layer), index: `${layer}/index.ts`, name: layer };
}

/** Relative module specifiers of static imports and re-exports (type-only ones included). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\b[^'";]*?(?:\bfrom\s*)?['"](\.[^'"]+)['"]/gms;
  for (const m of text.matchAll(re)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** Every rule an import from `from` to `to` (paths relative to src/) breaks. */
function violations(from: string, to: string): string[] {
  const a = placementOf(from);
  const b = placementOf(to);
  if (a.name === b.name) return [];
  const out: string[] = [];
  if (b.rank > a.rank) out.push(`${a.name} imports ${b.name}, a layer above it`);
  if (b.index !== null && to !== b.index && !(b.name === 'billing/pricing' && to === 'billing/index.ts')) {
    out.push(`into ${b.name} not through ${b.index}`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `from -> to: rule` for every import of src/ that breaks a rule. */
function allViolations(): string[] {
  const found: string[] = [];
  for (const path of sourceFiles(SRC)) {
    const from = relative(SRC, path).split('\\').join('/');
    for (const spec of importsOf(readFileSync(path, 'utf8'))) {
      const to = posix.normalize(posix.join(posix.dirname(from), spec.replace(/\.js$/, '.ts')));
      for (const rule of violations(from, to)) found.push(`${from} -> ${to}: ${rule}`);
    }
  }
  return found.sort();
}

/**
 * Imports that break a rule today, each removed by work in progress. Only shrinks; empty since
 * the scenario's billing rule moved to billing (it reaches the parser through `ParseOptions.rules`).
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

describe('layer rules', () => {
  it('catch an import up the layers and one around an index', () => {
    expect(violations('model/world.ts', 'billing/pricing/bill.ts')).toEqual([
      'model imports billing/pricing, a layer above it',
      'into billing/pricing not through billing/pricing/index.ts',
    ]);
    expect(violations('model/world.ts', 'billing/metering/index.ts')).toEqual([]);
    expect(violations('report/tables.ts', 'experiments/slo.ts')).toEqual([
      'into experiments not through experiments/index.ts',
    ]);
    expect(violations('experiments/slo.ts', 'report/index.ts')).toEqual([
      'experiments imports report, a layer above it',
    ]);
    expect(violations('report/tables.ts', 'billing/index.ts')).toEqual([]);
    expect(violations('report/plan/planJson.ts', 'report/format.ts')).toEqual([]);
    expect(violations('scenario/parse.ts', 'result.ts')).toEqual([]);
    expect(violations('index.ts', 'experiments/index.ts')).toEqual([]);
    expect(violations('cli/commands/run.ts', 'index.ts')).toEqual([]);
    expect(violations('io/writeBundle.ts', 'index.ts')).toEqual(['io imports library, a layer above it']);
    expect(
      importsOf(
        "import type { A } from '../a.ts';\nexport * from './b.ts';\nimport {\n  c,\n} from './c.ts';",
      ),
    ).toEqual(['../a.ts', './b.ts', './c.ts']);
  });

  it('hold for every import in src/, except the known violations being removed', () => {
    const found = allViolations();
    expect(found.filter((v) => !KNOWN_VIOLATIONS.includes(v))).toEqual([]);
    // A fixed violation must leave the list, so the list only shrinks.
    expect(KNOWN_VIOLATIONS.filter((v) => !found.includes(v))).toEqual([]);
  });
});
