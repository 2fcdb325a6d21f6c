/**
 * `lamsim cost`'s flags -> a CostCalculatorInput: counts (`3M`, `500k`), shares (`25%`) and the
 * scenario's quantity syntax, every problem collected with the flag that caused it.
 */
import {
  type CostCalculatorInput,
  calculatorIssues,
  DATABASE_ENGINES,
  type DatabaseEngine,
  err,
  exactDecimal,
  excerpt,
  KNOWN_RUNTIMES,
  ok,
  parseDuration,
  parseFraction,
  parseSize,
  parseSizeOrMb,
  type Result,
} from '../index.ts';

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
  readonly rdsInstance?: string;
  readonly rdsEngine?: string;
  readonly rdsInstances?: string;
  readonly kinesisShards?: string;
  readonly kinesisRecords?: string;
  readonly kinesisRecordSize?: string;
  readonly kinesisExtendedRetention?: boolean;
  readonly kinesisEfoConsumers?: string;
  readonly snsPublishes?: string;
  readonly snsMessageSize?: string;
  readonly eventbridgeEvents?: string;
  readonly schedulerInvocations?: string;
  readonly s3Puts?: string;
  readonly s3Gets?: string;
  readonly savingsPlan?: string;
  readonly savingsPlanCommitment?: string;
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
  'database.instanceClass': '--rds-instance',
  'database.instances': '--rds-instances',
  'kinesis.shards': '--kinesis-shards',
  'kinesis.enhancedFanOutConsumers': '--kinesis-efo-consumers',
  'savingsPlan.discount': '--savings-plan',
  'savingsPlan.commitmentUsdPerHour': '--savings-plan-commitment',
};

const flagOf = (field: string): string =>
  FLAG_OF_FIELD[field] ?? (field.startsWith('prices.') ? `--price ${field.slice('prices.'.length)}` : field);

/** Flags that take a value once (yargs gives an array for a repeated flag) or are switches. */
const REPEATABLE = new Set(['price', '_', '$0']);
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Shape problems yargs lets through: a flag given twice (an array), a switch given a value
 * (`--free-tier=maybe`). Reported per flag, before any parsing.
 */
function shapeProblems(args: CostArgs, switches: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (key.includes('-') || REPEATABLE.has(key) || value === undefined) continue;
    const flag = `--${kebab(key)}`;
    if (Array.isArray(value))
      problems.push(`lamsim cost: ${flag}: given ${value.length} times; give it once`);
    else if (switches.has(key) && typeof value !== 'boolean')
      problems.push(
        `lamsim cost: ${flag}: a switch: write ${flag} or --no-${kebab(key)}, got '${excerpt(String(value))}'`,
      );
  }
  return problems;
}

const SWITCHES = new Set([
  'freeTier',
  'edge',
  'initBilled',
  'alb',
  'sqsFifo',
  'kinesisExtendedRetention',
  'json',
  'listPrices',
]);

/**
 * Flags that only qualify another (its keys in CostArgs): without one of the flags they need they
 * would change nothing on the bill, so they are refused rather than ignored.
 */
const QUALIFIERS: readonly (readonly [keyof CostArgs, readonly (keyof CostArgs)[]])[] = [
  ['provisionedTime', ['provisioned']],
  ['provisionedRequests', ['provisioned']],
  ['provisionedDuration', ['provisioned']],
  ['init', ['coldStarts']],
  ['runtime', ['coldStarts']],
  ['packageType', ['coldStarts']],
  ['initBilled', ['coldStarts']],
  ['streamRequests', ['streamSize']],
  ['requestSize', ['apiGateway', 'alb']],
  ['sqsFifo', ['sqsRequests']],
  ['sqsMessageSize', ['sqsRequests']],
  ['natData', ['natAzs']],
  ['vpcEndpointAzs', ['vpcEndpoints']],
  ['vpcEndpointData', ['vpcEndpoints']],
  ['secretCalls', ['secrets']],
  ['rdsEngine', ['rdsInstance']],
  ['rdsInstances', ['rdsInstance']],
  ['kinesisRecords', ['kinesisShards']],
  ['kinesisRecordSize', ['kinesisShards']],
  ['kinesisExtendedRetention', ['kinesisShards']],
  ['snsMessageSize', ['snsPublishes']],
  ['savingsPlanCommitment', ['savingsPlan']],
];

