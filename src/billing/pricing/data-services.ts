/**
 * Line items of the data and messaging services a scenario contains besides Lambda's front doors:
 *
 * - RDS / Aurora: instance-hours × the hourly price of the engine and class (on-demand, single-AZ;
 *   Aurora Standard). One line per engine and class. A class without a price bills nothing here
 *   (the scenario parser warns). Aurora Serverless v2 ACU-hours are not modelled.
 * - Kinesis Data Streams (provisioned): shard-hours, extended-retention shard-hours (retention
 *   over 24 h), PUT payload units (25 KB chunks), and for enhanced fan-out consumers their
 *   consumer-shard-hours and the GB pushed to them (2^30 bytes). Standard reads (GetRecords) are free.
 * - SNS: publishes (64 KB chunks; 1M free with the free tier); deliveries to Lambda functions and
 *   SQS queues cost nothing and appear as a no-charge line.
 * - EventBridge: custom events put on a bus (64 KB chunks); AWS service events are free.
 *   EventBridge Scheduler: invocations (14M free with the free tier).
 * - S3: PUT-class and GET-class requests (S3 Standard).
 * Pure.
 */

import { BYTES_PER_GB, type Usage } from '../metering/index.ts';
import { type CostLine, pricedLine } from './breakdown.ts';
import { decimalProduct } from './decimal.ts';
import type { PriceTable } from './price-table.ts';
import { tieredLines } from './tiers.ts';

const sum = <T>(items: readonly T[] | undefined, f: (x: T) => number): number => {
  let total = 0;
  for (const x of items ?? []) total += f(x);
  return total;
};

/** A line AWS charges nothing for (not a free-tier allowance: the price is zero). */
function noChargeLine(service: string, item: string, quantity: number, unit: string): CostLine {
  return { service, item: `${item} (no charge)`, quantity, unit, usd: 0 };
}

/** One line per engine and instance class, in the order the databases appear. */
function databaseLines(table: PriceTable, usage: Usage): CostLine[] {
  const hoursByKey = new Map<string, { engine: string; cls: string; hours: number; usdPerHour: number }>();
  for (const db of usage.databases ?? []) {
    const usdPerHour = table.dbInstanceUsdPerHour(db.engine, db.instanceClass);
    if (usdPerHour === undefined) continue;
    const key = `${db.engine} ${db.instanceClass}`;
    const entry = hoursByKey.get(key);
    if (entry) entry.hours += db.hours;
    else
      hoursByKey.set(key, {
        engine: db.engine,
        cls: db.instanceClass,
        hours: db.hours,
        usdPerHour,
      });
  }
  return [...hoursByKey.values()].map((e) => ({
    service: e.engine.startsWith('aurora') ? 'aurora' : 'rds',
    item: `${e.cls} instance hours (${e.engine})`,
    quantity: e.hours,
    unit: 'instance-hours',
    usd: decimalProduct(e.hours, e.usdPerHour),
  }));
}

function kinesisLines(table: PriceTable, usage: Usage): CostLine[] {
  const streams = usage.kinesisStreams ?? [];
  return [
    pricedLine(
      table,
      'kinesis',
      'shard hours',
      sum(streams, (k) => k.shards * k.hours),
      'shard-hours',
      'kinesis.shardHours',
    ),
    pricedLine(
      table,
      'kinesis',
      'extended retention',
      sum(
        streams.filter((k) => k.extendedRetention),
        (k) => k.shards * k.hours,
      ),
      'shard-hours',
      'kinesis.extendedRetention',
    ),
    pricedLine(
      table,
      'kinesis',
      'PUT payload units',
      sum(streams, (k) => k.putPayloadUnits),
      'PUT payload units',
      'kinesis.putPayloadUnits',
    ),
    pricedLine(
      table,
      'kinesis',
      'enhanced fan-out consumer-shard hours',
      sum(streams, (k) => k.enhancedFanOutConsumers * k.shards * k.hours),
      'consumer-shard-hours',
      'kinesis.enhancedFanOut.consumerShardHours',
    ),
    pricedLine(
      table,
      'kinesis',
      'enhanced fan-out data retrievals',
      sum(streams, (k) => k.enhancedFanOutBytes) / BYTES_PER_GB,
      'GB',
      'kinesis.enhancedFanOut.dataRetrievals',
    ),
  ];
}

function snsLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  const topics = usage.snsTopics ?? [];
  return [
    ...tieredLines(
      table,
      'sns',
      'publishes',
      'requests',
      sum(topics, (t) => t.publishRequests),
      freeTier ? table.freeTier.snsPublishes : 0,
      [{ upTo: Infinity, price: 'sns.publishes' }],
    ),
    noChargeLine(
      'sns',
      'deliveries to Lambda and SQS',
      sum(topics, (t) => t.deliveries),
      'notifications',
    ),
  ];
}

function eventBridgeLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  const eb = usage.eventBridge;
  if (eb === undefined) return [];
  return [
    pricedLine(table, 'eventbridge', 'custom events', eb.customEvents, 'events', 'eventBridge.customEvents'),
    ...tieredLines(
      table,
      'eventbridge',
      'scheduler invocations',
      'invocations',
      eb.schedulerInvocations,
      freeTier ? table.freeTier.schedulerInvocations : 0,
      [{ upTo: Infinity, price: 'scheduler.invocations' }],
    ),
  ];
}

function s3Lines(table: PriceTable, usage: Usage): CostLine[] {
  const buckets = usage.s3Buckets ?? [];
  return [
    pricedLine(
      table,
      's3',
      'PUT requests',
      sum(buckets, (b) => b.putRequests),
      'requests',
      's3.putRequests',
    ),
    pricedLine(
      table,
      's3',
      'GET requests',
      sum(buckets, (b) => b.getRequests),
      'requests',
      's3.getRequests',
    ),
  ];
}

/** The data and messaging services' line items of one billing month, in a fixed order. */
export function dataServiceLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  return [
    ...databaseLines(table, usage),
    ...kinesisLines(table, usage),
    ...snsLines(table, usage, freeTier),
    ...eventBridgeLines(table, usage, freeTier),
    ...s3Lines(table, usage),
  ];
}
