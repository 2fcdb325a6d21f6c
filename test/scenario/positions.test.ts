import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/index.ts';
import { errorsOf, FILE, fail, yaml } from './helpers.ts';

describe('issue positions', () => {
  it('points at a nested value', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        target: api
        phases:
          - { duration: 1m, arrivalRate: 10 }
      functions:
        api:
          runtime: nodejs22.x
          model:
            io: 5
    `;
    expect(errorsOf(text)).toEqual([
      '10:11 functions.api.model.io: missing unit in 5: write 5ms or 5s; expected a duration with a unit: ms, s, m, h or d (e.g. 250ms, 2s, 5m, 1m30s, 1.5s)',
    ]);
  });

  it('points at list items and flow mappings inside them', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        - target: api
          phases:
            - { duration: 1m, arrivalRate: 10 }
            - { duration: 2 min, arrivalRate: 10 }
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      "6:21 traffic[0].phases[1].duration: unknown unit 'min' in '2 min' (did you mean 'm'?); expected a number of seconds or a duration with a unit: ms, s, m, h or d (e.g. 250ms, 2s, 5m, 1m30s, 1.5s)",
    ]);
  });

  it('points at an unknown key itself, with a suggestion and the allowed keys', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        api:
          runtime: nodejs22.x
          memroySize: 1024MB
    `;
    expect(errorsOf(text)).toEqual([
      "6:5 functions.api.memroySize: unknown key 'memroySize' (did you mean 'memorySize'?); allowed keys: runtime, runtimeProfile, architecture, memorySize, timeout, ephemeralStorageSize, packageType, packageSize, reservedConcurrency, provisionedConcurrency, vpc, snapStart, maximumRetryAttempts, maximumEventAge, destinations, deadLetterQueue, recursiveLoop, events, logSize, model",
    ]);
  });

  it('points a missing key at the key that names its parent mapping', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        api:
          memorySize: 256MB
    `;
    expect(errorsOf(text)).toEqual([
      "4:3 functions.api.runtime: missing required key 'runtime': expected a Lambda runtime id: nodejs20.x, nodejs22.x, nodejs24.x, python3.9, python3.10, python3.11, python3.12, python3.13, python3.14, java8.al2, java11, java17, java21, java25, dotnet8, dotnet10, ruby3.2, ruby3.3, ruby3.4, provided.al2, provided.al2023",
    ]);
  });

  it('points a missing key in a list item at the item', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        - name: web
          phases: [{ duration: 1m, arrivalRate: 1 }]
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      "3:5 traffic[0].target: missing required key 'target': expected the name of a function",
    ]);
  });

  it('points a missing top-level key at the document', () => {
    const text = yaml`
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      "1:1 lamsim: missing required key 'lamsim': write `lamsim: 1` (the scenario format version) at the top of the file",
    ]);
  });

  it('reports YAML syntax errors at their position', () => {
    expect(
      fail('lamsim: 1\nfunctions:\n  api: { runtime: nodejs22.x\nduration: 1m\n').map(formatIssue),
    ).toEqual([
      `${FILE}:4:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }`,
    ]);
    expect(fail('lamsim: 1\nx: "unterminated\n').map(formatIssue)).toEqual([
      `${FILE}:3:1: YAML syntax error: Missing closing "quote`,
    ]);
    expect(fail('lamsim: 1\n---\nlamsim: 1\n').map(formatIssue)).toEqual([
      `${FILE}:2:1: YAML syntax error: a scenario file holds one document (remove the extra ---)`,
    ]);
  });

  it('reports an alias without its anchor at the alias', () => {
    expect(fail('lamsim: 1\nduration: 1m\nfunctions:\n  api: *base\n').map(formatIssue)).toEqual([
      `${FILE}:4:8: YAML: unknown alias *base: define the anchor &base before using it`,
    ]);
  });

  it('follows anchors and aliases, and points into the anchored node', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        a: &fn { runtime: nodejs22.x, memorySize: 64MB }
        b: *fn
    `;
    expect(errorsOf(text)).toEqual([
      '4:45 functions.a.memorySize: memorySize 64MB is outside 128MB..10240MB',
      '4:45 functions.b.memorySize: memorySize 64MB is outside 128MB..10240MB',
    ]);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const issues = fail(
      'lamsim: 1\nduration: 1m\nduration: 2m\nfunctions:\n  api: { runtime: nodejs22.x }\n',
    );
    expect(issues.map(formatIssue)).toEqual([
      `${FILE}:3:1: duplicate key: each key may appear only once in a mapping`,
    ]);
  });

  it('reports tabs used for indentation', () => {
    expect(fail('lamsim: 1\nfunctions:\n\tapi: 1\n').map(formatIssue)).toEqual([
      `${FILE}:3:1: YAML syntax error: tabs are not allowed for indentation; use spaces`,
    ]);
  });

  it('reports an empty file and a non-mapping document', () => {
    expect(errorsOf('')).toEqual(['1:1 : the scenario is empty: start with `lamsim: 1`']);
    expect(errorsOf('# only a comment\n')).toEqual(['1:1 : the scenario is empty: start with `lamsim: 1`']);
    expect(errorsOf('- a\n- b\n')).toEqual([
      '1:1 : expected a lamsim scenario (keys: lamsim, stack, name, description, seed, region, duration, account, platform, traffic, functions, resources, billing, slo, budgets), got a list',
    ]);
  });

  it('reports a bad function name at the name', () => {
    const text = yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
        "orders api": { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      "5:3 functions.orders api: invalid name 'orders api': use letters, digits, '-' and '_', 1 to 64 characters",
    ]);
  });

  it('stops at an unsupported format version', () => {
    const text = yaml`
      lamsim: 2
      whatever: 1
    `;
    expect(errorsOf(text)).toEqual([
      '1:9 lamsim: unsupported format version 2: this lamsim reads `lamsim: 1`',
    ]);
  });

  it('formats issues as FILE:LINE:COL key.path: message', () => {
    const issue = {
      file: 'a.yaml',
      line: 3,
      col: 5,
      path: 'functions.api.timeout',
      message: 'too long',
      severity: 'error' as const,
    };
    expect(formatIssue(issue)).toBe('a.yaml:3:5 functions.api.timeout: too long');
    expect(formatIssue({ ...issue, severity: 'warning' })).toBe(
      'a.yaml:3:5 functions.api.timeout: warning: too long',
    );
    expect(formatIssue({ ...issue, path: '' })).toBe('a.yaml:3:5: too long');
  });
});

describe('scenario names', () => {
  it('allow dots after the first character, nothing that could leave the report folder', () => {
    expect(
      errorsOf('lamsim: 1\nname: ../x\nduration: 1m\nfunctions:\n  api: { runtime: nodejs22.x }\n'),
    ).toEqual([
      "2:7 name: invalid name '../x': it names the report folder, so use letters, digits, '-' and '_', 1 to 64 characters (and dots after the first character)",
    ]);
  });
});
