import { describe, expect, it } from 'vitest';
import { DB_INSTANCE_CLASSES } from '../../src/scenario/defaults/dbInstanceClasses.ts';
import {
  dbInstanceClassMemoryBytes,
  defaultMaxConnections,
  rdsMysqlMaxConnections,
  rdsPostgresMaxConnections,
} from '../../src/scenario/defaults/maxConnections.ts';
import { scenarioOf, yaml } from './helpers.ts';

/** The documented tolerance of the DBInstanceClassMemory approximation. */
const TOLERANCE = 0.04;
const within = (actual: number, expected: number) =>
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);

describe('RDS formulas vs observed defaults (RDS CHAP_Limits, Aurora parameter tables)', () => {
  it.each([
    ['db.t2.small', 198],
    ['db.t2.medium', 413],
    ['db.t2.large', 856],
    ['db.m4.large', 856],
    ['db.r4.large', 1660],
  ])('RDS PostgreSQL %s ~ %d', (instanceClass, observed) => {
    within(defaultMaxConnections('rds-postgres', instanceClass), observed);
  });

  it('RDS MySQL db.t3.medium ~ 307 and AWS example 16 GiB ~ 1300', () => {
    within(defaultMaxConnections('rds-mysql', 'db.t3.medium'), 307);
    within(rdsMysqlMaxConnections(16), 1300);
  });

  it('DBInstanceClassMemory is below nominal memory; PostgreSQL caps at 5000', () => {
    for (const gib of [1, 2, 4, 8, 16, 64])
      expect(dbInstanceClassMemoryBytes(gib)).toBeLessThan(gib * 1024 ** 3);
    expect(rdsPostgresMaxConnections(64)).toBe(5000);
    expect(defaultMaxConnections('rds-postgres', 'db.r6g.16xlarge')).toBe(5000);
    expect(rdsMysqlMaxConnections(64)).toBeGreaterThan(5000);
  });
});

describe('Aurora published tables, exact', () => {
  it.each([
    ['db.t3.medium', 420],
    ['db.t4g.medium', 405],
    ['db.t3.large', 844],
    ['db.t4g.large', 844],
    ['db.r4.large', 1600],
    ['db.r5.large', 1600],
    ['db.r6g.large', 1722],
    ['db.r4.xlarge', 3200],
    ['db.r5.xlarge', 3300],
    ['db.r6g.xlarge', 3479],
    ['db.r6g.2xlarge', 5000],
    ['db.r5.24xlarge', 5000],
  ])('Aurora PostgreSQL %s = %d', (instanceClass, value) => {
    expect(defaultMaxConnections('aurora-postgresql', instanceClass)).toBe(value);
  });

  it.each([
    ['db.t2.small', 45],
    ['db.t3.small', 45],
    ['db.t2.medium', 90],
    ['db.t3.medium', 90],
    ['db.t4g.medium', 90],
    ['db.t3.large', 135],
    ['db.t4g.large', 135],
    ['db.r4.large', 1000],
    ['db.r5.large', 1000],
    ['db.r6g.large', 1000],
    ['db.r5.xlarge', 2000],
    ['db.r6g.2xlarge', 3000],
    ['db.r5.4xlarge', 4000],
    ['db.r6g.8xlarge', 5000],
    ['db.r4.16xlarge', 6000],
    ['db.r5.12xlarge', 6000],
    ['db.r6g.12xlarge', 6000],
    ['db.r5.16xlarge', 6000],
    ['db.r5.24xlarge', 7000],
  ])('Aurora MySQL %s = %d', (instanceClass, value) => {
    expect(defaultMaxConnections('aurora-mysql', instanceClass)).toBe(value);
  });
});

describe('instance classes (RDS DB instance class hardware table)', () => {
  it.each([
    ['db.t3.micro', 2, 1],
    ['db.t3.medium', 2, 4],
    ['db.t4g.large', 2, 8],
    ['db.t2.micro', 1, 1],
    ['db.m5.large', 2, 8],
    ['db.m6g.large', 2, 8],
    ['db.r5.large', 2, 16],
    ['db.r6g.large', 2, 16],
    ['db.r6g.xlarge', 4, 32],
    ['db.r6g.2xlarge', 8, 64],
    ['db.r4.large', 2, 15.25],
  ])('%s: %d vCPU, %d GiB', (instanceClass, vcpus, memoryGiB) => {
    expect(DB_INSTANCE_CLASSES[instanceClass]).toEqual({ vcpus, memoryGiB });
  });

  it('a written maxConnections wins; the default comes from the table', () => {
    const scenario = scenarioOf(yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
      resources:
        a: { type: aurora-postgresql, instanceClass: db.r6g.xlarge, query: 1ms }
        b: { type: rds-mysql, instanceClass: db.t3.medium, query: 1ms, maxConnections: 100 }
    `);
    expect(scenario.resources.map((r) => ('maxConnections' in r ? r.maxConnections : 0))).toEqual([
      3479, 100,
    ]);
    expect(scenario.resources[0]).toMatchObject({ vcpus: 4, memoryGiB: 32 });
  });
});
