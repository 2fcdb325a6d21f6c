/**
 * A larger database class competes on its real cost (issue 12 item 7): the class knob proposes only
 * classes the bill can price, and the monthly cost that ranks the change bills the instance hours
 * at the published hourly prices (AWS RDS for PostgreSQL, on-demand single-AZ, us-east-1).
 */
import { describe, expect, it } from 'vitest';
import { dbInstanceClassKnob } from '../../src/experiments/plan/databaseKnobs.ts';
import { runScenario } from '../../src/experiments/run.ts';
import { scenarioFrom } from './helpers.ts';

const withDb = (cls: string, engine = 'rds-postgres', billingBlock = '') =>
  scenarioFrom(`lamsim: 1
duration: 1m
traffic: { target: f, mode: uniform, phases: [{ duration: 1m, arrivalRate: 5 }] }
functions:
  f:
    runtime: nodejs22.x
    vpc: { subnetIds: [a], securityGroupIds: [sg] }
    model: { init: 0ms, compute: 1ms, calls: [{ resource: db }] }
resources:
  db: { type: ${engine}, instanceClass: ${cls}, query: 2ms }
${billingBlock}`);

const dbLine = (s: ReturnType<typeof withDb>) =>
  runScenario(s).cost.monthly.lines.filter((l) => l.service === 'rds' || l.service === 'aurora');

describe('plan: a larger database class at its real cost', () => {
  it('the monthly bill holds 730 instance-hours at the class price, whatever the window', () => {
    const [large] = dbLine(withDb('db.r6g.large'));
    expect(large).toMatchObject({
      item: 'db.r6g.large instance hours (rds-postgres)',
      unit: 'instance-hours',
    });
    expect(large.quantity).toBeCloseTo(730, 9);
    expect(large.usd).toBeCloseTo(164.25, 9); // 730 h × $0.225
    const [xlarge] = dbLine(withDb('db.r6g.xlarge'));
    expect(xlarge.usd - large.usd).toBeCloseTo(730 * (0.45 - 0.225), 9);
  });

  it('the class knob changes the bill by the price difference, and proposes only priced classes', () => {
    const s = withDb('db.r6g.large');
    const knob = dbInstanceClassKnob(s, 'db')!;
    expect(knob.domain).toEqual({
      kind: 'list',
      values: [
        'db.r6g.xlarge',
        'db.r6g.2xlarge',
        'db.r6g.4xlarge',
        'db.r6g.8xlarge',
        'db.r6g.12xlarge',
        'db.r6g.16xlarge',
      ],
    });
    const bigger = knob.apply(s, 'db.r6g.2xlarge').scenario;
    expect(dbLine(bigger)[0].usd).toBeCloseTo(730 * 0.899, 9);
    expect(bigger.resources.find((r) => r.name === 'db')).toMatchObject({ vcpus: 8 });
    // Aurora r7g has no published price in lamsim's table: not proposed unless billing.prices sets one.
    const aurora = withDb('db.r6g.8xlarge', 'aurora-postgresql');
    expect(dbInstanceClassKnob(aurora, 'db')!.domain).toEqual({
      kind: 'list',
      values: ['db.r6g.12xlarge', 'db.r6g.16xlarge'],
    });
    const r7g = withDb(
      'db.r7g.large',
      'aurora-postgresql',
      'billing: { prices: { database.aurora-postgresql.db.r7g.xlarge: 0.552 } }',
    );
    expect(dbInstanceClassKnob(r7g, 'db')!.domain).toEqual({ kind: 'list', values: ['db.r7g.xlarge'] });
  });
});
