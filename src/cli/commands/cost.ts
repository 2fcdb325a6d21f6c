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
import {
  type CostCalculatorInput,
  calculateCost,
  calculatorIssues,
  formatUsd,
  priceList,
  renderCostTable,
  renderPriceList,
} from '../../billing/index.ts';
import type { Result } from '../../result.ts';
import { err, ok } from '../../result.ts';
import {
  exactDecimal,
  parseDuration,
  parseFraction,
  parseSize,
  parseSizeOrMb,
} from '../../scenario/quantities.ts';
import { UserInputError } from '../errors.ts';

const MIB = 1024 * 1024;
const HOUR_MS = 3_600_000;

const COUNT_SUFFIXES: Readonly<Record<string, number>> = { '': 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9 };

/** `3M`, `3000000`, `3_000_000`, `1.5B`, `500k` -> a whole count. */
export function parseCount(text: string): Result<number, string> {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([kKMBG]?)$/.exec(text.replaceAll('_', ''));
  if (!m) return err(`'${text}' is not a count: write e.g. 3000000, 3M, 500k or 1.5B`);
  const value = exactDecimal(m[1], COUNT_SUFFIXES[m[2]]);
  if (!Number.isSafeInteger(value)) return err(`'${text}' is not a whole count`);
  return ok(value);
}

/** A count, or a share of `of` written as a percentage (`25%`). */
function parseCountOrShare(text: string): Result<{ count?: number; share?: number }, string> {
  if (text.endsWith('%')) {
    const share = parseFraction(text);
    return share.ok ? ok({ share: share.value }) : share;
  }
  const count = parseCount(text);
  return count.ok ? ok({ count: count.value }) : err(`${count.error}, or a percentage such as 25%`);
}

export interface CostArgs {
  readonly requests?: string;
  readonly duration?: string;
  readonly memory?: string;
  readonly architecture?: string;
  readonly ephemeralStorage?: string;
  readonly freeTier?: boolean;
  readonly granularity?: string;
  readonly region?: string;
  readonly price?: readonly string[];
  readonly edge?: boolean;
  readonly provisioned?: string;
  readonly provisionedTime?: string;
  readonly provisionedRequests?: string;
  readonly provisionedDuration?: string;
  readonly coldStarts?: string;
  readonly init?: string;
  readonly runtime?: string;
  readonly packageType?: string;
  readonly initBilled?: boolean;
  readonly snapstartRestores?: string;
  readonly snapstartTime?: string;
  readonly snapstartVersions?: string;
  readonly streamSize?: string;
  readonly streamRequests?: string;
  readonly apiGateway?: string;
  readonly requestSize?: string;
  readonly alb?: boolean;
  readonly sqsRequests?: string;
  readonly sqsFifo?: boolean;
  readonly sqsMessageSize?: string;
  readonly natAzs?: string;
  readonly natData?: string;
  readonly vpcEndpoints?: string;
  readonly vpcEndpointAzs?: string;
  readonly vpcEndpointData?: string;
  readonly rdsProxyVcpus?: string;
  readonly rdsProxyAcus?: string;
  readonly secrets?: string;
  readonly secretCalls?: string;
  readonly logSize?: string;
  readonly transferOut?: string;
  readonly json?: boolean;
  readonly listPrices?: boolean;
}

