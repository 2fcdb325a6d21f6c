/** Test helpers: parse inline YAML (dedented) and look at issues as `LINE:COL path: message` strings. */
import { expect } from 'vitest';
import { formatIssue, type Issue, type Parsed, parseScenario } from '../../src/index.ts';
import type { Scenario } from '../../src/scenario/types.ts';

/** Removes the common indentation of a template literal and its leading newline. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

export const FILE = 'scenario.yaml';

export function parse(text: string, files: Record<string, string> = {}) {
  return parseScenario(text, { fileName: FILE, readFile: (p) => files[p] });
}

/** Parses and expects success; returns the scenario and warnings. */
export function ok(text: string, files: Record<string, string> = {}): Parsed {
  const result = parse(text, files);
  if (!result.ok) expect.fail(`expected no errors, got:\n${result.error.map(formatIssue).join('\n')}`);
  return result.value;
}

export const scenarioOf = (text: string, files: Record<string, string> = {}): Scenario =>
  ok(text, files).scenario;

/** Parses and expects failure; returns the issues. */
export function fail(text: string, files: Record<string, string> = {}): Issue[] {
  const result = parse(text, files);
  if (result.ok) expect.fail('expected errors, the scenario parsed');
  return result.error;
}

/** Issues as `LINE:COL path: message` (warnings marked), without the file name. */
export const brief = (issues: readonly Issue[]): string[] =>
  issues.map(
    (i) =>
      `${i.file === FILE ? '' : `${i.file}:`}${i.line}:${i.col} ${i.path}: ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}`,
  );

export const errorsOf = (text: string, files: Record<string, string> = {}): string[] =>
  brief(fail(text, files));

/** A minimal valid header and function, to build on. */
export const MINIMAL = yaml`
  lamsim: 1
  traffic:
    target: api
    phases:
      - { duration: 1m, arrivalRate: 10 }
  functions:
    api:
      runtime: nodejs22.x
`;
