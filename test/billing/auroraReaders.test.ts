/**
 * An Aurora cluster bills DB instance hours for every provisioned instance, readers included (Aurora
 * user guide, "DB instance billing for Aurora"), and an RDS Proxy bills the vCPUs of each instance it
 * is enabled for: `readers:` adds both, while queries still run on the writer only.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/index.ts';
import { run, yaml } from '../helpers/run.ts';

const cluster = (readers: string) => yaml`
  lamsim: 1
  duration: 1h
  traffic: { target: api, phases: [{ duration: 1h, arrivalRate: 1 }] }
  functions:
    api:
      runtime: nodejs22.x
      vpc: { subnetIds: [subnet-a], securityGroupIds: [sg-a] }
      model: { compute: 1ms, calls: [{ resource: proxy }] }
  resources:
    db:
      type: aurora-postgresql
      instanceClass: db.r6g.large
      query: 2ms
      ${readers}
    proxy: { type: rds-proxy, target: db }
`;

describe('Aurora readers', () => {
  it('bill their instance hours and count in the proxy vCPUs, without changing the simulation', () => {
    const alone = run(cluster(''));
    const withReaders = run(cluster('readers: [db.r6g.large, db.r6g.xlarge]'));
    const lines = (o: typeof alone) =>
      o.cost.window.lines.filter((l) => l.service === 'aurora' || l.service === 'rds-proxy');
    // One hour: the writer's hour alone; then one more db.r6g.large hour and one db.r6g.xlarge hour.
    expect(lines(alone).map((l) => [l.item, l.quantity])).toEqual([
      ['vCPU hours', 2],
      ['db.r6g.large instance hours (aurora-postgresql)', 1],
    ]);
    expect(lines(withReaders).map((l) => [l.item, l.quantity])).toEqual([
      // 2 (writer) + 2 + 4 vCPUs.
      ['vCPU hours', 8],
      ['db.r6g.large instance hours (aurora-postgresql)', 2],
      ['db.r6g.xlarge instance hours (aurora-postgresql)', 1],
    ]);
    expect(withReaders.summary.resources.db).toEqual(alone.summary.resources.db);
  });

  it('are an error on an RDS instance, which has none', () => {
    const text = `lamsim: 1
duration: 1m
functions: { api: { runtime: nodejs22.x } }
resources:
  db: { type: rds-postgres, instanceClass: db.r6g.large, query: 2ms, readers: [db.r6g.large] }
`;
    const parsed = parseScenario(text, { fileName: 's.yaml' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error.map(formatIssue)).toContain(
        's.yaml:5:79 resources.db.readers: readers are instances of an Aurora cluster: rds-postgres has none (use aurora-postgresql or aurora-mysql)',
      );
  });
});
