/**
 * The shared check of a reference by kind: `name` at `path` must be a resource of one of `types`
 * (or a function, when allowed). Reports "'x' is a <type>: expected ..." or "'x' names nothing
 * (did you mean ...)", listing the names that would do. Built once per rule run from the draft.
 */
import { suggestion } from '../didYouMean.ts';
import type { Path } from '../issues.ts';
import type { Reporter } from '../normalize/context.ts';
import type { ScenarioDraft } from '../normalize/scenario.ts';
import type { Resource } from '../types.ts';
import { listNames } from './rule.ts';

export type KindCheck = (
  path: Path,
  name: string,
  types: readonly Resource['type'][],
  what: string,
  functionAllowed?: boolean,
) => boolean;

/** A KindCheck over the draft's written names; returns whether `name` is of an expected kind. */
export function kindCheck(draft: ScenarioDraft, report: Reporter): KindCheck {
  const typeOf = new Map(draft.resourceNames.map((r) => [r.name, r.type]));
  const functions = new Set(draft.functionNames.map((f) => f.name));
  const namesOf = (types: readonly Resource['type'][]) =>
    draft.resourceNames.filter((r) => r.type !== undefined && types.includes(r.type)).map((r) => r.name);

  return (path, name, types, what, functionAllowed = false) => {
    if (functionAllowed && functions.has(name)) return true;
    const type = typeOf.get(name);
    if (type !== undefined && types.includes(type)) return true;
    const candidates = [...namesOf(types), ...(functionAllowed ? functions : [])];
    if (typeOf.has(name) || functions.has(name)) {
      report.error(
        path,
        `'${name}' is ${functions.has(name) ? 'a function' : `a ${typeOf.get(name) ?? 'resource'}`}: expected ${what} (${listNames(candidates)})`,
      );
    } else {
      report.error(
        path,
        `'${name}' names nothing${suggestion(name, candidates)}; expected ${what} (${listNames(candidates)})`,
      );
    }
    return false;
  };
}
