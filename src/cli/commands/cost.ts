/**
 * `lamsim cost`: the monthly bill of a function described by averages, with no simulation.
 *
 *   lamsim cost --requests 3M --duration 120ms --memory 1536 [--architecture arm64] [--free-tier] ...
 *
 * Thin by contract: parses the flags (scenario quantity syntax), builds a CostCalculatorInput,
 * calls calculateCost and prints the line items (a table, or `--json`). Every bad flag is reported
 * at once as a UserInputError (exit 2).
 */
import type { Argv, CommandModule } from 'yargs';
import { calculateCost, formatUsd, priceList, renderCostTable, renderPriceList } from '../../index.ts';
import { type CostArgs, costInput, priceFlags } from '../costInput.ts';
import { UserInputError } from '../errors.ts';
import { COMMAND_SPECS } from './specs.ts';

export { type CostArgs, costInput, parseCount } from '../costInput.ts';

/** What `lamsim cost` prints for the given flags. Throws UserInputError on bad flags. */
export function runCost(args: CostArgs): string {
  if (args.listPrices === true) {
    const problems: string[] = [];
    const prices = priceFlags(args.price, problems);
    if (problems.length > 0) throw new UserInputError(problems);
    const list = priceList(args.region ?? 'us-east-1', prices);
    if (!list.ok) throw new UserInputError(list.error.map((line) => `lamsim cost: ${line}`));
    return args.json ? `${JSON.stringify(list.value, null, 2)}\n` : renderPriceList(list.value);
  }
  const input = costInput(args);
  if (!input.ok) throw new UserInputError(input.error);
  const bill = calculateCost(input.value);
  if (args.json) return `${JSON.stringify(bill, null, 2)}\n`;
  const i = input.value;
  const settings = [
    i.region ?? 'us-east-1',
    i.architecture ?? 'x86_64',
    `${i.memoryMb} MB`,
    `free tier ${i.freeTier ? 'on' : 'off'}`,
    `${i.granularityMs ?? 1} ms billing`,
  ].join(', ');
  return `Monthly cost (730 hours; ${settings}): ${formatUsd(bill.totalUsd)}\n\n${renderCostTable(bill)}`;
}

