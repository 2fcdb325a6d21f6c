/**
 * A Lambda function's properties (AWS::Lambda::Function; AWS::Serverless::Function uses the same
 * names; the Serverless Framework reader translates to them) -> the written function.
 *
 * Contract: every setting the template writes survives literally (MemorySize stays a bare number of
 * MB, Timeout bare seconds); an absent MemorySize or Timeout is written as AWS's default (128 MB, 3 s,
 * CloudFormation AWS::Lambda::Function reference) or the framework's, with a comment saying so.
 * A deprecated or unknown runtime is replaced by the nearest lamsim knows, with a warning and a
 * comment; a container image's language comes from its tag or URI when they name one, else it is
 * an assumption. Properties that do not change the simulation are listed, never silently dropped.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import { DURABLE_PROPERTY, noteDurableFunction } from './durableFunctions.ts';
import { stringOf } from './intrinsics.ts';
import { CAPACITY_PROVIDER_PROPERTY, noteManagedInstances } from './managedInstances.ts';
import { messagingResource } from './messagingRefs.ts';
import type { PropertyReader } from './propertyReader.ts';
import { chooseRuntime, runtimeInImage } from './runtimeMapping.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';
import { type Resolved, Unknown } from './values.ts';

export interface FunctionDefaults {
  readonly memorySizeMb: number;
  readonly timeoutS: number;
  /** Who sets them, for the comment: 'AWS' or 'the Serverless Framework'. */
  readonly by: string;
}

export const AWS_FUNCTION_DEFAULTS: FunctionDefaults = { memorySizeMb: 128, timeoutS: 3, by: 'AWS' };

/** Properties read here or by the readers of events and async settings. */
const HANDLED = new Set([
  'Runtime',
  'MemorySize',
  'Timeout',
  'Architectures',
  'EphemeralStorage',
  'PackageType',
  'ReservedConcurrentExecutions',
  'VpcConfig',
  'SnapStart',
  'DeadLetterConfig',
  'DeadLetterQueue',
  'EventInvokeConfig',
  'Events',
  'ProvisionedConcurrencyConfig',
  'AutoPublishAlias',
  'FunctionUrlConfig',
  'ImageUri',
  'Code',
  'ImageConfig',
  CAPACITY_PROVIDER_PROPERTY,
  DURABLE_PROPERTY,
]);

export interface FunctionInput {
  readonly template: CfnTemplate | undefined;
  readonly builder: StackBuilder;
  readonly fn: ImportedFunction;
  readonly props: PropertyReader;
  readonly defaults: FunctionDefaults;
  /** Text that may name the image's runtime (SAM Metadata.DockerTag, ImageUri). */
  readonly imageHint?: string;
}

