/**
 * `lamsim import` spawned end to end: stdout or --out, the written file runs with `lamsim run`,
 * and bad input is exit 2 with FILE:LINE:COL and nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');
const FIXTURES = join(ROOT, 'test/stack/fixtures');

let dir: string;

function lamsim(...args: string[]) {
  const r = spawnSync(TSX, [MAIN, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lamsim-import-'));
  writeFileSync(
    join(dir, 'needs-param.yaml'),
    'Parameters:\n  Mem: { Type: Number }\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Runtime: nodejs22.x, MemorySize: !Ref Mem }\n',
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lamsim import', () => {
  it('prints the scenario on stdout and warnings on stderr', () => {
    const r = lamsim('import', join(FIXTURES, 'sam-sqs/template.yaml'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by `lamsim import`/);
    expect(r.stdout).toMatch(/\n {2}TriggeredFunction:\n/);
    expect(r.stderr).toMatch(
      /template\.yaml:9:14 Resources\.TriggeredFunction\.Properties\.Runtime: warning: nodejs12\.x is deprecated/,
    );
  });

  it('writes --out, and the file runs as written', () => {
    const imported = lamsim(
      'import',
      join(FIXTURES, 'rds-proxy/template.yaml'),
      join(FIXTURES, 'rds-proxy/template-rds-proxy.yaml'),
      '--out',
      'stack.yaml',
    );
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe('');
    const run = lamsim('run', 'stack.yaml', '--out', 'report');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'report/summary.json'), 'utf8'));
    expect(summary.scenario).toBe('stack');
    expect(summary.functions.RdsProxyFunction.invocations.started).toBeGreaterThan(3000);
  });

  it('takes --parameter Name=Value', () => {
    const r = lamsim('import', 'needs-param.yaml', '--parameter', 'Mem=640', '--out', 'param.yaml');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'param.yaml'), 'utf8')).toMatch(/memorySize: 640\n/);
  });

  it('a setting that needs a parameter is exit 2, positioned, with nothing written', () => {
    const missing = lamsim('import', 'needs-param.yaml', '--out', 'never.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      'needs-param.yaml:6:57 Resources.F.Properties.MemorySize: lamsim needs this value, but parameter Mem has no Default: pass --parameter Mem=VALUE\n',
    );
    expect(existsSync(join(dir, 'never.yaml'))).toBe(false);
  });

  it('a malformed --parameter or a missing file is exit 2', () => {
    const pair = lamsim('import', 'needs-param.yaml', '--parameter', 'Mem');
    expect(pair.status).toBe(2);
    expect(pair.stderr).toMatch(/--parameter Mem: expected Name=Value/);
    const none = lamsim('import', 'nothing-here.yaml');
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('nothing-here.yaml:1:1: cannot read the template: no such file\n');
  });

  it('a template with no function is exit 2, without a stack trace', () => {
    const noFunctions = lamsim('import', join(FIXTURES, 'rds-proxy/template-rds-proxy.yaml'));
    expect(noFunctions.status).toBe(2);
    expect(noFunctions.stderr).toMatch(/template-rds-proxy\.yaml:1:1: no Lambda functions/);
    expect(noFunctions.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