/** Which flag each calculator field comes from, for error messages. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  requests: '--requests',
  durationMs: '--duration',
  memoryMb: '--memory',
  ephemeralStorageMb: '--ephemeral-storage',
  region: '--region',
  provisioned: '--provisioned',
  'provisioned.concurrency': '--provisioned',
  'provisioned.hours': '--provisioned-time',
  'provisioned.requests': '--provisioned-requests',
  'provisioned.requestShare': '--provisioned-requests',
  'provisioned.durationMs': '--provisioned-duration',
  'coldStarts.share': '--cold-starts',
  'coldStarts.initMs': '--init',
  'snapStart.restores': '--snapstart-restores',
  'snapStart.restoreShare': '--snapstart-restores',
  'snapStart.versions': '--snapstart-versions',
  'snapStart.hours': '--snapstart-time',
  'responseStreaming.requests': '--stream-requests',
  'responseStreaming.bytesPerResponse': '--stream-size',
  'sqs.requests': '--sqs-requests',
  'natGateway.azs': '--nat-azs',
  'vpcEndpoints.endpoints': '--vpc-endpoints',
  'vpcEndpoints.azs': '--vpc-endpoint-azs',
  'rdsProxy.capacity': '--rds-proxy-vcpus/--rds-proxy-acus',
  'secretsManager.secrets': '--secrets',
  'secretsManager.apiCalls': '--secret-calls',
};

const flagOf = (field: string): string =>
  FLAG_OF_FIELD[field] ?? (field.startsWith('prices.') ? `--price ${field.slice('prices.'.length)}` : field);

/** Turns the flags into a calculator input, or every problem found (one line each). */
export function costInput(args: CostArgs): Result<CostCalculatorInput, string[]> {
  const problems: string[] = [];
  const failed = new Set<string>();
  const read = <T>(
    flag: string,
    text: string | undefined,
    parse: (t: string) => Result<T, string>,
  ): T | undefined => {
    if (text === undefined) return undefined;
    const r = parse(text);
    if (!r.ok) {
      problems.push(`lamsim cost: ${flag}: ${r.error}`);
      failed.add(flag);
    }
    return r.ok ? r.value : undefined;
  };
  const count = (flag: string, text: string | undefined) => read(flag, text, parseCount);
  const duration = (flag: string, text: string | undefined) => read(flag, text, parseDuration);
  const size = (flag: string, text: string | undefined) => read(flag, text, parseSize);
  const sizeOrMb = (flag: string, text: string | undefined) =>
    read(flag, text, (t) =>
      /^(\d+(?:\.\d+)?|\.\d+)$/.test(t) ? ok(exactDecimal(t, MIB)) : parseSizeOrMb(t),
    );
  const hours = (flag: string, text: string | undefined) => {
    const ms = duration(flag, text);
    return ms === undefined ? undefined : ms / HOUR_MS;
  };

  for (const flag of ['requests', 'duration', 'memory'] as const) {
    if (args[flag] === undefined) {
      problems.push(`lamsim cost: --${flag} is required (e.g. --requests 3M --duration 120ms --memory 1536)`);
      failed.add(`--${flag}`);
    }
  }
  const requests = count('--requests', args.requests) ?? 0;
  const durationMs = duration('--duration', args.duration) ?? 0;
  const memoryBytes = sizeOrMb('--memory', args.memory);
  const storageBytes = sizeOrMb('--ephemeral-storage', args.ephemeralStorage);

  const prices = priceFlags(args.price, problems);

  let granularityMs: 1 | 100 | undefined;
  if (args.granularity !== undefined) {
    const g = duration('--granularity', args.granularity);
    if (g === 1 || g === 100) granularityMs = g;
    else if (g !== undefined)
      problems.push(`lamsim cost: --granularity: must be 1ms or 100ms, got ${args.granularity}`);
  }

  const pcShare = read('--provisioned-requests', args.provisionedRequests, parseCountOrShare);
  const snapRestores = read('--snapstart-restores', args.snapstartRestores, parseCountOrShare);
  const streamRequests = count('--stream-requests', args.streamRequests);
  const requestSize = size('--request-size', args.requestSize);
  const architecture = args.architecture === 'arm64' ? 'arm64' : 'x86_64';
  const packageType = args.packageType === 'image' ? 'image' : 'zip';
  const apiGatewayType =
    args.apiGateway === 'rest' || args.apiGateway === 'http' ? args.apiGateway : undefined;

  const input: CostCalculatorInput = {
    region: args.region,
    requests,
    durationMs,
    memoryMb: memoryBytes === undefined ? 128 : memoryBytes / MIB,
    architecture,
    ephemeralStorageMb: storageBytes === undefined ? undefined : storageBytes / MIB,
    freeTier: args.freeTier ?? false,
    granularityMs,
    prices,
    edge: args.edge ?? false,
    provisioned:
      args.provisioned === undefined
        ? undefined
        : {
            concurrency: count('--provisioned', args.provisioned) ?? 0,
            hours: hours('--provisioned-time', args.provisionedTime),
            requests: pcShare?.count,
            requestShare: pcShare?.share,
            durationMs: duration('--provisioned-duration', args.provisionedDuration),
          },
    coldStarts:
      args.coldStarts === undefined
        ? undefined
        : {
            share: read('--cold-starts', args.coldStarts, parseFraction) ?? 0,
            initMs: duration('--init', args.init ?? '0ms') ?? 0,
            runtime: args.runtime,
            packageType,
            initBilled: args.initBilled ?? true,
          },
    snapStart:
      snapRestores === undefined && args.snapstartTime === undefined && args.snapstartVersions === undefined
        ? undefined
        : {
            restores: snapRestores?.count,
            restoreShare: snapRestores?.share,
            versions: count('--snapstart-versions', args.snapstartVersions),
            hours: hours('--snapstart-time', args.snapstartTime),
          },
    responseStreaming:
      args.streamSize === undefined
        ? undefined
        : { requests: streamRequests, bytesPerResponse: size('--stream-size', args.streamSize) ?? 0 },
    apiGateway: apiGatewayType && { type: apiGatewayType, bytesPerRequest: requestSize },
    alb: args.alb
      ? { processedBytes: requestSize === undefined ? undefined : requestSize * requests }
      : undefined,
    sqs:
      args.sqsRequests === undefined
        ? undefined
        : {
            requests: count('--sqs-requests', args.sqsRequests) ?? 0,
            fifo: args.sqsFifo ?? false,
            bytesPerRequest: size('--sqs-message-size', args.sqsMessageSize),
          },
    natGateway:
      args.natAzs === undefined
        ? undefined
        : { azs: count('--nat-azs', args.natAzs) ?? 1, bytesPerRequest: size('--nat-data', args.natData) },
    vpcEndpoints:
      args.vpcEndpoints === undefined
        ? undefined
        : {
            endpoints: count('--vpc-endpoints', args.vpcEndpoints) ?? 0,
            azs: count('--vpc-endpoint-azs', args.vpcEndpointAzs ?? '2') ?? 2,
            bytesPerRequest: size('--vpc-endpoint-data', args.vpcEndpointData),
          },
    rdsProxy:
      args.rdsProxyVcpus !== undefined
        ? { target: 'instance', capacity: read('--rds-proxy-vcpus', args.rdsProxyVcpus, parsePositive) ?? 2 }
        : args.rdsProxyAcus !== undefined
          ? {
              target: 'aurora-serverless-v2',
              capacity: read('--rds-proxy-acus', args.rdsProxyAcus, parsePositive) ?? 8,
            }
          : undefined,
    secretsManager:
      args.secrets === undefined
        ? undefined
        : {
            secrets: count('--secrets', args.secrets) ?? 0,
            apiCalls: count('--secret-calls', args.secretCalls),
          },
    logBytesPerRequest: size('--log-size', args.logSize),
    dataTransferOutBytesPerRequest: size('--transfer-out', args.transferOut),
  };
  if (args.rdsProxyVcpus !== undefined && args.rdsProxyAcus !== undefined) {
    problems.push(
      'lamsim cost: --rds-proxy-vcpus and --rds-proxy-acus: give one (instance target or Aurora Serverless v2)',
    );
  }
  // Range checks of the values that parsed; a flag that failed to parse is reported once.
  for (const issue of calculatorIssues(input)) {
    const flag = flagOf(issue.field);
    if (!failed.has(flag)) problems.push(`lamsim cost: ${flag}: ${issue.message}`);
  }
  return problems.length > 0 ? err(problems) : ok(input);
}

function priceFlags(pairs: readonly string[] | undefined, problems: string[]): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const pair of pairs ?? []) {
    const m = /^([^=]+)=(\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(pair);
    if (!m)
      problems.push(
        `lamsim cost: --price ${pair}: write ID=USD, e.g. --price lambda.duration.x86_64.tier1=0.00001667`,
      );
    else prices[m[1]] = Number(m[2]);
  }
  return prices;
}

function parsePositive(text: string): Result<number, string> {
  return /^(\d+(?:\.\d+)?|\.\d+)$/.test(text) && Number(text) > 0
    ? ok(Number(text))
    : err(`'${text}' is not a number > 0`);
}

/** What `lamsim cost` prints for the given flags. Throws UserInputError on bad flags. */
export function runCost(args: CostArgs): string {
  if (args.listPrices) {
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
  command: 'cost',
  describe: 'monthly cost of a function from averages, no simulation (like the AWS Pricing Calculator)',
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
