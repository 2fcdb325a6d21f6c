/**
 * A scenario's `stack: { template, parameters }` -> the written scenario its templates describe,
 * with the file's own keys merged over it, and a source that places every key in the file that
 * wrote it. Given to the scenario parser as its `expandStack` (the scenario layer reads no
 * templates itself).
 *
 * Merge contract (keys written in the scenario override the template's):
 * - `functions.<name>` and `resources.<name>` merge key by key with the template's element of that
 *   name; inside them a mapping merges, anything else (a list, a scalar) replaces; `model` replaces
 *   the placeholder model whole, so the behaviour is exactly what the scenario writes.
 * - `traffic` written in the scenario replaces the template's placeholder traffic, and the
 *   placeholder `duration` goes with it (the window then follows the scenario's traffic).
 * - Every other top-level key replaces the template's; `lamsim` must be written in the scenario.
 * - Issues in keys the scenario writes point at the scenario; in keys from a template, at the
 *   template line that set them. Placeholders still in use are warnings at `stack`.
 * - A `functions.<name>` (`resources.<name>`) that no template has is an element added beside
 *   them only when it says what it is (`runtime`; `type`); without, it is a misspelt override: an
 *   error at its key naming the closest element of the templates, and the element left out (no
 *   follow-on "missing runtime").
 */
import { err, ok, type Result } from '../result.ts';
import {
  type Issue,
  type Path,
  type Position,
  type Source,
  type StackExpander,
  suggestion,
} from '../scenario/index.ts';
import { importStack } from './importStack.ts';
import { templateOrigin } from './locate.ts';
import { isRecord } from './values.ts';

export interface StackFiles {
  /** A template's text by its path as written (relative to the scenario), or why it cannot be read. */
  readFile(path: string): Result<string, string>;
  /** How issues name a template written as `path` (as the user would open it). */
  displayName(path: string): string;
}

const REPLACED_WHOLE = new Set(['model']);

/** The sections whose elements a scenario overrides by name, and the key that makes one new. */
const OVERRIDDEN = [
  ['functions', 'runtime'],
  ['resources', 'type'],
] as const;
const SINGULAR = { functions: 'function', resources: 'resource' } as const;

/** Names under `own` that `base` lacks and that do not say what they are (`kindKey`). */
function unknownOverrides(base: unknown, own: unknown, kindKey: string): string[] {
  if (!isRecord(base) || !isRecord(own)) return [];
  return Object.keys(own).filter((name) => {
    const element = own[name];
    return !(name in base) && isRecord(element) && element[kindKey] === undefined;
  });
}

function mergeElement(base: unknown, own: unknown): unknown {
  if (!isRecord(base) || !isRecord(own)) return own;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(own)) {
    out[k] = REPLACED_WHOLE.has(k) ? v : isRecord(out[k]) && isRecord(v) ? mergeElement(out[k], v) : v;
  }
  return out;
}

