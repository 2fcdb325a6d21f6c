/**
 * What normalization and rules share: where to report issues, which written paths the schema
 * already rejected, and the file reader for referenced files.
 *
 * A "draft" element is an element normalized as far as its valid keys allow: a key the schema
 * rejected gets its default as a placeholder and is listed in `bad`, so rules skip checks that
 * would read it (no follow-on errors) while every other check still runs. Drafts never leave the
 * parser when any error was found, so placeholders never reach the model.
 */
import * as z from 'zod';
import { formatPath, type Issue, type Path, type Severity } from '../issues.ts';
import { isRecord } from '../schema/registry.ts';
import type { Source } from '../yamlSource.ts';

export interface Reporter {
  error(path: Path, message: string, at?: 'value' | 'key'): void;
  warning(path: Path, message: string, at?: 'value' | 'key'): void;
  /** An error inside a file the scenario refers to (trace, samples), at that file's line and column. */
  errorInFile(file: string, line: number, col: number, path: Path, message: string): void;
}

export interface Context {
  readonly report: Reporter;
  /** True when the schema reported a problem at `path` or below it. */
  invalid(path: Path): boolean;
  readonly readFile?: (path: string) => string | undefined;
}

export interface Draft<T> {
  readonly value: T;
  /** Written path of the element, e.g. ['functions', 'orders-api'] or ['traffic', 0]. */
  readonly path: Path;
  /** Keys (dotted, relative to the element) whose written value was rejected: do not trust them. */
  readonly bad: ReadonlySet<string>;
}

/** Collects issues positioned in the scenario file (or in referenced files). */
export function createReporter(source: Source, issues: Issue[]): Reporter {
  const push = (severity: Severity, path: Path, message: string, at: 'value' | 'key' = 'value') =>
    issues.push({
      file: source.fileName,
      ...source.position(path, at), // a position in another file (a stack template) names it
      path: formatPath(path),
      message,
      severity,
    });
  return {
    error: (path, message, at) => push('error', path, message, at),
    warning: (path, message, at) => push('warning', path, message, at),
    errorInFile: (file, line, col, path, message) =>
      issues.push({ file, line, col, path: formatPath(path), message, severity: 'error' }),
  };
}

/** `invalid(path)` over a set of rejected paths: a path is invalid if it or a descendant was rejected. */
export function invalidPaths(rejected: readonly Path[]): (path: Path) => boolean {
  const prefixes = new Set<string>();
  for (const path of rejected) {
    for (let i = 0; i <= path.length; i++) prefixes.add(JSON.stringify(path.slice(0, i)));
  }
  return (path) => prefixes.has(JSON.stringify(path));
}

/** A bug, not a user error: the schema accepted a value its own parser rejects. */
export class ScenarioParserBug extends Error {
  override readonly name = 'ScenarioParserBug';
}

/** The keys of a mapping schema. */
export type KeyOf<S extends z.ZodObject> = keyof S['shape'] & string;

/** What the schema outputs for key K of the mapping S, when the key is written. */
export type WrittenValue<S extends z.ZodObject, K extends KeyOf<S>> = Exclude<
  z.output<S['shape'][K]>,
  undefined
>;

/**
 * Reads the keys of one written mapping, typed by the mapping's schema `S`, tracking which keys the
 * schema rejected.
 *
 * Contract: a key the schema rejected (at it or below it) is never read: `get` returns the fallback
 * and lists the key in `bad`. A key it accepted is read through its own schema again (zod's
 * `safeParse`), so its value has the schema's output type without a cast; a failure there is a
 * ScenarioParserBug. Adding a key to a mapping's schema makes it readable here, checked by the
 * compiler.
 */
export class Fields<S extends z.ZodObject> {
  readonly bad = new Set<string>();
  private readonly raw: Readonly<Record<string, unknown>>;
  constructor(
    private readonly schema: S,
    raw: unknown,
    private readonly path: Path,
    private readonly ctx: Context,
    private readonly prefix = '',
  ) {
    this.raw = isRecord(raw) ? raw : {};
  }

  /** Whether `key` was written (whatever its validity). */
  has(key: KeyOf<S>): boolean {
    return this.raw[key] !== undefined;
  }

  /** Whether the value written at `key` is a mapping (whatever its validity). */
  isMapping(key: KeyOf<S>): boolean {
    return isRecord(this.raw[key]);
  }

  /** Whether `key` was written and passed the schema. */
  valid(key: KeyOf<S>): boolean {
    return this.has(key) && !this.ctx.invalid([...this.path, key]);
  }

  /** The written value of `key` when it was written and passed the schema, else undefined. */
  value<K extends KeyOf<S>>(key: K): WrittenValue<S, K> | undefined {
    if (!this.valid(key)) return undefined;
    // jitless, as in ../schemaIssues.ts: each value is parsed once more, never often enough to pay for a compile.
    const parsed = z.safeParse(this.schema.shape[key], this.raw[key], { jitless: true });
    if (!parsed.success) {
      throw new ScenarioParserBug(`${formatPath([...this.path, key])} passed the schema once but not twice`);
    }
    return parsed.data ?? undefined;
  }

  /** The converted written value, `fallback` when absent, or `fallback` marked bad when rejected. */
  get<K extends KeyOf<S>, T>(key: K, convert: (value: WrittenValue<S, K>) => T | undefined, fallback: T): T {
    if (this.ctx.invalid([...this.path, key])) {
      this.bad.add(this.prefix + key);
      return fallback;
    }
    const value = this.value(key);
    if (value === undefined) return fallback;
    const converted = convert(value);
    if (converted === undefined) {
      this.bad.add(this.prefix + key);
      return fallback;
    }
    return converted;
  }

  /** The written value as it is, or `fallback` (marked bad when rejected). */
  or<K extends KeyOf<S>, F>(key: K, fallback: F): WrittenValue<S, K> | F {
    return this.get<K, WrittenValue<S, K> | F>(key, (v) => v, fallback);
  }

  /**
   * The entries of the list written at `key` that passed `itemSchema` (the schema of one entry), each
   * with its written index, so one rejected entry does not hide the checks of the others. A rejected
   * entry is left out (the schema reported it); a value at `key` that is not a list marks `key` bad
   * and has no entries.
   */
  items<I extends z.ZodType>(key: KeyOf<S>, itemSchema: I): { index: number; value: z.output<I> }[] {
    const list = this.raw[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      this.bad.add(this.prefix + key);
      return [];
    }
    const out: { index: number; value: z.output<I> }[] = [];
    list.forEach((item: unknown, index) => {
      const path = [...this.path, key, index];
      if (this.ctx.invalid(path)) return;
      const parsed = z.safeParse(itemSchema, item, { jitless: true });
      if (!parsed.success) {
        throw new ScenarioParserBug(`${formatPath(path)} passed the schema once but not twice`);
      }
      out.push({ index, value: parsed.data });
    });
    return out;
  }

  /** The mapping written at `key`, read with `schema` (the schema of that key), its bad keys prefixed. */
  nested<N extends z.ZodObject>(key: KeyOf<S>, schema: N): Fields<N> {
    return new Fields(schema, this.raw[key], [...this.path, key], this.ctx, `${this.prefix}${key}.`);
  }

  markBad(key: string): void {
    this.bad.add(this.prefix + key);
  }

  /** Marks every key of a nested Fields as bad here too (prefixed). */
  absorb(nested: Fields<z.ZodObject>): void {
    for (const k of nested.bad) this.bad.add(k);
  }
}
