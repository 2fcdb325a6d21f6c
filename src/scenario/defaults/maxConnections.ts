/**
 * Default `max_connections` of a database by engine and instance class (RDS user guide "Maximum number of database connections", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections; Aurora: AuroraMySQL.Managing.Performance.html, AuroraPostgreSQL.Managing.html).
 *
 * - RDS for MySQL:      {DBInstanceClassMemory/12582880}
 * - RDS for PostgreSQL: LEAST({DBInstanceClassMemory/9531392}, 5000)
 *   (Amazon RDS User Guide, CHAP_Limits.html#RDS_Limits.MaxConnections)
 * - Aurora PostgreSQL:  the published table (AuroraPostgreSQL.Managing.html, "Maximum connections"),
 *   exact; classes it does not list use the PostgreSQL formula.
 * - Aurora MySQL:       the published table (AuroraMySQL.Managing.Performance.html), exact for the
 *   t2/t3/t4g and r3/r4/r5/r6g rows it lists; by the table's size pattern for other r classes
 *   (large 1000, xlarge 2000, 2xlarge 3000, 4xlarge 4000, 8xlarge 5000, 12xlarge and 16xlarge 6000,
 *   24xlarge 7000), which is how it treats every r generation it lists.
 *
 * DBInstanceClassMemory is the memory left after the OS and RDS processes, below the nominal GiB,
 * and AWS does not publish it. lamsim approximates it as 0.975 x nominal - 200 MiB, a least-squares
 * fit to observed defaults: RDS PostgreSQL t2.small 198, t2.medium 413, t2.large and m4.large 856,
 * r4.large 1660; RDS MySQL t3.medium 307; AWS's own example (16 GiB, MySQL) ~1300. The fit is within
 * 3.5 % of each (test/scenario/maxConnections.test.ts checks a 4 % tolerance).
 */
import type { DatabaseEngine } from '../types.ts';
import { DB_INSTANCE_CLASSES, splitInstanceClass } from './dbInstanceClasses.ts';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Approximate DBInstanceClassMemory in bytes for a nominal memory in GiB. */
export function dbInstanceClassMemoryBytes(memoryGiB: number): number {
  return Math.max(0, Math.floor(0.975 * memoryGiB * GIB - 200 * MIB));
}

export const rdsMysqlMaxConnections = (memoryGiB: number): number =>
  Math.floor(dbInstanceClassMemoryBytes(memoryGiB) / 12582880);

export const rdsPostgresMaxConnections = (memoryGiB: number): number =>
  Math.min(Math.floor(dbInstanceClassMemoryBytes(memoryGiB) / 9531392), 5000);

/** Aurora PostgreSQL published defaults (awsdocs/amazon-aurora-user-guide AuroraPostgreSQL.Managing.md). */
export const AURORA_POSTGRES_MAX_CONNECTIONS: Readonly<Record<string, number>> = {
  'db.t3.medium': 420,
  'db.t4g.medium': 405,
  'db.t3.large': 844,
  'db.t4g.large': 844,
  'db.r4.large': 1600,
  'db.r5.large': 1600,
  'db.r6g.large': 1722,
  'db.r4.xlarge': 3200,
  'db.r5.xlarge': 3300,
  'db.r6g.xlarge': 3479,
};

/** Aurora MySQL published defaults for burstable classes. */
export const AURORA_MYSQL_BURSTABLE: Readonly<Record<string, number>> = {
  'db.t2.small': 45,
  'db.t2.medium': 90,
  'db.t3.small': 45,
  'db.t3.medium': 90,
  'db.t4g.medium': 90,
  'db.t3.large': 135,
  'db.t4g.large': 135,
};

/** Aurora MySQL defaults of memory-optimised (r) classes, by size. */
export const AURORA_MYSQL_BY_SIZE: Readonly<Record<string, number>> = {
  large: 1000,
  xlarge: 2000,
  '2xlarge': 3000,
  '4xlarge': 4000,
  '8xlarge': 5000,
  '12xlarge': 6000,
  '16xlarge': 6000,
  '24xlarge': 7000,
};

/** Instance classes each Aurora engine runs on (the rest of the table is RDS-only). */
export function auroraSupports(engine: DatabaseEngine, instanceClass: string): boolean {
  if (engine === 'aurora-mysql') {
    const { family, size } = splitInstanceClass(instanceClass);
    return (
      AURORA_MYSQL_BURSTABLE[instanceClass] !== undefined ||
      (family.startsWith('r') && size in AURORA_MYSQL_BY_SIZE)
    );
  }
  if (engine === 'aurora-postgresql') {
    const { family, size } = splitInstanceClass(instanceClass);
    return (
      AURORA_POSTGRES_MAX_CONNECTIONS[instanceClass] !== undefined ||
      (family.startsWith('r') && DB_INSTANCE_CLASSES[instanceClass] !== undefined) ||
      (['t3', 't4g'].includes(family) && ['medium', 'large'].includes(size))
    );
  }
  return true;
}

/** The engine's default max_connections for a class in DB_INSTANCE_CLASSES. */
export function defaultMaxConnections(engine: DatabaseEngine, instanceClass: string): number {
  const spec = DB_INSTANCE_CLASSES[instanceClass];
  const memoryGiB = spec?.memoryGiB ?? 0;
  switch (engine) {
    case 'rds-mysql':
      return rdsMysqlMaxConnections(memoryGiB);
    case 'rds-postgres':
      return rdsPostgresMaxConnections(memoryGiB);
    case 'aurora-postgresql':
      return AURORA_POSTGRES_MAX_CONNECTIONS[instanceClass] ?? rdsPostgresMaxConnections(memoryGiB);
    case 'aurora-mysql': {
      const burstable = AURORA_MYSQL_BURSTABLE[instanceClass];
      if (burstable !== undefined) return burstable;
      return (
        AURORA_MYSQL_BY_SIZE[splitInstanceClass(instanceClass).size] ?? rdsMysqlMaxConnections(memoryGiB)
      );
    }
  }
}
