import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/index.ts';

describe('JSON Schema', () => {
  it('the committed scenarios/lamsim.schema.json is up to date', () => {
    const committed = readFileSync(new URL('../../scenarios/lamsim.schema.json', import.meta.url), 'utf8');
    // Regenerate: npx tsx -e "import { scenarioJsonSchemaText as t } from './src/scenario/jsonSchema.ts';
    //   import { writeFileSync as w } from 'node:fs'; w('scenarios/lamsim.schema.json', t());"   (or: lamsim schema)
    expect(committed).toBe(scenarioJsonSchemaText());
    expect(committed.endsWith('}\n')).toBe(true);
  });

  it('describes the written format for editors', () => {
    const schema = scenarioJsonSchema() as {
      $schema: string;
      required: string[];
      if: unknown;
      else: { required: string[] };
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
      $defs: Record<string, { pattern?: string }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // functions is required unless stack: supplies them (jsonSchemaValidates.test.ts checks the effect).
    expect(schema.required).toEqual(['lamsim']);
    expect(schema.if).toEqual({ required: ['stack'] });
    expect(schema.else.required).toEqual(['functions']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      'lamsim',
      'stack',
      'name',
      'description',
      'seed',
      'region',
      'duration',
      'account',
      'platform',
      'traffic',
      'functions',
      'resources',
      'billing',
      'slo',
      'budgets',
    ]);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining([
        'Duration',
        'DurationOrSeconds',
        'Size',
        'SizeOrMb',
        'Fraction',
        'Percentage',
        'Distribution',
      ]),
    );
    const duration = new RegExp(schema.$defs.Duration.pattern ?? '');
    for (const ok of ['250ms', '2s', '5m', '1h', '1d', '1m30s', '1.5s'])
      expect(duration.test(ok), ok).toBe(true);
    for (const bad of ['5', '5 m', '-1s', '1s1m', '5min']) expect(duration.test(bad), bad).toBe(false);
  });

  it('is deterministic', () => {
    expect(scenarioJsonSchemaText()).toBe(scenarioJsonSchemaText());
  });
});
