/**
 * `Fn::ForEach` of the AWS::LanguageExtensions transform, expanded in a template's Resources
 * (AWS CloudFormation User Guide, "Fn::ForEach"):
 *
 *   'Fn::ForEach::LoopName': [Identifier, Collection, { 'OutputKey${Identifier}': OutputValue }]
 *
 * For each value of the collection (a list, or anything that resolves to one: a CommaDelimitedList
 * parameter, Fn::FindInMap, ...), every output key is copied with `${Identifier}` replaced by the
 * value and `&{Identifier}` by the value without its non-alphanumeric characters; inside the value,
 * `Ref: Identifier` becomes the value and `${Identifier}` / `&{Identifier}` are replaced in Fn::Sub
 * strings. Loops nest. Each expanded resource keeps the path of its fragment in the document, so
 * positions point at the lines the loop writes. A collection lamsim cannot resolve, or a malformed
 * loop, is a problem at the loop's key. Fn::ForEach in other sections (Outputs, Conditions, inside
 * properties) is not expanded.
 */
import type { Path } from '../scenario/index.ts';
import { stringOf } from './intrinsics.ts';
import { isRecord, type Resolved, Unknown } from './values.ts';

const LOOP = 'Fn::ForEach::';

export interface ExpandedResource {
  readonly id: string;
  readonly raw: unknown;
  /** Where the resource's fragment is written in the document. */
  readonly path: Path;
}

export interface ForEachProblem {
  readonly path: Path;
  readonly message: string;
}

export const isForEach = (key: string): boolean => key.startsWith(LOOP);

/** A mapping's entries with its loops expanded (depth-first, in written order). */
export function expandForEach(
  entries: Record<string, unknown>,
  base: Path,
  resolve: (value: unknown) => Resolved,
  problems: ForEachProblem[],
): ExpandedResource[] {
  const out: ExpandedResource[] = [];
  for (const [key, raw] of Object.entries(entries)) {
    const path = [...base, key];
    if (!isForEach(key)) {
      out.push({ id: key, raw, path });
      continue;
    }
    if (!Array.isArray(raw) || raw.length !== 3 || typeof raw[0] !== 'string' || !isRecord(raw[2])) {
      problems.push({
        path,
        message: `expected ${LOOP}Name: [Identifier, [values], { 'Key\${Identifier}': {...} }] (AWS::LanguageExtensions)`,
      });
      continue;
    }
    const [identifier, collection, fragment] = raw as [string, unknown, Record<string, unknown>];
    const values = resolve(collection);
    if (values instanceof Unknown || !Array.isArray(values)) {
      const why = values instanceof Unknown ? values.reason : `not a list: ${JSON.stringify(values)}`;
      problems.push({ path: [...path, 1], message: `lamsim needs this loop's collection, but ${why}` });
      continue;
    }
    for (const value of values) {
      const text = stringOf(value);
      const copy: Record<string, unknown> = {};
      const origin = new Map<string, string>();
      for (const [outKey, outValue] of Object.entries(fragment)) {
        const k = replaceIn(outKey, identifier, text);
        copy[k] = substitute(outValue, identifier, text, false);
        origin.set(k, outKey);
      }
      for (const r of expandForEach(copy, [...path, 2], resolve, problems)) {
        const written = origin.get(r.path[path.length + 1] as string);
        const fragmentPath =
          written === undefined ? r.path : [...path, 2, written, ...r.path.slice(path.length + 2)];
        out.push({ ...r, path: fragmentPath });
      }
    }
  }
  return out;
}

/** `${Identifier}` -> the value, `&{Identifier}` -> the value's letters and digits. */
function replaceIn(text: string, identifier: string, value: string): string {
  return text
    .split(`\${${identifier}}`)
    .join(value)
    .split(`&{${identifier}}`)
    .join(value.replace(/[^A-Za-z0-9]/g, ''));
}

/** The output value with the identifier replaced where CloudFormation replaces it. */
function substitute(v: unknown, identifier: string, value: string, inSub: boolean): unknown {
  if (typeof v === 'string') return inSub ? replaceIn(v, identifier, value) : v;
  if (Array.isArray(v)) return v.map((x) => substitute(x, identifier, value, inSub));
  if (!isRecord(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === 'Ref' && v.Ref === identifier) return value;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[replaceIn(k, identifier, value)] = substitute(x, identifier, value, inSub || k === 'Fn::Sub');
  }
  return out;
}
