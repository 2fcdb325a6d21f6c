/**
 * DB instance prices as data: USD per instance-hour, on-demand, single-AZ, by engine and class.
 *
 * Contract: a class missing for an engine has no published price here (AWS does not offer it for
 * that engine, e.g. Aurora on m-classes, or no source was found, e.g. the 7th-generation
 * Graviton classes): its instance hours are not billed unless `billing.prices` sets
 * `database.<engine>.<class>`, and the scenario parser warns. Aurora prices are Aurora Standard
 * (storage I/O billed separately, not modelled); Aurora MySQL and PostgreSQL instances cost the
 * same. Storage, backups and Multi-AZ standbys are not modelled.
 */
import type { DatabaseEngine } from '../../scenario/index.ts';
import type { PriceSource } from './price-data.ts';

export interface DbInstancePrices {
  /** Where the table comes from and when it was read (one source for the table). */
  readonly source: Omit<PriceSource, 'usd'>;
  readonly usdPerHour: Readonly<Record<DatabaseEngine, Readonly<Record<string, number>>>>;
}

/** `[size, usd]` pairs of one family, expanded to `db.<family>.<size>`. */
const family = (name: string, sizes: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(sizes).map(([size, usd]) => [`db.${name}.${size}`, usd]));

// RDS for PostgreSQL, us-east-1 (aws.amazon.com/rds/postgresql/pricing/, on-demand single-AZ).
const POSTGRES_US_EAST_1 = {
  ...family('t2', {
    micro: 0.018,
    small: 0.036,
    medium: 0.073,
    large: 0.145,
    xlarge: 0.29,
    '2xlarge': 0.58,
  }),
  ...family('t3', {
    micro: 0.018,
    small: 0.036,
    medium: 0.072,
    large: 0.145,
    xlarge: 0.29,
    '2xlarge': 0.579,
  }),
  ...family('t4g', {
    micro: 0.016,
    small: 0.032,
    medium: 0.065,
    large: 0.129,
    xlarge: 0.258,
    '2xlarge': 0.517,
  }),
  ...family('m4', {
    large: 0.182,
    xlarge: 0.365,
    '2xlarge': 0.73,
    '4xlarge': 1.461,
    '10xlarge': 3.654,
    '16xlarge': 5.844,
  }),
  ...family('m5', {
    large: 0.178,
    xlarge: 0.356,
    '2xlarge': 0.712,
    '4xlarge': 1.424,
    '8xlarge': 2.848,
    '12xlarge': 4.272,
    '16xlarge': 5.696,
    '24xlarge': 8.544,
  }),
  ...family('m6g', {
    large: 0.159,
    xlarge: 0.318,
    '2xlarge': 0.636,
    '4xlarge': 1.272,
    '8xlarge': 2.544,
    '12xlarge': 3.816,
    '16xlarge': 5.088,
  }),
  ...family('r4', {
    large: 0.25,
    xlarge: 0.5,
    '2xlarge': 1,
    '4xlarge': 2,
    '8xlarge': 4,
    '16xlarge': 8,
  }),
  ...family('r5', {
    large: 0.25,
    xlarge: 0.5,
    '2xlarge': 1,
    '4xlarge': 2,
    '8xlarge': 4,
    '12xlarge': 6,
    '16xlarge': 8,
    '24xlarge': 12,
  }),
  ...family('r6g', {
    large: 0.225,
    xlarge: 0.45,
    '2xlarge': 0.899,
    '4xlarge': 1.798,
    '8xlarge': 3.597,
    '12xlarge': 5.395,
    '16xlarge': 7.194,
  }),
};

