import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../../src/index.ts';

/** A valid scenario touching most keys; the fuzzer replaces parts of it. */
const BASE = {
  lamsim: 1,
  seed: 3,
  traffic: [
    {
      target: 'api',
      via: 'api-gateway-http',
      phases: [{ duration: '1m', arrivalRate: 5, rampTo: 10 }, { pause: '5s' }],
    },
    { target: 'api', trace: { file: 't.csv', format: 'timestamps' } },
  ],
  functions: {
    api: {
      runtime: 'provided.al2023',
      runtimeProfile: 'rust',
      memorySize: 512,
      vpc: { subnetIds: ['a'], securityGroupIds: ['sg'] },
      model: {
        init: { p50: '40ms', p99: '90ms' },
        compute: { dist: 'empirical', file: 's.csv' },
        io: {
          dist: 'cdf',
          points: [
            ['1ms', 0],
            ['5ms', 1],
          ],
        },
        calls: [
          { resource: 'px', count: 2 },
          { resource: 'internet', latency: '20ms', bytes: '1KB' },
        ],
        errorRate: '0.1%',
      },
    },
  },
  resources: {
    db: { type: 'rds-postgres', instanceClass: 'db.r6g.large', query: { p50: '2ms', p99: '9ms' } },
    px: { type: 'rds-proxy', target: 'db', maxConnectionsPercent: '90%' },
    nat: { type: 'nat-gateway', azs: 2 },
  },
  platform: { maxLifetime: 'off' },
  billing: { granularity: '100ms', prices: { 'lambda.requests': 0.2 } },
};
const FILES: Record<string, string> = { 't.csv': '0.5\n1.5\n', 's.csv': '1\n2\n3\n' };

const KEYS = [
  'lamsim',
  'traffic',
  'functions',
  'resources',
  'phases',
  'model',
  'calls',
  'dist',
  'p50',
  'type',
  'target',
  'api',
  'db',
  0,
  1,
];

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '5m',
    '-1s',
    '1e400',
    '0ms',
    '10GB',
    '150%',
    'off',
    'internet',
    'db',
    'api',
    '',
    1e308,
    -1,
    0,
    0.5,
    2 ** 53,
    null,
  ),
  fc.dictionary(
    fc.constantFrom('dist', 'p50', 'p99', 'mean', 'file', 'samples', 'points', 'type', 'resource'),
    fc.jsonValue({ maxDepth: 1 }),
  ),
);

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const i = typeof head === 'number' ? head % Math.max(1, value.length) : 0;
    const copy = [...value];
    copy[i] = replaceAt(copy[i], rest, replacement);
    return copy;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const key = typeof head === 'string' ? head : (keys[head % Math.max(1, keys.length)] ?? 'x');
    return {
      ...(value as object),
      [key]: replaceAt((value as Record<string, unknown>)[key], rest, replacement),
    };
  }
  return replacement;
}

const parse = (text: string) => parseScenario(text, { fileName: 'f.yaml', readFile: (p) => FILES[p] });

describe('the parser never throws on user input', () => {
  it('the base scenario is valid', () => {
    const result = parse(stringify(BASE));
    expect(result.ok ? [] : result.error.map((i) => `${i.path}: ${i.message}`)).toEqual([]);
  });

  it('mutated scenarios give a result, and every issue has a position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.constantFrom(...KEYS), { maxLength: 5 }), junk), { maxLength: 4 }),
        (edits) => {
          let doc: unknown = BASE;
          for (const [path, value] of edits) doc = replaceAt(doc, path, value);
          const result = parse(stringify(doc));
          const issues = result.ok ? result.value.warnings : result.error;
          for (const issue of issues) {
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.col).toBeGreaterThanOrEqual(1);
            expect(issue.message.length).toBeGreaterThan(0);
          }
          if (!result.ok) expect(result.error.some((i) => i.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('arbitrary text gives a result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parse(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary files referenced by traces and samples give a result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), (trace, samples) => {
        const result = parseScenario(stringify(BASE), {
          fileName: 'f.yaml',
          readFile: (p) => (p === 't.csv' ? trace : samples),
        });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('a throwing readFile is reported, not thrown', () => {
    const result = parseScenario(stringify(BASE), {
      fileName: 'f.yaml',
      readFile: () => {
        throw new Error('EACCES');
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((i) => i.message)).toContain("cannot read 't.csv': EACCES");
  });

  it('without a file reader, referenced files are reported', () => {
    const result = parseScenario(stringify(BASE), { fileName: 'f.yaml' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.map((i) => i.message)).toContain(
        "cannot read 't.csv': this parser was given no file reader (the CLI supplies one)",
      );
    }
  });
});