/** The template's written scenario with `own` (the scenario file, without `stack`) over it. */
export function mergeOverStack(
  base: Record<string, unknown>,
  own: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) if (k !== 'lamsim') out[k] = v;
  if (own.traffic !== undefined) delete out.duration;
  for (const [k, v] of Object.entries(own)) {
    if (k === 'stack') continue;
    if ((k === 'functions' || k === 'resources') && isRecord(v) && isRecord(out[k])) {
      const merged: Record<string, unknown> = { ...(out[k] as Record<string, unknown>) };
      for (const [name, element] of Object.entries(v)) merged[name] = mergeElement(merged[name], element);
      out[k] = merged;
    } else if (isRecord(v) && isRecord(out[k]) && k !== 'traffic') {
      out[k] = mergeElement(out[k], v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

const valueAt = (data: unknown, path: Path): unknown => {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isRecord(node) && typeof segment === 'string') node = node[segment];
    else return undefined;
  }
  return node;
};

export function stackExpander(files: StackFiles): StackExpander {
  return (data, source) => {
    const issues: Issue[] = [];
    const here = (path: Path, message: string): Issue => ({
      file: source.fileName,
      ...source.position(path),
      path: path.map(String).join('.'),
      message,
      severity: 'error',
    });
    const stack = data.stack;
    if (!isRecord(stack)) return err([here(['stack'], 'expected a stack { template, parameters }')]);
    const written = typeof stack.template === 'string' ? [stack.template] : stack.template;
    if (!Array.isArray(written) || written.length === 0 || !written.every((t) => typeof t === 'string')) {
      return err([
        here(['stack', 'template'], 'expected a template path (relative to this file), or a list of them'),
      ]);
    }
    const parameters = new Map<string, string>();
    if (stack.parameters !== undefined) {
      if (!isRecord(stack.parameters))
        return err([here(['stack', 'parameters'], 'expected a mapping of parameter name -> value')]);
      for (const [name, value] of Object.entries(stack.parameters)) {
        if (Array.isArray(value)) parameters.set(name, value.join(','));
        else if (['string', 'number', 'boolean'].includes(typeof value)) parameters.set(name, String(value));
        else issues.push(here(['stack', 'parameters', name], 'expected a string, number, boolean or list'));
      }
    }
    const templates: { fileName: string; text: string }[] = [];
    const refs: { path: string; sha256: string }[] = [];
    const writtenAs = new Map<string, string>(); // display name -> the path as the scenario writes it
    written.forEach((path, i) => {
      const text = files.readFile(path);
      const at: Path = typeof stack.template === 'string' ? ['stack', 'template'] : ['stack', 'template', i];
      if (!text.ok)
        issues.push(here(at, `cannot read the template ${path} (relative to this file): ${text.error}`));
      else {
        templates.push({ fileName: files.displayName(path), text: text.value });
        writtenAs.set(files.displayName(path), path);
        refs.push({ path, sha256: `sha256:${sha256Hex(text.value)}` });
      }
    });
    if (issues.length > 0) return err(issues);

    // A file a template names (Serverless `${file(...)}`) is read beside it, and counts among the
    // inputs the scenario hash covers, as a template does.
    const readFile = (template: string, path: string): Result<string, string> => {
      const base = writtenAs.get(template) ?? template;
      const folder = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
      const at = path.startsWith('/') ? path : `${folder}${path.replace(/^(\.\/)+/, '')}`;
      const text = files.readFile(at);
      if (text.ok && !refs.some((r) => r.path === at))
        refs.push({ path: at, sha256: `sha256:${sha256Hex(text.value)}` });
      return text;
    };
    const imported = importStack(templates, { parameters, readFile });
    if (!imported.ok) return err(imported.error);
    const scenario = imported.value.scenario;
    const merged = mergeOverStack(scenario.data, data);
    for (const [section, kindKey] of OVERRIDDEN) {
      for (const name of unknownOverrides(scenario.data[section], data[section], kindKey)) {
        const known = Object.keys(scenario.data[section] as Record<string, unknown>);
        issues.push({
          ...here([section, name], ''),
          ...source.position([section, name], 'key'), // the misspelt name itself
          message: `'${name}' is not a ${SINGULAR[section]} of the stack's templates${suggestion(name, known)}; their ${section}: ${known.join(', ')}. To add a ${SINGULAR[section]} beside them, write its ${kindKey}`,
        });
        delete (merged[section] as Record<string, unknown>)[name];
      }
    }

    const composite: Source = {
      fileName: source.fileName,
      data: merged,
      position(path, target = 'value'): Position {
        if (valueAt(source.data, path) !== undefined || path.length === 0)
          return source.position(path, target);
        const origin = templateOrigin(scenario, path);
        return origin ?? source.position(path, target);
      },
      keysAt(path) {
        const node = valueAt(merged, path);
        return isRecord(node) ? Object.keys(node) : [];
      },
    };
    const found = [...issues, ...imported.value.warnings];
    const warn = (message: string) => found.push({ ...here(['stack'], message), severity: 'warning' });
    if (data.traffic === undefined && merged.traffic !== undefined) {
      warn(
        "no traffic written: running the template's placeholder traffic (1 request/s per event source); write traffic: to replace it",
      );
    }
    const functions = isRecord(data.functions) ? data.functions : {};
    const placeholders = Object.keys(isRecord(merged.functions) ? merged.functions : {}).filter(
      (name) =>
        !isRecord(functions[name]) || (functions[name] as Record<string, unknown>).model === undefined,
    );
    if (placeholders.length > 0) {
      warn(
        `placeholder handler model (compute 10ms, io 40ms) for ${placeholders.join(', ')}: write functions.<name>.model`,
      );
    }
    return ok({ data: merged, source: composite, issues: found, templates: refs });
  };
}

/**
 * The SHA-256 of `text`, in hex. node:crypto is loaded here, when a stack is expanded, not when
 * this module is: loading it (and the streams it loads) was ~25 M instructions of `lamsim
 * validate`'s start (callgrind), for scenarios that mostly have no stack.
 */
function sha256Hex(text: string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