// RDS for MySQL, us-east-1 (aws.amazon.com/rds/mysql/pricing/, on-demand single-AZ).
const MYSQL_US_EAST_1 = {
  ...family('t2', {
    micro: 0.017,
    small: 0.034,
    medium: 0.068,
    large: 0.136,
    xlarge: 0.272,
    '2xlarge': 0.544,
  }),
  ...family('t3', {
    micro: 0.017,
    small: 0.034,
    medium: 0.068,
    large: 0.136,
    xlarge: 0.272,
    '2xlarge': 0.544,
  }),
  ...family('t4g', {
    micro: 0.016,
    small: 0.032,
    medium: 0.065,
    large: 0.129,
    xlarge: 0.258,
    '2xlarge': 0.517,
  }),
  ...family('m4', {
    large: 0.175,
    xlarge: 0.35,
    '2xlarge': 0.7,
    '4xlarge': 1.401,
    '10xlarge': 3.502,
    '16xlarge': 5.6,
  }),
  ...family('m5', {
    large: 0.171,
    xlarge: 0.342,
    '2xlarge': 0.684,
    '4xlarge': 1.368,
    '8xlarge': 2.74,
    '12xlarge': 4.104,
    '16xlarge': 5.47,
    '24xlarge': 8.208,
  }),
  ...family('m6g', {
    large: 0.152,
    xlarge: 0.304,
    '2xlarge': 0.608,
    '4xlarge': 1.216,
    '8xlarge': 2.432,
    '12xlarge': 3.648,
    '16xlarge': 4.864,
  }),
  ...family('r4', {
    large: 0.24,
    xlarge: 0.48,
    '2xlarge': 0.96,
    '4xlarge': 1.92,
    '8xlarge': 3.84,
    '16xlarge': 7.68,
  }),
  ...family('r5', {
    large: 0.24,
    xlarge: 0.48,
    '2xlarge': 0.96,
    '4xlarge': 1.92,
    '8xlarge': 3.84,
    '12xlarge': 5.76,
    '16xlarge': 7.68,
    '24xlarge': 11.52,
  }),
  ...family('r6g', {
    large: 0.215,
    xlarge: 0.43,
    '2xlarge': 0.859,
    '4xlarge': 1.718,
    '8xlarge': 3.437,
    '12xlarge': 5.155,
    '16xlarge': 6.874,
  }),
};

// Aurora Standard, us-east-1 (aws.amazon.com/rds/aurora/pricing/): MySQL- and PostgreSQL-compatible
// instances are priced alike. Aurora offers burstable and memory-optimised classes only.
const AURORA_US_EAST_1 = {
  ...family('t3', { medium: 0.082, large: 0.164 }),
  ...family('t4g', { medium: 0.073, large: 0.146 }),
  ...family('r4', {
    large: 0.29,
    xlarge: 0.58,
    '2xlarge': 1.16,
    '4xlarge': 2.32,
    '8xlarge': 4.64,
    '16xlarge': 9.28,
  }),
  ...family('r5', {
    large: 0.29,
    xlarge: 0.58,
    '2xlarge': 1.16,
    '4xlarge': 2.32,
    '8xlarge': 4.64,
    '12xlarge': 6.96,
    '16xlarge': 9.28,
    '24xlarge': 13.92,
  }),
  ...family('r6g', {
    large: 0.26,
    xlarge: 0.52,
    '2xlarge': 1.04,
    '4xlarge': 2.08,
    '8xlarge': 4.16,
    '12xlarge': 6.24,
    '16xlarge': 8.32,
  }),
};

export const DB_INSTANCES_US_EAST_1: DbInstancePrices = {
  source: {
    source:
      'aws.amazon.com/rds/postgresql/pricing, /rds/mysql/pricing, /rds/aurora/pricing (on-demand, single-AZ) as transcribed in public cost tools, agreeing across copies',
    confidence: 'third-party',
    asOf: '2026-12-05',
  },
  usdPerHour: {
    'rds-postgres': POSTGRES_US_EAST_1,
    'rds-mysql': MYSQL_US_EAST_1,
    'aurora-postgresql': AURORA_US_EAST_1,
    'aurora-mysql': {
      ...AURORA_US_EAST_1,
      'db.t3.small': 0.041,
      'db.t2.small': 0.041,
      'db.t2.medium': 0.082,
    },
  },
};
