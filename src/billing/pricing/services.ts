/**
 * Line items of the services around Lambda (prices and sources per item in ./price-data.ts).
 *
 * - API Gateway: REST and HTTP APIs each tiered on the month's requests; HTTP API requests are
 *   metered in 512 KB increments. The 12-month free tier of new accounts is not applied.
 * - ALB: load-balancer hours plus LCU-hours; LCUs are the largest of the four dimensions
 *   (new connections/s ÷ 25, active connections/min ÷ 3,000, processed GB/h ÷ 0.4 for Lambda targets
 *   or ÷ 1 for instances, rule evaluations/s ÷ 1,000), taken over the window's average rates. AWS
 *   takes the maximum hour by hour, so a bursty ALB bills more than this.
 * - SQS: requests in 64 KB chunks; standard tiered, FIFO flat; 1M requests free (standard first).
 * - NAT gateway: gateway-hours (one gateway per AZ) plus GB processed.
 * - VPC interface endpoints: endpoint-AZ-hours plus GB processed (tiered per Region).
 * - RDS Proxy: vCPU-hours of the target (at least 2 vCPUs) or, for Aurora Serverless v2, ACU-hours
 *   (at least 8 ACUs).
 * - Secrets Manager: secret-months (secrets × hours ÷ 730) plus API calls.
 * - CloudWatch Logs: GB ingested (Lambda-log tiers since 2025-05-01), 5 GB free.
 * - Data transfer out to the internet: tiered GB, 100 GB free (aggregated across services).
 * - Databases, Kinesis, SNS, EventBridge and S3: see ./data-services.ts.
 * Free allowances apply only when the free tier is on. Pure.
 */

import type { AlbUsage, Usage } from '../metering/index.ts';
import { BYTES_PER_GB, httpApiMeteredRequests, MONTH_HOURS, sqsBilledRequests } from '../metering/index.ts';
import { type CostLine, pricedLine } from './breakdown.ts';
import { dataServiceLines } from './data-services.ts';
import type { PriceTable } from './price-table.ts';
import { tieredLines } from './tiers.ts';

const sum = <T>(items: readonly T[] | undefined, f: (x: T) => number): number => {
  let total = 0;
  for (const x of items ?? []) total += f(x);
  return total;
};

function apiGatewayLines(table: PriceTable, usage: Usage): CostLine[] {
  const gateways = usage.apiGateway ?? [];
  const rest = sum(
    gateways.filter((g) => g.type === 'rest'),
    (g) => g.requests,
  );
  const http = sum(
    gateways.filter((g) => g.type === 'http'),
    (g) => g.requests * httpApiMeteredRequests(g.bytesPerRequest ?? 0),
  );
  return [
    ...tieredLines(
      table,
      'api-gateway',
      'REST API requests',
      'requests',
      rest,
      0,
      table.tiers.apiGatewayRest,
    ),
    ...tieredLines(
      table,
      'api-gateway',
      'HTTP API requests',
      'requests',
      http,
      0,
      table.tiers.apiGatewayHttp,
    ),
  ];
}

/** LCU-hours of one ALB: hours × the largest dimension's mean LCUs (the hours cancel out). */
export function albLcuHours(table: PriceTable, alb: AlbUsage): number {
  const lcu = table.albLcu;
  const gbPerLcuHour =
    alb.targets === 'lambda' ? lcu.processedGbPerHourLambda : lcu.processedGbPerHourInstance;
  return Math.max(
    alb.newConnections / (lcu.newConnectionsPerSecond * 3600),
    alb.activeConnectionMinutes / (lcu.activeConnectionsPerMinute * 60),
    alb.processedBytes / BYTES_PER_GB / gbPerLcuHour,
    alb.ruleEvaluations / (lcu.ruleEvaluationsPerSecond * 3600),
  );
}

function albLines(table: PriceTable, usage: Usage): CostLine[] {
  return [
    pricedLine(
      table,
      'alb',
      'load balancer hours',
      sum(usage.albs, (a) => a.hours),
      'hours',
      'alb.hours',
    ),
    pricedLine(
      table,
      'alb',
      'LCU hours',
      sum(usage.albs, (a) => albLcuHours(table, a)),
      'LCU-hours',
      'alb.lcuHours',
    ),
  ];
}

function sqsLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  const billed = (fifo: boolean) =>
    sum(
      usage.sqs?.filter((q) => q.fifo === fifo),
      (q) => q.requests * sqsBilledRequests(q.bytesPerRequest ?? 0),
    );
  const standard = billed(false);
  const fifo = billed(true);
  const free = freeTier ? table.freeTier.sqsRequests : 0;
  const freeForFifo = Math.max(0, free - standard);
  const lines = tieredLines(
    table,
    'sqs',
    'standard requests',
    'requests',
    standard,
    free,
    table.tiers.sqsStandard,
  );
  lines.push(
    ...tieredLines(table, 'sqs', 'FIFO requests', 'requests', fifo, freeForFifo, [
      { upTo: Infinity, price: 'sqs.fifo' },
    ]),
  );
  return lines;
}

function networkLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  const natGb = sum(usage.natGateways, (n) => n.processedBytes) / BYTES_PER_GB;
  const endpointGb = sum(usage.vpcEndpoints, (e) => e.processedBytes) / BYTES_PER_GB;
  const outGb = (usage.dataTransferOutBytes ?? 0) / BYTES_PER_GB;
  return [
    pricedLine(
      table,
      'nat-gateway',
      'gateway hours',
      sum(usage.natGateways, (n) => n.azs * n.hours),
      'hours',
      'natGateway.hours',
    ),
    pricedLine(table, 'nat-gateway', 'data processed', natGb, 'GB', 'natGateway.processed'),
    pricedLine(
      table,
      'vpc-endpoint',
      'endpoint AZ hours',
      sum(usage.vpcEndpoints, (e) => e.azs * e.hours),
      'hours',
      'vpcEndpoint.hours',
    ),
    ...tieredLines(
      table,
      'vpc-endpoint',
      'data processed',
      'GB',
      endpointGb,
      0,
      table.tiers.vpcEndpointProcessed,
    ),
    ...tieredLines(
      table,
      'data-transfer',
      'out to internet',
      'GB',
      outGb,
      freeTier ? table.freeTier.dataTransferOutGb : 0,
      table.tiers.dataTransferOut,
    ),
  ];
}

function rdsProxyLines(table: PriceTable, usage: Usage): CostLine[] {
  const min = table.rdsProxyMinimum;
  const proxies = usage.rdsProxies ?? [];
  const vcpuHours = sum(
    proxies.filter((p) => p.target === 'instance'),
    (p) => Math.max(p.capacity, min.vcpus) * p.hours,
  );
  const acuHours = sum(
    proxies.filter((p) => p.target === 'aurora-serverless-v2'),
    (p) => Math.max(p.capacity, min.acus) * p.hours,
  );
  return [
    pricedLine(table, 'rds-proxy', 'vCPU hours', vcpuHours, 'vCPU-hours', 'rdsProxy.vcpuHours'),
    pricedLine(table, 'rds-proxy', 'ACU hours', acuHours, 'ACU-hours', 'rdsProxy.acuHours'),
  ];
}

function secretsLines(table: PriceTable, usage: Usage): CostLine[] {
  const s = usage.secretsManager;
  if (s === undefined) return [];
  return [
    pricedLine(
      table,
      'secrets-manager',
      'secrets',
      (s.secrets * s.hours) / MONTH_HOURS,
      'secret-months',
      'secretsManager.secretMonths',
    ),
    pricedLine(table, 'secrets-manager', 'API calls', s.apiCalls, 'API calls', 'secretsManager.apiCalls'),
  ];
}

function logsLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  const gb = sum(usage.lambda, (l) => l.logBytes) / BYTES_PER_GB;
  const free = freeTier ? table.freeTier.cloudwatchLogsGb : 0;
  return tieredLines(
    table,
    'cloudwatch-logs',
    'ingestion',
    'GB',
    gb,
    free,
    table.tiers.cloudwatchLogsIngestion,
  );
}

/** Every non-Lambda line item of one billing month, in a fixed service order. */
export function serviceLines(table: PriceTable, usage: Usage, freeTier: boolean): CostLine[] {
  return [
    ...apiGatewayLines(table, usage),
    ...albLines(table, usage),
    ...sqsLines(table, usage, freeTier),
    ...rdsProxyLines(table, usage),
    ...secretsLines(table, usage),
    ...logsLines(table, usage, freeTier),
    ...networkLines(table, usage, freeTier),
    ...dataServiceLines(table, usage, freeTier),
  ];
}
