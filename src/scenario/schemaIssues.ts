/**
 * Validates written data against the zod schema and turns zod's issues into positioned Issues.
 *
 * - Unknown keys: one issue per key, at the key itself, with a "did you mean" and the allowed keys.
 * - Choices (see schema/registry.ts): a failed union is reported against the option its selector
 *   picks from the input's shape, recursively; when none fits, "expected <what the union takes>".
 * - Missing keys: "missing required key 'k': expected ...", at the enclosing mapping.
 * Per-parse side tables (WeakMaps keyed by the arrays zod copies into final issues) carry what the
 * error map saw (the schema instance) to the mapping step; nothing global is mutated.
 */
import type { z } from 'zod';
import { suggestion } from './didYouMean.ts';
import { formatPath, type Issue, type Path } from './issues.ts';
import { describeValue } from './quantities.ts';
import { choiceOf } from './schema/registry.ts';
import type { Source } from './yamlSource.ts';

type FinalIssue = z.core.$ZodIssue & { input?: unknown };
type RawIssue = z.core.$ZodRawIssue;

/** A schema issue located by key path (positions are added by the caller). */
export interface PathIssue {
  readonly path: Path;
  readonly message: string;
  /** Point at the key rather than the value (unknown keys, bad names). */
  readonly at: 'value' | 'key';
}

export function validate(schema: z.ZodType, data: unknown): { issues: PathIssue[] } {
  const allowedKeys = new WeakMap<object, string[]>();
  const chosen = new WeakMap<object, number>();
  const errorMap = (iss: RawIssue): string | undefined => {
    const inst = (iss as { inst?: unknown }).inst;
    if (iss.code === 'unrecognized_keys') {
      const shape = (inst as { _zod?: { def?: { shape?: object } } })?._zod?.def?.shape ?? {};
      allowedKeys.set(iss.keys, Object.keys(shape));
      return 'unknown key';
    }
    if (iss.code === 'invalid_union') {
      const c = choiceOf(inst);
      if (c) {
        const index = c.select(iss.input);
        if (index !== undefined && iss.errors.length > index) chosen.set(iss.errors, index);
        return iss.input === undefined
          ? `expected ${c.expected}`
          : `expected ${c.expected}; got ${describeValue(iss.input)}`;
      }
      return undefined;
    }
    if (iss.input === undefined) return 'a value is required';
    return undefined;
  };
  // jitless: zod compiles a fast parser per object schema (`new Function`) on its first parse,
  // which pays off only over many parses; a scenario is parsed once or twice per process, and
  // the compile was ~3 % of `lamsim validate`'s instructions (issue 14).
  const result = schema.safeParse(data, { error: errorMap, reportInput: true, jitless: true });
  if (result.success) return { issues: [] };
  const out: PathIssue[] = [];
  const visit = (issue: FinalIssue, base: Path): void => {
    const path = [...base, ...(issue.path as Path)];
    if (issue.code === 'invalid_union') {
      const index = chosen.get(issue.errors);
      if (index !== undefined) {
        for (const sub of issue.errors[index] as FinalIssue[]) visit(sub, path);
        return;
      }
      const note = (issue as { note?: string }).note;
      if (note === 'No matching discriminator') {
        const disc = (issue as { discriminator?: string }).discriminator ?? '';
        const written = (issue.input as Record<string, unknown> | undefined)?.[disc];
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        if (written === undefined) {
          out.push({ path, message: `missing required key '${disc}': ${issue.message}`, at: 'value' });
        } else {
          const dym = typeof written === 'string' ? suggestion(written, options) : '';
          out.push({ path, message: `${issue.message.replace(/;/, `${dym};`)}`, at: 'value' });
        }
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys.get(issue.keys) ?? [];
      for (const key of issue.keys) {
        out.push({
          path: [...path, key],
          message: `unknown key '${key}'${suggestion(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
          at: 'key',
        });
      }
      return;
    }
    if (issue.code === 'invalid_key') {
      const inner = (issue.issues[0] as FinalIssue | undefined)?.message ?? 'invalid key';
      out.push({ path, message: inner, at: 'key' });
      return;
    }
    if (issue.input === undefined && path.length > 0 && typeof path[path.length - 1] === 'string') {
      const key = path[path.length - 1];
      const expected = issue.message === 'a value is required' ? '' : `: ${issue.message}`;
      out.push({ path, message: `missing required key '${key}'${expected}`, at: 'value' });
      return;
    }
    out.push({ path, message: issue.message, at: 'value' });
  };
  for (const issue of result.error.issues as FinalIssue[]) visit(issue, []);
  return { issues: dedupe(out) };
}

function dedupe(issues: PathIssue[]): PathIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${formatPath(i.path)}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Positions path issues in the scenario file. */
export function locate(issues: readonly PathIssue[], source: Source): Issue[] {
  return issues.map((i) => ({
    file: source.fileName,
    ...source.position(i.path, i.at), // a position in another file (a stack template) names it
    path: formatPath(i.path),
    message: i.message,
    severity: 'error' as const,
  }));
}
