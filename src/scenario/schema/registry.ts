/**
 * Side tables attached to schema nodes: editor documentation (a private zod registry, fed to
 * z.toJSONSchema) and "choices", unions whose branch is picked from the input's shape so an error
 * is reported against the branch the user meant, not against every branch.
 *
 * Choices are keyed by the schema's `def` object, which zod shares between a schema and its clones
 * (`.meta()`, `.describe()`, `.clone()`), so documenting a choice keeps its selector.
 * Everything here is filled once at module load and only read afterwards.
 */
import * as z from 'zod';

export interface SchemaDoc {
  description?: string;
  title?: string;
  examples?: unknown[];
  default?: unknown;
  id?: string;
}

/** Documentation shown by editors through the JSON Schema. */
export const SCHEMA_DOCS = z.registry<SchemaDoc>();

/** A copy of `schema` carrying `description` (and more) for the JSON Schema. */
export function doc<T extends z.ZodType>(
  schema: T,
  description: string,
  extra: Omit<SchemaDoc, 'description'> = {},
): T {
  const copy = schema.clone() as T;
  SCHEMA_DOCS.add(copy, { ...extra, description });
  return copy;
}

export interface Choice {
  /** Index of the option the input was meant for, or undefined when it fits none. */
  readonly select: (input: unknown) => number | undefined;
  /** What the union accepts, for "expected ..., got ..." messages. */
  readonly expected: string;
}

const CHOICES = new WeakMap<object, Choice>();

/**
 * An exclusive union (exactly one option must match; z.xor) whose failures are reported against the
 * option `select` picks. Options must be disjoint.
 */
export function choice<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  options: T,
  select: Choice['select'],
  expected: string,
) {
  const union = z.xor(options);
  CHOICES.set(union._zod.def, { select, expected });
  return union;
}

/** The choice registered for a schema instance (as found in a zod issue's `inst`), if any. */
export function choiceOf(inst: unknown): Choice | undefined {
  const def = (inst as { _zod?: { def?: object } } | undefined)?._zod?.def;
  return def ? CHOICES.get(def) : undefined;
}

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** An optional key carrying `description` for the JSON Schema. */
export function opt<T extends z.ZodType>(
  schema: T,
  description: string,
  extra: Omit<SchemaDoc, 'description'> = {},
) {
  return doc(schema, description, extra).optional();
}

/** Registers `schema` itself under `id`: the JSON Schema lists it once in $defs and refers to it. */
export function named<T extends z.ZodType>(schema: T, id: string, description: string): T {
  SCHEMA_DOCS.add(schema, { id, description });
  return schema;
}
