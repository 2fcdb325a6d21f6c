/**
 * The JSON Schema editors use accepts every shipped scenario and refuses what the parser refuses
 * for the keys it covers, checked with a real JSON Schema validator (Ajv, draft 2020-12). A file
 * with `stack:` may leave `functions`, a function's runtime and a resource's type to its templates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema } from '../../src/scenario/index.ts';

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(scenarioJsonSchema());
const valid = (doc: unknown): boolean => validate(doc) === true;

describe('scenarios/lamsim.schema.json', () => {
  it('accepts every shipped scenario, the stack: one included', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
    expect(files).toContain('stack-rds-proxy.yaml');
    for (const f of files) {
      const ok = valid(parse(readFileSync(new URL(f, SCENARIOS), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  const fn = { runtime: 'nodejs22.x', model: { compute: '10ms' } };
  const db = { type: 'aurora-mysql', instanceClass: 'db.r6g.large', query: { p50: '1ms', p99: '5ms' } };

  it("without stack: functions, a runtime and a resource variant's keys are required", () => {
    expect(valid({ lamsim: 1, functions: { api: fn } })).toBe(true);
    expect(valid({ lamsim: 1 })).toBe(false);
    expect(valid({ lamsim: 1, functions: { api: { memorySize: 512 } } })).toBe(false);
    expect(valid({ lamsim: 1, functions: { api: fn }, resources: { db } })).toBe(true);
    expect(valid({ lamsim: 1, functions: { api: fn }, resources: { db: { query: db.query } } })).toBe(false);
    expect(valid({ lamsim: 1, functions: { api: fn }, resources: { p: { type: 'rds-proxy' } } })).toBe(false);
  });

  it('with stack: the scenario writes only what it adds, and unknown keys are still refused', () => {
    const stack = { template: 'template.yaml' };
    expect(valid({ lamsim: 1, stack })).toBe(true);
    expect(valid({ lamsim: 1, stack, functions: { Api: { memorySize: 512 } } })).toBe(true);
    expect(
      valid({ lamsim: 1, stack, resources: { Db: { query: db.query }, Proxy: { pinning: '20%' } } }),
    ).toBe(true);
    expect(valid({ lamsim: 1, stack, functions: { Api: { memorySize: 'lots' } } })).toBe(false);
    expect(valid({ lamsim: 1, stack, functions: { Api: { memroySize: 512 } } })).toBe(false);
    expect(valid({ lamsim: 1, stack, resources: { Db: { qurey: db.query } } })).toBe(false);
    expect(valid({ lamsim: 1, stack: {} })).toBe(false);
  });
});
