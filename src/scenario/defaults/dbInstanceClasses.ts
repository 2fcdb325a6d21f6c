/**
 * RDS / Aurora DB instance classes: vCPUs and nominal memory (GiB).
 *
 * Source: Amazon RDS User Guide, "Hardware specifications for DB instance classes"
 * (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html; also
 * awsdocs/amazon-rds-user-guide `Concepts.DBInstanceClass.md`, 2022), read 2026-11-21. Covers the
 * common burstable (t2, t3, t4g), general-purpose (m4, m5, m6g, m7g) and memory-optimised (r4, r5,
 * r6g, r7g) families.
 */

export interface DbInstanceClass {
  readonly vcpus: number;
  readonly memoryGiB: number;
}

type Sizes = Readonly<Record<string, readonly [number, number]>>;

const BURSTABLE: Sizes = {
  micro: [2, 1],
  small: [2, 2],
  medium: [2, 4],
  large: [2, 8],
  xlarge: [4, 16],
  '2xlarge': [8, 32],
};
const T2: Sizes = {
  micro: [1, 1],
  small: [1, 2],
  medium: [2, 4],
  large: [2, 8],
  xlarge: [4, 16],
  '2xlarge': [8, 32],
};
const GENERAL: Sizes = {
  large: [2, 8],
  xlarge: [4, 16],
  '2xlarge': [8, 32],
  '4xlarge': [16, 64],
  '8xlarge': [32, 128],
  '12xlarge': [48, 192],
  '16xlarge': [64, 256],
};
const M5: Sizes = { ...GENERAL, '24xlarge': [96, 384] };
const M4: Sizes = {
  large: [2, 8],
  xlarge: [4, 16],
  '2xlarge': [8, 32],
  '4xlarge': [16, 64],
  '10xlarge': [40, 160],
  '16xlarge': [64, 256],
};
const MEMORY: Sizes = {
  large: [2, 16],
  xlarge: [4, 32],
  '2xlarge': [8, 64],
  '4xlarge': [16, 128],
  '8xlarge': [32, 256],
  '12xlarge': [48, 384],
  '16xlarge': [64, 512],
};
const R5: Sizes = { ...MEMORY, '24xlarge': [96, 768] };
const R4: Sizes = {
  large: [2, 15.25],
  xlarge: [4, 30.5],
  '2xlarge': [8, 61],
  '4xlarge': [16, 122],
  '8xlarge': [32, 244],
  '16xlarge': [64, 488],
};

const FAMILIES: Readonly<Record<string, Sizes>> = {
  t2: T2,
  t3: BURSTABLE,
  t4g: BURSTABLE,
  m4: M4,
  m5: M5,
  m6g: GENERAL,
  m7g: GENERAL,
  r4: R4,
  r5: R5,
  r6g: MEMORY,
  r7g: MEMORY,
};

export const DB_INSTANCE_CLASSES: Readonly<Record<string, DbInstanceClass>> = Object.fromEntries(
  Object.entries(FAMILIES).flatMap(([family, sizes]) =>
    Object.entries(sizes).map(([size, [vcpus, memoryGiB]]) => [`db.${family}.${size}`, { vcpus, memoryGiB }]),
  ),
);

export const KNOWN_DB_INSTANCE_CLASSES: readonly string[] = Object.keys(DB_INSTANCE_CLASSES);

/** `db.r6g.large` -> { family: 'r6g', size: 'large' }. */
export function splitInstanceClass(name: string): { family: string; size: string } {
  const [, family = '', size = ''] = name.split('.');
  return { family, size };
}
