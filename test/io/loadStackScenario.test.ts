/**
 * loadScenario reads the templates a `stack:` key names, relative to the scenario file or absolute,
 * and names them in issues as the user would open them.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/index.ts';
import { formatIssue } from '../../src/scenario/index.ts';

const SQS_FIXTURE = join(import.meta.dirname, '../stack/fixtures/sam-sqs/template.yaml');

describe('loadScenario with stack:', () => {
  it('reads a relative template beside the scenario and an absolute one as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lamsim-stack-'));
    mkdirSync(join(dir, 'infra'));
    copyFileSync(SQS_FIXTURE, join(dir, 'infra/template.yaml'));
    writeFileSync(join(dir, 'relative.yaml'), 'lamsim: 1\nstack: { template: infra/template.yaml }\n');
    writeFileSync(join(dir, 'absolute.yaml'), `lamsim: 1\nstack: { template: ${SQS_FIXTURE} }\n`);
    const relative = loadScenario(join(dir, 'relative.yaml'));
    const absolute = loadScenario(join(dir, 'absolute.yaml'));
    if (!relative.ok) expect.fail(relative.error.map(formatIssue).join('\n'));
    if (!absolute.ok) expect.fail(absolute.error.map(formatIssue).join('\n'));
    // The template's runtime warning names the template where it lies, however it was written.
    const runtimeWarning = (w: readonly { message: string }[]) =>
      w.map((i) => formatIssue(i as never)).find((l) => l.includes('nodejs12.x'));
    expect(runtimeWarning(relative.value.warnings)).toMatch(
      new RegExp(`^${join(dir, 'infra/template.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:14 `),
    );
    expect(runtimeWarning(absolute.value.warnings)).toMatch(
      new RegExp(`^${SQS_FIXTURE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:14 `),
    );
    expect(absolute.value.scenario.functions.map((f) => [f.name, f.memoryMb, f.timeoutMs])).toEqual([
      ['TriggeredFunction', 128, 5000],
    ]);
  });
});