export function mapFunctionProperties(input: FunctionInput): void {
  const { props: p, fn, builder: b } = input;
  const w = fn.written;
  const set = (key: string, value: unknown, from: string | undefined, comment?: string) => {
    w[key] = value;
    fn.origins.set(key, p.where(from));
    if (comment) fn.comments.set(key, comment);
  };

  const image = p.string('PackageType')?.toLowerCase() === 'image';
  const declared = p.string('Runtime');
  const hint =
    image && declared === undefined
      ? runtimeInImage(input.imageHint ?? stringOf(p.raw('ImageUri') ?? ''))
      : undefined;
  const runtimeText = declared ?? hint;
  if (runtimeText === undefined) {
    set(
      'runtime',
      'nodejs22.x',
      image ? 'PackageType' : undefined,
      image
        ? "assumption: the image's language is not in the template; set the runtime of the code in the image"
        : 'assumption: the template names no runtime; replace',
    );
  } else {
    const choice = chooseRuntime(runtimeText);
    const comment =
      choice.reason ?? (hint ? `read from the image tag ${input.imageHint ?? ''}`.trim() : undefined);
    set('runtime', choice.runtime, declared !== undefined ? 'Runtime' : 'PackageType', comment);
    if (choice.runtimeProfile) set('runtimeProfile', choice.runtimeProfile, 'Runtime');
    if (choice.reason) b.warning(p.where('Runtime'), p.pathOf('Runtime'), choice.reason);
  }

  const arch = p.list('Architectures')?.map((a) => stringOf(a));
  if (arch && arch.length > 0) set('architecture', arch[0], 'Architectures');

  const memory = p.number('MemorySize');
  if (memory !== undefined) set('memorySize', memory, 'MemorySize');
  else
    set(
      'memorySize',
      input.defaults.memorySizeMb,
      undefined,
      `${input.defaults.by}'s default (MemorySize not set)`,
    );
  const timeout = p.number('Timeout');
  if (timeout !== undefined) set('timeout', timeout, 'Timeout');
  else set('timeout', input.defaults.timeoutS, undefined, `${input.defaults.by}'s default (Timeout not set)`);

  const storage = p.child('EphemeralStorage')?.number('Size');
  if (storage !== undefined) set('ephemeralStorageSize', storage, 'EphemeralStorage');
  if (image) set('packageType', 'image', 'PackageType');
  const reserved = p.number('ReservedConcurrentExecutions');
  if (reserved !== undefined) set('reservedConcurrency', reserved, 'ReservedConcurrentExecutions');

  const vpc = p.child('VpcConfig');
  if (vpc) {
    const subnets = idList(vpc.raw('SubnetIds'), 'subnet');
    const groups = idList(vpc.raw('SecurityGroupIds'), 'security-group');
    if (subnets.ids.length > 0) {
      set('vpc', { subnetIds: subnets.ids, securityGroupIds: groups.ids }, 'VpcConfig');
      const unknown = [subnets.unknown, groups.unknown].filter((u): u is string => u !== undefined);
      if (unknown.length > 0) fn.comments.set('vpc', `placeholder ids: ${unknown.join('; ')}`);
    }
  }

  if (p.child('SnapStart')?.string('ApplyOn') === 'PublishedVersions') set('snapStart', true, 'SnapStart');

  const dlqTarget =
    p.child('DeadLetterConfig')?.raw('TargetArn') ?? p.child('DeadLetterQueue')?.raw('TargetArn');
  if (dlqTarget !== undefined) {
    const samType = p.child('DeadLetterQueue')?.string('Type');
    const isTopic =
      samType === 'SNS' || (typeof dlqTarget === 'string' && dlqTarget.startsWith('arn:aws:sns'));
    const where = p.where(p.has('DeadLetterConfig') ? 'DeadLetterConfig' : 'DeadLetterQueue');
    const name = messagingResource(
      input.template,
      b,
      dlqTarget,
      isTopic ? 'sns-topic' : 'sqs-queue',
      where,
      `${fn.name}-dlq`,
    );
    w.deadLetterQueue = name;
    fn.origins.set('deadLetterQueue', where);
  }

  noteManagedInstances(p, fn, b);
  noteDurableFunction(p, fn, b);

  for (const key of Object.keys(p.values)) if (!HANDLED.has(key) && p.has(key)) fn.ignored.push(key);
}

/** Subnet or security group ids; values only known at deploy time become named placeholders. */
function idList(value: Resolved | undefined, what: string): { ids: string[]; unknown?: string } {
  if (value === undefined) return { ids: [] };
  if (value instanceof Unknown) {
    const name = value.parameter ?? `${what}-unknown`;
    return { ids: [name], unknown: `${name} (${value.reason})` };
  }
  const list: Resolved[] = Array.isArray(value) ? value : [value];
  let unknown: string | undefined;
  const ids = list.map((v, i) => {
    if (v instanceof Unknown) {
      unknown ??= `${what} ${i + 1}: ${v.reason}`;
      return v.parameter ?? `${what}-${i + 1}`;
    }
    return stringOf(v);
  });
  return { ids: ids.filter((s) => s !== ''), unknown };
}
