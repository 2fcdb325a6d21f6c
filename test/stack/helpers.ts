/** Test helpers: import inline templates through the same path as `lamsim import`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatIssue, type Issue, parseScenario, type Scenario } from '../../src/index.ts';
import { type ImportedScenario, importStack, writeImportedScenario } from '../../src/stack/index.ts';

export interface ImportResult {
  readonly text: string;
  readonly scenario: Scenario;
  readonly imported: ImportedScenario;
  readonly warnings: Issue[];
}

/** Imports `text` (as `file`), writes it, parses it back; fails the test on any error. */
export function imported(
  text: string,
  parameters: Record<string, string> = {},
  file = 'template.yaml',
): ImportResult {
  const r = importStack([{ fileName: file, text }], { parameters: new Map(Object.entries(parameters)) });
  if (!r.ok) expect.fail(r.error.map(formatIssue).join('\n'));
  const written = writeImportedScenario(r.value.scenario);
  const parsed = parseScenario(written, { fileName: 'imported.yaml' });
  if (!parsed.ok) expect.fail(`${written}\n${parsed.error.map(formatIssue).join('\n')}`);
  return {
    text: written,
    scenario: parsed.value.scenario,
    imported: r.value.scenario,
    warnings: r.value.warnings,
  };
}

/** The formatted errors of an import that must fail. */
export function importErrors(
  text: string,
  parameters: Record<string, string> = {},
  file = 'template.yaml',
): string[] {
  const r = importStack([{ fileName: file, text }], { parameters: new Map(Object.entries(parameters)) });
  if (r.ok) expect.fail(`expected errors, got:\n${writeImportedScenario(r.value.scenario)}`);
  return r.error.filter((i) => i.severity === 'error').map(formatIssue);
}

export const fnOf = (s: Scenario, name: string) => {
  const f = s.functions.find((x) => x.name === name);
  if (!f) expect.fail(`no function ${name} in ${s.functions.map((x) => x.name).join(', ')}`);
  return f;
};

export const resourceOf = (s: Scenario, name: string) => {
  const r = s.resources.find((x) => x.name === name);
  if (!r) expect.fail(`no resource ${name} in ${s.resources.map((x) => x.name).join(', ')}`);
  return r as unknown as Record<string, unknown>;
};

/** The template line the placeholder traffic into `target` points at (its origin). */
export const trafficLine = (r: ImportResult, target: string): number | undefined => {
  const i = (r.imported.data.traffic as { target: string }[]).findIndex((t) => t.target === target);
  return r.imported.origins.get(JSON.stringify(['traffic', i]))?.line;
};

/** The folder of real templates (test/stack/fixtures/, with their licences). */
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The text of `file` in the fixture folder `dir`. */
export const fixtureText = (dir: string, file: string): string =>
  readFileSync(join(FIXTURES, dir, file), 'utf8');
