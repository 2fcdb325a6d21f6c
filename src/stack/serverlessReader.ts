/**
 * A Serverless Framework `serverless.yml` -> the builder (Serverless Framework docs: "serverless.yml
 * reference", "Functions", "Events").
 *
 * Functions are keyed by their function key. Their settings fall back to `provider` and then to the
 * framework's defaults (memorySize 1024 MB, timeout 6 s: serverless.yml reference, provider.memorySize
 * and provider.timeout). `resources.Resources` is CloudFormation and is read as such; its
 * references to a function's generated logical ID (`HelloLambdaFunction` for `hello`) lead to the
 * function. Each setting is translated to its CloudFormation name and read by the shared mappers,
 * with positions pointing at the serverless.yml line that set it.
 */
import type { Path, Source } from '../scenario/index.ts';
import { readCfnTemplate } from './cfnReader.ts';
import { CfnTemplate } from './cfnTemplate.ts';
import { type FunctionDefaults, mapFunctionProperties } from './functionProperties.ts';
import { mapInvokeConfig } from './invokeConfig.ts';
import { PropertyReader } from './propertyReader.ts';
import { readServerlessEvent } from './serverlessEvents.ts';
import { type FileReader, resolveServerlessVariables } from './slsVariables.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import { readServerlessStateMachines } from './stateMachines.ts';
import { syncTrigger } from './triggers.ts';
import { isRecord, type Resolved } from './values.ts';

export const SERVERLESS_DEFAULTS: FunctionDefaults = {
  memorySizeMb: 1024,
  timeoutS: 6,
  by: 'the Serverless Framework',
};

