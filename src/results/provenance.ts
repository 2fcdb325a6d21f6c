/**
 * Where a result comes from (design principle 14): lamsim version, format, seed and a hash of the
 * normalized scenario. Pure; never includes wall-clock time, so summaries stay byte-identical.
 */
import { createHash } from 'node:crypto';
import type { Scenario, TemplateRef } from '../scenario/index.ts';
import { FORMAT_VERSION } from '../scenario/index.ts';
import { LAMSIM_VERSION } from '../version.ts';

export interface Provenance {
  readonly version: string;
  readonly format: number;
  readonly seed: number;
  /** `sha256:<hex>` of the normalized scenario as canonical JSON. */
  readonly scenarioHash: string;
  /** The templates a `stack:` scenario was read from, with the sha256 of each (absent otherwise). */
  readonly templates?: readonly TemplateRef[];
}

/** JSON with object keys sorted and Infinity written as a string, so equal scenarios hash equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

/** `sha256:<hex>` of a scenario file's text as written (what a partial carries beside its normalized scenario). */
export function textHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function provenanceOf(scenario: Scenario): Provenance {
  return {
    version: LAMSIM_VERSION,
    format: FORMAT_VERSION,
    seed: scenario.seed,
    scenarioHash: `sha256:${createHash('sha256').update(canonicalJson(scenario)).digest('hex')}`,
    ...(scenario.templates ? { templates: scenario.templates } : {}),
  };
}

/**
 * Why a file's `lamsim: { version, format }` is not this lamsim's (`written by lamsim 0.0.9
 * (scenario format 1); this is lamsim 0.1.0 (format 1)`), or null when it is.
 */
export function otherLamsim(lamsim: unknown): string | null {
  const l = (typeof lamsim === 'object' && lamsim !== null ? lamsim : {}) as Record<string, unknown>;
  if (l.version === LAMSIM_VERSION && l.format === FORMAT_VERSION) return null;
  return `written by lamsim ${String(l.version)} (scenario format ${String(l.format)}); this is lamsim ${LAMSIM_VERSION} (format ${FORMAT_VERSION})`;
}
