/**
 * A database's `query` is CPU time on the instance's vCPUs (issue 18 item 9): the run's CPU
 * utilisation follows queries/s x mean query time / vCPUs, the summary names the vCPUs, and
 * `validate` warns, at resources.<db>.query, when the traffic's peak needs more vCPUs than the
 * instance has.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseSaturation } from '../../src/experiments/index.ts';
import type { DatabaseSummary } from '../../src/results/index.ts';
import { run, scenarioFrom, yaml } from '../helpers/run.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'lamsim-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rate` requests/s, each making `count` queries of `queryMs` (constant), direct or via a proxy. */
const dbScenario = (rate: number, count: number, queryMs: number, via: 'db' | 'proxy' = 'db') => yaml`
  lamsim: 1
  duration: 2m
  traffic: { target: api, mode: uniform, phases: [{ duration: 1m, arrivalRate: ${rate / 2} }, { duration: 1m, arrivalRate: ${rate} }] }
  functions:
    api:
      runtime: nodejs22.x
      model: { init: 0ms, compute: 2ms, calls: [{ resource: ${via}, count: ${count} }] }
  resources:
    db:
      type: rds-postgres
      instanceClass: db.t3.medium
      query: ${queryMs}ms
    proxy: { type: rds-proxy, target: db }
`;

describe('the database query is CPU time on the instance vCPUs', () => {
  it('uses the vCPUs in proportion to queries/s x query time (processor sharing below saturation)', () => {
    // 100 requests/s in the second minute, 50 in the first: 75/s x 1 query x 10 ms = 0.75 vCPU
    // busy on average of db.t3.medium's 2: 37.5% utilisation.
    const out = run(dbScenario(100, 1, 10));
    const db = out.summary.resources.db as DatabaseSummary;
    expect(db.vcpus).toBe(2);
    expect(db.connectionErrors).toBe(0);
    expect(db.cpuUtilization).toBeCloseTo(0.375, 2);
    // Below saturation a constant 10 ms query rarely shares its vCPU: p50 stays 10 ms.
    expect(db.queryMs.p50).toBeCloseTo(10, 0);
  });

  it('estimates the peak demand, direct and through an RDS Proxy, and flags only what saturates', () => {
    // Peak 100/s x 3 queries x 10 ms = 3 vCPUs > 2.
    for (const via of ['db', 'proxy'] as const) {
      const [s] = databaseSaturation(scenarioFrom(dbScenario(100, 3, 10, via)));
      expect(s).toMatchObject({ database: 'db', instanceClass: 'db.t3.medium', vcpus: 2 });
      expect(s.peakPerSecond).toBeCloseTo(100, 9);
      expect(s.queriesPerSecond).toBeCloseTo(300, 9);
      expect(s.demandVcpus).toBeCloseTo(3, 9);
    }
    // 100/s x 1 x 10 ms = 1 vCPU of 2: no warning.
    expect(databaseSaturation(scenarioFrom(dbScenario(100, 1, 10)))).toEqual([]);
  });

  it('validate says so at resources.<db>.query, and still succeeds', () => {
    const file = join(dir, 'db.yaml');
    writeFileSync(file, dbScenario(100, 3, 10));
    const r = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/cli/main.ts'), 'validate', file],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /db\.yaml:\d+:\d+ resources\.db\.query: warning: at the traffic's peak the queries need about 3 vCPUs/,
    );
    expect(r.stderr).toContain("CPU time on the instance's vCPUs");
    expect(r.stderr).toContain('processor sharing');
    expect(r.stderr).toContain('db.t3.medium has 2');
  });
});
