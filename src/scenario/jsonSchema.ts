/**
 * JSON Schema (draft 2020-12) of the written scenario format, generated from the zod schema, for
 * editors (`# yaml-language-server: $schema=./lamsim.schema.json`) and `lamsim schema`.
 * Deterministic: the same lamsim version always prints the same schema (scenarios/lamsim.schema.json
 * is this output, pretty-printed; a test keeps it current).
 */
import { z } from 'zod';
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
    ...rest,
  };
}

/** The committed file's text: pretty-printed with a trailing newline. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