/** One line per qualifier given without any flag it qualifies. */
function qualifierProblems(args: CostArgs): string[] {
  const problems: string[] = [];
  for (const [key, needs] of QUALIFIERS) {
    if (args[key] === undefined || needs.some((n) => args[n] !== undefined)) continue;
    const wanted = needs.map((n) => `--${kebab(n)}`).join(' or ');
    problems.push(`lamsim cost: --${kebab(key)}: needs ${wanted} (alone it changes nothing on the bill)`);
  }
  return problems;
}

/** Turns the flags into a calculator input, or every problem found (one line each). */
export function costInput(args: CostArgs): Result<CostCalculatorInput, string[]> {
  const shape = shapeProblems(args, SWITCHES);
  if (shape.length > 0) return err(shape);
  const problems: string[] = qualifierProblems(args);
  const failed = new Set<string>();
  if (args.runtime !== undefined && !(KNOWN_RUNTIMES as readonly string[]).includes(args.runtime)) {
    problems.push(
      `lamsim cost: --runtime: unknown runtime '${excerpt(args.runtime)}'; use a Lambda runtime id such as nodejs22.x, python3.12 or java21`,
    );
    failed.add('--runtime');
  }
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
  const rdsEngine = (DATABASE_ENGINES as readonly string[]).includes(args.rdsEngine ?? 'rds-postgres')
    ? ((args.rdsEngine ?? 'rds-postgres') as DatabaseEngine)
    : 'rds-postgres';
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
    database:
      args.rdsInstance === undefined
        ? undefined
        : {
            engine: rdsEngine,
            instanceClass: args.rdsInstance,
            instances: count('--rds-instances', args.rdsInstances),
          },
    kinesis:
      args.kinesisShards === undefined
        ? undefined
        : {
            shards: count('--kinesis-shards', args.kinesisShards) ?? 1,
            records: count('--kinesis-records', args.kinesisRecords),
            recordBytes: size('--kinesis-record-size', args.kinesisRecordSize),
            extendedRetention: args.kinesisExtendedRetention ?? false,
            enhancedFanOutConsumers: count('--kinesis-efo-consumers', args.kinesisEfoConsumers),
          },
    sns:
      args.snsPublishes === undefined
        ? undefined
        : {
            publishes: count('--sns-publishes', args.snsPublishes) ?? 0,
            bytesPerMessage: size('--sns-message-size', args.snsMessageSize),
          },
    eventBridge:
      args.eventbridgeEvents === undefined && args.schedulerInvocations === undefined
        ? undefined
        : {
            customEvents: count('--eventbridge-events', args.eventbridgeEvents),
            schedulerInvocations: count('--scheduler-invocations', args.schedulerInvocations),
          },
    s3:
      args.s3Puts === undefined && args.s3Gets === undefined
        ? undefined
        : { putRequests: count('--s3-puts', args.s3Puts), getRequests: count('--s3-gets', args.s3Gets) },
    savingsPlan:
      args.savingsPlan === undefined
        ? undefined
        : {
            discount: read('--savings-plan', args.savingsPlan, parseFraction) ?? 0,
            commitmentUsdPerHour:
              args.savingsPlanCommitment === undefined
                ? null
                : (read('--savings-plan-commitment', args.savingsPlanCommitment, parsePositive) ?? null),
          },
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

export function priceFlags(pairs: readonly string[] | undefined, problems: string[]): Record<string, number> {
  // No prototype: `--price __proto__=1` is an unknown id like any other, not a prototype change.
  const prices: Record<string, number> = Object.create(null);
  for (const pair of pairs ?? []) {
    const m = /^([^=]+)=(\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(String(pair));
    if (!m)
      problems.push(
        `lamsim cost: --price ${excerpt(String(pair))}: write ID=USD, e.g. --price lambda.duration.x86_64.tier1=0.00001667`,
      );
    else if (m[1] in prices)
      problems.push(`lamsim cost: --price ${excerpt(m[1])}: given twice; give each id once`);
    else prices[m[1]] = Number(m[2]);
  }
  return prices;
}

function parsePositive(text: string): Result<number, string> {
  return /^(\d+(?:\.\d+)?|\.\d+)$/.test(text) && Number(text) > 0
    ? ok(Number(text))
    : err(`'${text}' is not a number > 0`);
}