export const costCommand: CommandModule<object, CostArgs> = {
  ...COMMAND_SPECS.cost,
  builder: (yargs: Argv<object>) =>
    yargs
      .usage('$0 cost --requests 3M --duration 120ms --memory 1536 [options]')
      .option('requests', { type: 'string', describe: 'invocations per month (3M, 3000000, 500k)' })
      .option('duration', { type: 'string', describe: 'average duration per invocation (120ms, 2s)' })
      .option('memory', { type: 'string', describe: 'memory (1536, 1536MB, 1.5GB)' })
      .option('architecture', { type: 'string', choices: ['x86_64', 'arm64'], describe: 'default x86_64' })
      .option('ephemeral-storage', { type: 'string', describe: '/tmp size (default 512MB, free)' })
      .option('free-tier', { type: 'boolean', describe: 'apply the always-free tiers (default off)' })
      .option('granularity', { type: 'string', describe: '1ms (default, since Dec 2020) or 100ms' })
      .option('region', { type: 'string', describe: 'price table (default us-east-1)' })
      .option('price', {
        type: 'string',
        array: true,
        describe: 'override a price: ID=USD (see --list-prices)',
      })
      .option('edge', { type: 'boolean', describe: 'a Lambda@Edge function' })
      .option('provisioned', { type: 'string', describe: 'provisioned concurrency (environments)' })
      .option('provisioned-time', {
        type: 'string',
        describe: 'time PC is configured in the month (default 730h)',
      })
      .option('provisioned-requests', {
        type: 'string',
        describe: 'requests served by PC: a count or 25% (default 100%)',
      })
      .option('provisioned-duration', { type: 'string', describe: 'average duration of PC-served requests' })
      .option('cold-starts', {
        type: 'string',
        describe: 'share of on-demand requests that cold start (1% or 0.01)',
      })
      .option('init', { type: 'string', describe: 'INIT duration of a cold start (e.g. 300ms)' })
      .option('runtime', { type: 'string', describe: 'runtime, for the INIT rule (default nodejs22.x)' })
      .option('package-type', { type: 'string', choices: ['zip', 'image'], describe: 'for the INIT rule' })
      .option('init-billed', {
        type: 'boolean',
        describe: 'INIT billed (AWS since 2025-08-01; default true)',
      })
      .option('snapstart-restores', {
        type: 'string',
        describe: 'SnapStart restores: a count or 1% of requests',
      })
      .option('snapstart-time', {
        type: 'string',
        describe: 'time each version is active (default 730h, minimum 3h)',
      })
      .option('snapstart-versions', {
        type: 'string',
        describe: 'SnapStart versions kept active (default 1)',
      })
      .option('stream-size', {
        type: 'string',
        describe: 'response streaming: bytes per response (first 6MB free)',
      })
      .option('stream-requests', {
        type: 'string',
        describe: 'responses of that size (default all requests)',
      })
      .option('api-gateway', {
        type: 'string',
        choices: ['rest', 'http'],
        describe: 'requests arrive via API Gateway',
      })
      .option('request-size', {
        type: 'string',
        describe: 'bytes per request (HTTP API 512KB metering, ALB LCUs)',
      })
      .option('alb', { type: 'boolean', describe: 'requests arrive via an ALB (one new connection each)' })
      .option('sqs-requests', { type: 'string', describe: 'SQS API requests per month' })
      .option('sqs-fifo', { type: 'boolean', describe: 'the queue is FIFO' })
      .option('sqs-message-size', { type: 'string', describe: 'payload per SQS request (64KB chunks)' })
      .option('nat-azs', { type: 'string', describe: 'NAT gateways (one per AZ)' })
      .option('nat-data', { type: 'string', describe: 'bytes through the NAT gateway per invocation' })
      .option('vpc-endpoints', { type: 'string', describe: 'VPC interface endpoints' })
      .option('vpc-endpoint-azs', { type: 'string', describe: 'AZs per endpoint (default 2)' })
      .option('vpc-endpoint-data', { type: 'string', describe: 'bytes through endpoints per invocation' })
      .option('rds-proxy-vcpus', {
        type: 'string',
        describe: 'RDS Proxy on an instance with this many vCPUs',
      })
      .option('rds-proxy-acus', {
        type: 'string',
        describe: 'RDS Proxy on Aurora Serverless v2 with this mean ACU',
      })
      .option('secrets', { type: 'string', describe: 'Secrets Manager secrets' })
      .option('secret-calls', { type: 'string', describe: 'Secrets Manager API calls per month' })
      .option('log-size', { type: 'string', describe: 'CloudWatch Logs bytes per invocation' })
      .option('transfer-out', { type: 'string', describe: 'bytes sent to the internet per invocation' })
      .option('rds-instance', {
        type: 'string',
        describe: 'a DB instance class billed all month (db.r6g.large)',
      })
      .option('rds-engine', {
        type: 'string',
        choices: ['rds-postgres', 'rds-mysql', 'aurora-postgresql', 'aurora-mysql'],
        describe: 'engine of --rds-instance (default rds-postgres)',
      })
      .option('rds-instances', { type: 'string', describe: 'instances of that class (default 1)' })
      .option('kinesis-shards', { type: 'string', describe: 'provisioned Kinesis shards billed all month' })
      .option('kinesis-records', { type: 'string', describe: 'records PUT into the stream per month' })
      .option('kinesis-record-size', {
        type: 'string',
        describe: 'bytes per record (25KB PUT units; default 1KB)',
      })
      .option('kinesis-extended-retention', {
        type: 'boolean',
        describe: 'retention over 24 h (up to 7 days)',
      })
      .option('kinesis-efo-consumers', {
        type: 'string',
        describe: 'enhanced fan-out consumers, each reading every record (default 0)',
      })
      .option('sns-publishes', {
        type: 'string',
        describe: 'SNS publishes per month (delivered to the function)',
      })
      .option('sns-message-size', {
        type: 'string',
        describe: 'bytes per SNS message (64KB chunks; default 1KB)',
      })
      .option('eventbridge-events', { type: 'string', describe: 'EventBridge custom events per month' })
      .option('scheduler-invocations', {
        type: 'string',
        describe: 'EventBridge Scheduler invocations per month',
      })
      .option('s3-puts', { type: 'string', describe: 'S3 PUT/COPY/POST/LIST requests per month' })
      .option('s3-gets', { type: 'string', describe: 'S3 GET/SELECT requests per month' })
      .option('savings-plan', {
        type: 'string',
        describe: 'Compute Savings Plan discount on Lambda compute (AWS: up to 17%)',
      })
      .option('savings-plan-commitment', {
        type: 'string',
        describe: 'its commitment, USD per hour (default: sized to the usage)',
      })
      .option('json', { type: 'boolean', describe: 'print the bill as JSON ({ totalUsd, lines })' })
      .option('list-prices', {
        type: 'boolean',
        describe: 'print the price table (ids, units, sources) and exit',
      })
      .example(
        '$0 cost --requests 3M --duration 120ms --memory 1536 --free-tier',
        "AWS's mobile-backend example: $2.73",
      )
      .example(
        '$0 cost --requests 2M --duration 280ms --memory 4096 --provisioned 7 --provisioned-time 24h',
        'PC: $32.26',
      ),
  handler: (args) => {
    process.stdout.write(runCost(args));
  },
};
