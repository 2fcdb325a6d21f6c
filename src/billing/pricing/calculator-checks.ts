/**
 * Validation of a CostCalculatorInput: every problem at once, each with the field it concerns.
 * Pure.
 */

import { KNOWN_DB_INSTANCE_CLASSES } from '../../scenario/index.ts';

import type { CostCalculatorInput } from './calculator-input.ts';
import { dbInstancePriceId } from './price-ids.ts';
import { priceOverrideIssues, priceTable, SUPPORTED_REGIONS } from './price-table.ts';

/**
 * Enhanced fan-out consumers a provisioned stream can register: "you can register up to 20
 * consumers per stream" (Kinesis developer guide, enhanced-consumers; 50 only in On-demand Advantage mode).
 */
const KINESIS_MAX_FAN_OUT_CONSUMERS = 20;

/** A 31-day month. */
const LONGEST_MONTH_HOURS = 31 * 24;

export interface CalculatorIssue {
  /** Path of the offending field in CostCalculatorInput, e.g. `provisioned.requestShare`. */
  readonly field: string;
  readonly message: string;
}

const MAX_DURATION_MS = 900_000;

/** Every problem of an input, all at once. */
export function calculatorIssues(input: CostCalculatorInput): CalculatorIssue[] {
  const issues: CalculatorIssue[] = [];
  const check = (field: string, value: number | undefined, ok: (v: number) => boolean, expected: string) => {
    if (value !== undefined && !(Number.isFinite(value) && ok(value))) {
      issues.push({ field, message: `must be ${expected}, got ${value}` });
    }
  };
  const nonNegative = (v: number) => v >= 0;
  const fraction = (v: number) => v >= 0 && v <= 1;
  /** Hours of something running within one month: at most 31 days (AWS's examples bill 744-hour months). */
  const monthHours = (v: number) => v >= 0 && v <= LONGEST_MONTH_HOURS;
  const region = input.region ?? 'us-east-1';
  if (!SUPPORTED_REGIONS.includes(region)) {
    issues.push({
      field: 'region',
      message: `no price table for "${region}"; available: ${SUPPORTED_REGIONS.join(', ')}`,
    });
  }
  check('requests', input.requests, nonNegative, 'a count >= 0');
  check(
    'durationMs',
    input.durationMs,
    (v) => v >= 0 && v <= MAX_DURATION_MS,
    'between 0 and 900000 ms (15 min)',
  );
  check(
    'memoryMb',
    input.memoryMb,
    (v) => Number.isInteger(v) && v >= 128 && v <= 10240,
    'a whole number of MB in 128..10240',
  );
  check(
    'ephemeralStorageMb',
    input.ephemeralStorageMb,
    (v) => Number.isInteger(v) && v >= 512 && v <= 10240,
    'a whole number of MB in 512..10240',
  );
  if (input.granularityMs !== undefined && input.granularityMs !== 1 && input.granularityMs !== 100) {
    issues.push({ field: 'granularityMs', message: `must be 1 or 100, got ${input.granularityMs}` });
  }
  for (const issue of priceOverrideIssues(input.prices ?? {}))
    issues.push({ field: `prices.${issue.id}`, message: issue.message });
  const pc = input.provisioned;
  if (pc) {
    if (input.edge)
      issues.push({
        field: 'provisioned',
        message: 'Lambda@Edge functions cannot use provisioned concurrency',
      });
    check(
      'provisioned.concurrency',
      pc.concurrency,
      (v) => Number.isInteger(v) && v >= 0,
      'a whole number >= 0',
    );
    check(
      'provisioned.hours',
      pc.hours,
      monthHours,
      `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
    );
    check(
      'provisioned.requests',
      pc.requests,
      (v) => v >= 0 && v <= input.requests,
      'between 0 and the requests',
    );
    check('provisioned.requestShare', pc.requestShare, fraction, 'a fraction in 0..1');
    check(
      'provisioned.durationMs',
      pc.durationMs,
      (v) => v >= 0 && v <= MAX_DURATION_MS,
      'between 0 and 900000 ms',
    );
  }
  const cold = input.coldStarts;
  if (cold) {
    check('coldStarts.share', cold.share, fraction, 'a fraction in 0..1');
    check('coldStarts.initMs', cold.initMs, nonNegative, 'ms >= 0');
  }
  const snap = input.snapStart;
  if (snap) {
    check('snapStart.restores', snap.restores, nonNegative, 'a count >= 0');
    check('snapStart.restoreShare', snap.restoreShare, fraction, 'a fraction in 0..1');
    check('snapStart.versions', snap.versions, (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0');
    check(
      'snapStart.hours',
      snap.hours,
      monthHours,
      `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
    );
  }
  const stream = input.responseStreaming;
  if (stream) {
    check(
      'responseStreaming.requests',
      stream.requests,
      (v) => v >= 0 && v <= input.requests,
      'between 0 and the requests',
    );
    check('responseStreaming.bytesPerResponse', stream.bytesPerResponse, nonNegative, 'bytes >= 0');
  }
  check('apiGateway.bytesPerRequest', input.apiGateway?.bytesPerRequest, nonNegative, 'bytes >= 0');
  for (const key of [
    'newConnections',
    'activeConnectionMinutes',
    'processedBytes',
    'ruleEvaluations',
  ] as const) {
    check(`alb.${key}`, input.alb?.[key], nonNegative, 'a number >= 0');
  }
  check(
    'alb.hours',
    input.alb?.hours,
    monthHours,
    `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
  );
  check('sqs.requests', input.sqs?.requests, nonNegative, 'a count >= 0');
  check('sqs.bytesPerRequest', input.sqs?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check('natGateway.azs', input.natGateway?.azs, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  check(
    'natGateway.hours',
    input.natGateway?.hours,
    monthHours,
    `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
  );
  check('natGateway.bytesPerRequest', input.natGateway?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check(
    'vpcEndpoints.endpoints',
    input.vpcEndpoints?.endpoints,
    (v) => Number.isInteger(v) && v >= 0,
    'a whole number >= 0',
  );
  check(
    'vpcEndpoints.azs',
    input.vpcEndpoints?.azs,
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number >= 1',
  );
  check(
    'vpcEndpoints.hours',
    input.vpcEndpoints?.hours,
    monthHours,
    `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
  );
  check('vpcEndpoints.bytesPerRequest', input.vpcEndpoints?.bytesPerRequest, nonNegative, 'bytes >= 0');
  check('rdsProxy.capacity', input.rdsProxy?.capacity, (v) => v > 0, 'a number > 0');
  check(
    'rdsProxy.hours',
    input.rdsProxy?.hours,
    monthHours,
    `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
  );
  check('secretsManager.secrets', input.secretsManager?.secrets, nonNegative, 'a count >= 0');
  check('secretsManager.apiCalls', input.secretsManager?.apiCalls, nonNegative, 'a count >= 0');
  check('logBytesPerRequest', input.logBytesPerRequest, nonNegative, 'bytes >= 0');
  check('dataTransferOutBytesPerRequest', input.dataTransferOutBytesPerRequest, nonNegative, 'bytes >= 0');
  const db = input.database;
  if (db) {
    const table = priceTable(SUPPORTED_REGIONS.includes(region) ? region : 'us-east-1', {});
    const overridden = Object.hasOwn(input.prices ?? {}, dbInstancePriceId(db.engine, db.instanceClass));
    if (!KNOWN_DB_INSTANCE_CLASSES.includes(db.instanceClass)) {
      issues.push({
        field: 'database.instanceClass',
        message: `unknown DB instance class "${db.instanceClass}"`,
      });
    } else if (
      table.ok &&
      !overridden &&
      table.value.dbInstanceUsdPerHour(db.engine, db.instanceClass) === undefined
    ) {
      issues.push({
        field: 'database.instanceClass',
        message: `no ${region} price for ${db.engine} ${db.instanceClass}; set it with --price database.${db.engine}.${db.instanceClass}=USD`,
      });
    }
    check('database.instances', db.instances, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
    check(
      'database.hours',
      db.hours,
      monthHours,
      `hours in 0..${LONGEST_MONTH_HOURS} (a month of at most 31 days)`,
    );
  }
  check('kinesis.shards', input.kinesis?.shards, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  check('kinesis.records', input.kinesis?.records, nonNegative, 'a count >= 0');
  check('kinesis.recordBytes', input.kinesis?.recordBytes, nonNegative, 'bytes >= 0');
  check(
    'kinesis.enhancedFanOutConsumers',
    input.kinesis?.enhancedFanOutConsumers,
    (v) => Number.isInteger(v) && v >= 0 && v <= KINESIS_MAX_FAN_OUT_CONSUMERS,
    `a whole number in 0..${KINESIS_MAX_FAN_OUT_CONSUMERS}`,
  );
  check('sns.publishes', input.sns?.publishes, nonNegative, 'a count >= 0');
  check('savingsPlan.discount', input.savingsPlan?.discount, (v) => v >= 0 && v < 1, 'a fraction in 0..1');
  check(
    'savingsPlan.commitmentUsdPerHour',
    input.savingsPlan?.commitmentUsdPerHour ?? undefined,
    nonNegative,
    'USD per hour >= 0',
  );
  return issues;
}