/** Serverless's logical ID for a function key (its naming: first letter upper case, '-' -> Dash, '_' -> Underscore). */
export function serverlessLogicalId(key: string): string {
  const normalized = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

export function readServerless(
  source: Source,
  written: Record<string, unknown>,
  b: StackBuilder,
  parameters: ReadonlyMap<string, string>,
  usedParameters: Set<string>,
  /** What the CloudFormation templates imported with it export, for Fn::ImportValue. */
  exports?: ReadonlyMap<string, Resolved>,
  /** Files `${file(...)}` names, relative to this serverless.yml. */
  readFile?: FileReader,
): void {
  // stage and region name the deployment even where no variable reads them.
  for (const name of ['stage', 'region']) if (parameters.has(name)) usedParameters.add(name);
  const resolved = resolveServerlessVariables(written, parameters, readFile, usedParameters);
  const data = (isRecord(resolved) ? resolved : {}) as Record<string, unknown>;
  const provider = isRecord(data.provider) ? data.provider : {};
  const resources = isRecord(data.resources) ? data.resources : {};
  const t = new CfnTemplate(source, resources, b, {
    parameters,
    usedParameters,
    base: ['resources'],
    stackName: typeof data.service === 'string' ? data.service : 'service',
    exports,
  });
  const functions = isRecord(data.functions) ? data.functions : {};
  const service =
    typeof data.service === 'string' ? data.service : isRecord(data.service) ? data.service.name : undefined;
  const stage = parameters.get('stage') ?? (typeof provider.stage === 'string' ? provider.stage : 'dev');
  const deployedName = (key: string, config: unknown): string | undefined =>
    isRecord(config) && typeof config.name === 'string'
      ? config.name
      : typeof service === 'string'
        ? `${service}-${stage}-${key}`
        : undefined;
  for (const [key, config] of Object.entries(functions)) {
    t.functionAliases.set(key, key);
    t.functionAliases.set(serverlessLogicalId(key), key);
    // An ARN written by hand names the deployed function (a state machine's Task Resource).
    const deployed = deployedName(key, config);
    if (deployed !== undefined) t.functionAliases.set(deployed, key);
  }
  if (typeof provider.region === 'string' && provider.region !== 'us-east-1' && b.region === undefined) {
    b.region = provider.region;
    b.regionWhere = t.where(['provider', 'region']);
  }
  readCfnTemplate(t, b, { skipFunctions: true });
  for (const [key, config] of Object.entries(functions)) {
    if (!isRecord(config)) {
      b.error(
        t.where(['functions', key]),
        ['functions', key],
        'expected a function mapping (handler, events, ...)',
      );
      continue;
    }
    const fn = readFunction(t, b, key, config, provider);
    fn.generatedByCloudFormation = false;
    // Deployed as `name`, else `<service>-<stage>-<key>` (serverless.yml reference, functions.<name>.name).
    const deployed = deployedName(key, config);
    if (deployed !== undefined) fn.deployedName = deployed;
  }
  readServerlessStateMachines(t, b, data.stepFunctions);
}

function readFunction(
  t: CfnTemplate,
  b: StackBuilder,
  key: string,
  config: Record<string, unknown>,
  provider: Record<string, unknown>,
): ImportedFunction {
  const base: Path = ['functions', key];
  const origin = new Map<string, Path>();
  const pick = (own: string, fromProvider = true): unknown => {
    if (config[own] !== undefined) {
      origin.set(own, [...base, own]);
      return config[own];
    }
    if (fromProvider && provider[own] !== undefined) {
      origin.set(own, ['provider', own]);
      return provider[own];
    }
    return undefined;
  };
  const cfn: Record<string, unknown> = {};
  const at = new Map<string, string>(); // CloudFormation key -> serverless key
  const put = (cfnKey: string, value: unknown, slsKey: string) => {
    if (value === undefined) return;
    cfn[cfnKey] = value;
    at.set(cfnKey, slsKey);
  };
  put('MemorySize', pick('memorySize'), 'memorySize');
  put('Timeout', pick('timeout'), 'timeout');
  const arch = pick('architecture');
  put('Architectures', arch === undefined ? undefined : [arch], 'architecture');
  const storage = pick('ephemeralStorageSize');
  put('EphemeralStorage', storage === undefined ? undefined : { Size: storage }, 'ephemeralStorageSize');
  const image = pick('image', false);
  if (image !== undefined) put('PackageType', 'Image', 'image');
  else put('Runtime', pick('runtime'), 'runtime'); // an image brings its own runtime
  put('ReservedConcurrentExecutions', pick('reservedConcurrency', false), 'reservedConcurrency');
  const vpc = pick('vpc');
  if (isRecord(vpc))
    put('VpcConfig', { SubnetIds: vpc.subnetIds, SecurityGroupIds: vpc.securityGroupIds }, 'vpc');
  if (pick('snapStart', false) === true) put('SnapStart', { ApplyOn: 'PublishedVersions' }, 'snapStart');
  const onError = pick('onError', false);
  if (onError !== undefined) put('DeadLetterConfig', { TargetArn: onError }, 'onError');
  for (const k of Object.keys(config)) {
    if (!KNOWN_KEYS.has(k)) cfn[k] = config[k];
  }

  const position = (path: Path): ReturnType<CfnTemplate['where']> => {
    const cfnKey = path[base.length];
    const sls = typeof cfnKey === 'string' ? at.get(cfnKey) : undefined;
    const from = sls === undefined ? undefined : origin.get(sls);
    return t.where(from ?? (typeof cfnKey === 'string' && cfnKey in config ? [...base, cfnKey] : base));
  };
  const rename = (path: Path): Path => {
    const cfnKey = path[base.length];
    const sls = typeof cfnKey === 'string' ? at.get(cfnKey) : undefined;
    const from = sls === undefined ? undefined : origin.get(sls);
    return from ? [...from, ...path.slice(base.length + 1)] : path;
  };
  const values = t.resolver.resolve(cfn) as Record<string, Resolved>;
  const p = new PropertyReader(b, base, values, position, rename);
  const fn = b.addFunction(key, t.where(base));
  const imageText =
    typeof image === 'string' ? image : isRecord(image) ? String(image.uri ?? image.name ?? '') : '';
  mapFunctionProperties({
    template: t,
    builder: b,
    fn,
    props: p,
    defaults: SERVERLESS_DEFAULTS,
    imageHint: imageText,
  });

  const pc = pick('provisionedConcurrency', false);
  if (typeof pc === 'number') {
    fn.written.provisionedConcurrency = pc;
    fn.origins.set('provisionedConcurrency', t.where([...base, 'provisionedConcurrency']));
  }
  asyncSettings(t, b, fn, config, base);
  if (config.url !== undefined && config.url !== false)
    syncTrigger(b, fn, 'function-url', 'url', t.where([...base, 'url']));
  const events = Array.isArray(config.events) ? config.events : [];
  events.forEach((event, i) => {
    const resolvedEvent = t.resolver.resolve(event);
    readServerlessEvent(t, b, fn, resolvedEvent, [...base, 'events', i], provider);
  });
  return fn;
}

/** maximumRetryAttempts, maximumEventAge (seconds) and destinations, in EventInvokeConfig's names. */
function asyncSettings(
  t: CfnTemplate,
  b: StackBuilder,
  fn: ImportedFunction,
  config: Record<string, unknown>,
  base: Path,
): void {
  const invoke: Record<string, unknown> = {};
  const map = new Map<string, string>();
  if (config.maximumRetryAttempts !== undefined) {
    invoke.MaximumRetryAttempts = config.maximumRetryAttempts;
    map.set('MaximumRetryAttempts', 'maximumRetryAttempts');
  }
  if (config.maximumEventAge !== undefined) {
    invoke.MaximumEventAgeInSeconds = config.maximumEventAge;
    map.set('MaximumEventAgeInSeconds', 'maximumEventAge');
  }
  const d = config.destinations;
  if (isRecord(d)) {
    const dest: Record<string, unknown> = {};
    for (const [k, c] of [
      ['onSuccess', 'OnSuccess'],
      ['onFailure', 'OnFailure'],
    ] as const) {
      const target = isRecord(d[k]) ? (d[k] as Record<string, unknown>).arn : d[k];
      if (target !== undefined) dest[c] = { Destination: target };
    }
    invoke.DestinationConfig = dest;
    map.set('DestinationConfig', 'destinations');
  }
  if (Object.keys(invoke).length === 0) return;
  const values = t.resolver.resolve(invoke) as Record<string, Resolved>;
  const p = new PropertyReader(b, base, values, (path) => {
    const k = path[base.length];
    const sls = typeof k === 'string' ? map.get(k) : undefined;
    return t.where(sls === undefined ? base : [...base, sls]);
  });
  mapInvokeConfig(t, b, fn, p);
}

/** Function keys read above, or with nothing to simulate (not listed as ignored). */
const KNOWN_KEYS = new Set([
  'runtime',
  'memorySize',
  'timeout',
  'architecture',
  'ephemeralStorageSize',
  'image',
  'reservedConcurrency',
  'provisionedConcurrency',
  'vpc',
  'snapStart',
  'onError',
  'events',
  'url',
  'maximumRetryAttempts',
  'maximumEventAge',
  'destinations',
]);
