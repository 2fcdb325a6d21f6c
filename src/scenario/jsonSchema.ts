/**
 * JSON Schema (draft 2020-12) of the written scenario format, generated from the zod schema, for
 * editors (`# yaml-language-server: $schema=./lamsim.schema.json`) and `lamsim schema`.
 * Deterministic: the same lamsim version always prints the same schema (scenarios/lamsim.schema.json
 * is this output, pretty-printed; a test keeps it current).
 *
 * A file with `stack:` writes only what it adds to its templates (the parser validates the merged
 * result): there, `functions` may be absent and a function or resource entry may hold any subset of
 * its keys. So the generated `required` lists of the top level, of a function and of a resource
 * variant move into an `if stack ... else` branch that applies them only to files without `stack:`.
 */
import * as z from 'zod';
import { SCHEMA_DOCS } from './schema/registry.ts';
import { scenarioSchema } from './schema/scenario.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    target: 'draft-2020-12',
    io: 'input',
    metadata: SCHEMA_DOCS,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'lamsim scenario (format 1)',
    description:
      'A lamsim scenario: traffic, AWS Lambda functions, the resources they call, and account, platform and billing settings. Quantities carry units (250ms, 1.5s, 1m30s, 128MB, 1GB, 0.1%).',
    ...withStackRelaxed(rest),
  };
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `schema` without its own `required` (nested schemas keep theirs). */
function withoutRequired(schema: JsonObject): JsonObject {
  const { required: _required, ...rest } = schema;
  return rest;
}

/**
 * The generated schema with the keys a `stack:` file may leave to its templates made optional there
 * (see the header): `required` stays in force through `if: { required: [stack] }, else: ...`.
 * A resource is a union discriminated by `type`: the base accepts any variant's keys (anyOf, no
 * required key), the else branch picks the variant by its `type` and applies its required keys.
 */
function withStackRelaxed(schema: JsonObject): JsonObject {
  const properties = schema.properties as Record<string, JsonObject>;
  const fn = properties.functions.additionalProperties;
  const resource = properties.resources.additionalProperties;
  if (!isObject(fn) || !isObject(resource) || !Array.isArray(resource.oneOf)) {
    throw new Error('jsonSchema: functions/resources are no longer records of objects and of a union');
  }
  const { oneOf, ...resourceRest } = resource;
  const variants = (oneOf as unknown[]).filter(isObject);
  const typeOf = (v: JsonObject): unknown => (isObject(v.properties) ? v.properties.type : undefined);
  return {
    ...schema,
    properties: {
      ...properties,
      functions: { ...properties.functions, additionalProperties: withoutRequired(fn) },
      resources: {
        ...properties.resources,
        additionalProperties: { ...resourceRest, anyOf: variants.map(withoutRequired) },
      },
    },
    required: (schema.required as string[]).filter((k) => k !== 'functions'),
    if: { required: ['stack'] },
    else: {
      required: ['functions'],
      properties: {
        functions: { additionalProperties: { required: fn.required ?? [] } },
        resources: {
          additionalProperties: {
            oneOf: variants.map((v) => ({ properties: { type: typeOf(v) }, required: v.required ?? [] })),
          },
        },
      },
    },
  };
}

/** The committed file's text: pretty-printed with a trailing newline. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
