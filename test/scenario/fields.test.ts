/** Fields<S>: written keys read through their schema, rejected keys as placeholders marked bad. */
import { describe, expect, it } from 'vitest';
import type { Path } from '../../src/scenario/issues.ts';
import {
  type Context,
  Fields,
  invalidPaths,
  ScenarioParserBug,
} from '../../src/scenario/normalize/context.ts';
import { lambdaFunction, model } from '../../src/scenario/schema/function.ts';

/** A context whose schema rejected `rejected` (Fields reports nothing itself). */
function contextRejecting(...rejected: Path[]): { ctx: Context } {
  const report = { error: () => undefined, warning: () => undefined, errorInFile: () => undefined };
  return { ctx: { report, invalid: invalidPaths(rejected) } };
}

const at: Path = ['functions', 'api'];

describe('Fields over a mapping schema', () => {
  it('reads an accepted key as the schema outputs it and converts it', () => {
    const { ctx } = contextRejecting();
    const f = new Fields(lambdaFunction, { memorySize: '1GB', snapStart: true }, at, ctx);
    expect(f.get('memorySize', (v) => (typeof v === 'string' ? v.length : v), 0)).toBe(3);
    expect(f.or('snapStart', false)).toBe(true);
    expect(f.bad.size).toBe(0);
  });

  it('gives the fallback for an absent key without marking it bad', () => {
    const { ctx } = contextRejecting();
    const f = new Fields(lambdaFunction, {}, at, ctx);
    expect(f.or('timeout', 'default')).toBe('default');
    expect(f.has('timeout')).toBe(false);
    expect([...f.bad]).toEqual([]);
  });

  it('never reads a key the schema rejected (at it or below it): fallback, listed as bad', () => {
    const { ctx } = contextRejecting([...at, 'memorySize'], [...at, 'vpc', 'subnetIds', 0]);
    const f = new Fields(lambdaFunction, { memorySize: 'lots', vpc: { subnetIds: [7] } }, at, ctx);
    let read = false;
    expect(
      f.get(
        'memorySize',
        () => {
          read = true;
          return 1;
        },
        128,
      ),
    ).toBe(128);
    expect(f.or('vpc', null)).toBeNull();
    expect(read).toBe(false);
    expect([...f.bad].sort()).toEqual(['memorySize', 'vpc']);
    expect(f.has('memorySize')).toBe(true);
    expect(f.valid('memorySize')).toBe(false);
  });

  it('prefixes the bad keys of a nested mapping, and the parent absorbs them', () => {
    const { ctx } = contextRejecting([...at, 'model', 'threads']);
    const f = new Fields(lambdaFunction, { model: { threads: 99, errorRate: '1%' } }, at, ctx);
    const m = f.nested('model', model);
    expect(m.or('threads', 1)).toBe(1);
    expect(m.or('errorRate', 0)).toBe('1%');
    f.absorb(m);
    expect([...f.bad]).toEqual(['model.threads']);
  });

  it('calls a value the schema rejects, but no issue names, a parser bug', () => {
    const { ctx } = contextRejecting();
    const f = new Fields(lambdaFunction, { memorySize: 'lots' }, at, ctx);
    expect(() => f.or('memorySize', 128)).toThrow(ScenarioParserBug);
  });
});
