/**
 * A cross-field rule: reads the draft scenario, reports problems; never throws, never mutates.
 * Rules skip checks that would read a key the schema rejected (`bad`), so one mistake is reported once.
 */
import type { Reporter } from '../normalize/context.ts';
import type { ScenarioDraft } from '../normalize/scenario.ts';

export type Rule = (draft: ScenarioDraft, report: Reporter) => void;

/** `a, b and c` / `none`. */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.join(', ');
}

/** The draft, if any, whose bad set has none of `keys`. */
export const trusted = (bad: ReadonlySet<string>, ...keys: string[]): boolean =>
  !keys.some((k) => bad.has(k));
