/**
 * One CloudFormation (or SAM) template, ready to be read: parameters and conditions evaluated,
 * resources whose `Condition` is false left out, properties resolved on demand, positions of every
 * written path, and who is who (which references name a function, through aliases and versions).
 */
import type { Path, Source } from '../scenario/index.ts';
import { expandForEach, type ForEachProblem, isForEach } from './forEach.ts';
import { Resolver } from './intrinsics.ts';
import { ACCOUNT_ID, DEFAULT_REGION, parameterValues, pseudoParameters } from './parameters.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, type Resolved, ResourceRef, Unknown } from './values.ts';

export interface TemplateResource {
  readonly id: string;
  readonly type: string;
  /** Properties as written (intrinsics unresolved). */
  readonly properties: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  /**
   * Where the resource lives in the document (['Resources', id]; in serverless.yml, deeper; for a
   * resource an Fn::ForEach writes, the loop's fragment).
   */
  readonly path: Path;
}

/** Function-like types whose `FunctionName` property leads to the function they publish. */
const FUNCTION_POINTERS = new Set(['AWS::Lambda::Alias', 'AWS::Lambda::Version']);
export const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

export interface CfnTemplateOptions {
  readonly parameters: ReadonlyMap<string, string>;
  /** Names of --parameter overrides some template declares (filled in). */
  readonly usedParameters: Set<string>;
  /** Where Resources sits in the document: [] for a template, ['resources'] for serverless.yml. */
  readonly base?: Path;
  readonly stackName: string;
  /**
   * What the templates imported together export (Outputs Export.Name -> value), for Fn::ImportValue.
   * Read when a property is resolved, so it may be filled after construction.
   */
  readonly exports?: ReadonlyMap<string, Resolved>;
}

export class CfnTemplate {
  readonly resolver: Resolver;
  readonly resources = new Map<string, TemplateResource>();
  readonly region: string;
  /** Physical names (FunctionName, QueueName, ...) -> logical ID; built at first use (`physicalNames`). */
  private physical: Map<string, string> | undefined;
  private readonly resolved = new Map<string, Record<string, Resolved>>();
  /** Extra names that mean a function (Serverless `HelloLambdaFunction` -> `hello`). */
  readonly functionAliases = new Map<string, string>();

  constructor(
    readonly source: Source,
    readonly data: Record<string, unknown>,
    builder: StackBuilder,
    options: CfnTemplateOptions,
  ) {
    const base = options.base ?? [];
    const { values, problems } = parameterValues(data.Parameters, options.parameters, options.usedParameters);
    for (const p of problems) builder.error(this.where([...base, ...p.path]), p.path, p.message);
    const regionOverride = options.parameters.get('AWS::Region');
    this.region = regionOverride ?? DEFAULT_REGION;
    if (regionOverride !== undefined) options.usedParameters.add('AWS::Region');
    const all = pseudoParameters(this.region, options.stackName);
    for (const [k, v] of values) all.set(k, v);
    const declared = isRecord(data.Resources) ? data.Resources : {};
    const resourceIds = new Set(Object.keys(declared).filter((id) => !isForEach(id)));
    this.resolver = new Resolver({
      parameters: all,
      mappings: isRecord(data.Mappings) ? data.Mappings : {},
      conditions: isRecord(data.Conditions) ? data.Conditions : {},
      resourceIds,
      region: this.region,
      textOf: (ref) => this.qualifiedArn(ref),
      imports: (name) => options.exports?.get(name),
    });
    const loops: ForEachProblem[] = [];
    const expanded = expandForEach(declared, [...base, 'Resources'], (v) => this.resolver.resolve(v), loops);
    for (const p of loops) builder.error(this.where(p.path), p.path, p.message);
    for (const r of expanded) resourceIds.add(r.id);
    for (const { id, raw, path } of expanded) {
      if (!isRecord(raw) || typeof raw.Type !== 'string') {
        builder.error(this.where(path), path, 'a resource needs a Type (e.g. AWS::Lambda::Function)');
        continue;
      }
      if (typeof raw.Condition === 'string') {
        const active = this.resolver.condition(raw.Condition);
        if (active instanceof Unknown) {
          builder.warning(
            this.where([...path, 'Condition']),
            [...path, 'Condition'],
            `${active.reason}: ${id} is kept`,
          );
        } else if (!active) {
          builder.notModelledResource(id, raw.Type, `its Condition ${raw.Condition} is false`);
          continue;
        }
      }
      this.resources.set(id, {
        id,
        type: raw.Type,
        properties: isRecord(raw.Properties) ? raw.Properties : {},
        metadata: isRecord(raw.Metadata) ? raw.Metadata : {},
        path,
      });
    }
  }

  /**
   * Physical names -> logical IDs. Built at first use, not in the constructor: resolving properties
   * needs the exports of every template imported together, which are read after construction.
   */
  private physicalNames(): Map<string, string> {
    if (this.physical === undefined) {
      this.physical = new Map();
      for (const r of this.resources.values()) {
        const nameKey = PHYSICAL_NAME_KEYS[r.type];
        if (nameKey === undefined) continue;
        const name = this.props(r.id)[nameKey];
        if (typeof name === 'string') this.physical.set(name, r.id);
      }
    }
    return this.physical;
  }

  /**
   * The template's exports (Outputs with an Export.Name; CloudFormation "Outputs"): name -> value.
   * An output whose name or value depends on an import or a condition not known is left out.
   */
  exportedValues(): Map<string, Resolved> {
    const out = new Map<string, Resolved>();
    const outputs = isRecord(this.data.Outputs) ? this.data.Outputs : {};
    for (const output of Object.values(outputs)) {
      if (!isRecord(output) || !isRecord(output.Export)) continue;
      if (typeof output.Condition === 'string' && this.resolver.condition(output.Condition) !== true)
        continue;
      const name = this.resolver.resolve(output.Export.Name);
      const value = this.resolver.resolve(output.Value);
      if (typeof name === 'string' && !(value instanceof Unknown)) out.set(name, value);
    }
    return out;
  }

  where(path: Path): Where {
    return { file: this.source.fileName, ...this.source.position(path) };
  }

  /** The resource's properties with every intrinsic resolved (memoised). */
  props(id: string): Record<string, Resolved> {
    let out = this.resolved.get(id);
    if (out === undefined) {
      const r = this.resources.get(id);
      const value = r ? this.resolver.resolve(r.properties) : {};
      out = isRecord(value) ? (value as Record<string, Resolved>) : {};
      this.resolved.set(id, out);
    }
    return out;
  }

  ofType(...types: string[]): TemplateResource[] {
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  /** The logical ID a physical name or ARN's last part names, if the template declares it. */
  byPhysicalName(name: string): string | undefined {
    return this.physicalNames().get(name) ?? (this.resources.has(name) ? name : undefined);
  }

  /**
   * The function a value points at: a Ref/GetAtt to a function, to an alias or version of one (SAM's
   * `Fn.Alias`), a function's physical name, or an ARN ending in one. Undefined when it names none.
   */
  functionOf(value: Resolved): string | undefined {
    if (value instanceof ResourceRef) return this.functionById(value.logicalId);
    if (typeof value !== 'string') return undefined;
    const direct = this.functionById(value);
    if (direct) return direct;
    const arn = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(value);
    if (arn) return this.functionById(arn[1]);
    return undefined;
  }

  private functionById(id: string, depth = 0): string | undefined {
    const alias = this.functionAliases.get(id);
    if (alias !== undefined) return alias;
    const logical = this.byPhysicalName(id) ?? id;
    const r = this.resources.get(logical);
    if (!r) return undefined;
    if (FUNCTION_TYPES.has(r.type)) return r.id;
    if (FUNCTION_POINTERS.has(r.type) && depth < 4) {
      const target = this.props(r.id).FunctionName;
      if (target instanceof ResourceRef) return this.functionById(target.logicalId, depth + 1);
      if (typeof target === 'string') return this.functionOf(target);
    }
    return undefined;
  }

  /**
   * `Ref` of an alias or version as AWS returns it, the qualified function ARN
   * `arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER` (CloudFormation AWS::Lambda::Alias and
   * ::Version, "Return values"), so that CDK's `Fn::Select [6, Fn::Split [':', Ref Alias]]` gives the
   * function's name. NAME is the function's FunctionName, else its logical ID (what `functionOf`
   * reads back); a version's number is only known once published: 1.
   */
  private qualifiedArn(ref: ResourceRef): string | undefined {
    const r = this.resources.get(ref.logicalId);
    if (ref.attribute !== undefined || r === undefined || !FUNCTION_POINTERS.has(r.type)) return undefined;
    const fn = this.functionById(r.id);
    if (fn === undefined) return undefined;
    const deployed = this.resources.has(fn) ? this.props(fn).FunctionName : undefined;
    const name = typeof deployed === 'string' ? deployed : fn;
    const alias = this.props(r.id).Name;
    const qualifier = r.type === 'AWS::Lambda::Alias' && typeof alias === 'string' ? alias : '1';
    return `arn:aws:lambda:${this.region}:${ACCOUNT_ID}:function:${name}:${qualifier}`;
  }

  /** Every function a value mentions anywhere (integration URIs, target lists, Sub strings). */
  functionsIn(value: Resolved): Set<string> {
    const found = new Set<string>();
    const ids = [...this.resources.values()]
      .filter((r) => FUNCTION_TYPES.has(r.type) || FUNCTION_POINTERS.has(r.type))
      .map((r) => r.id);
    const names = [...ids, ...this.physicalFunctionNames(), ...this.functionAliases.keys()];
    const visit = (v: Resolved): void => {
      if (v instanceof ResourceRef) {
        const f = this.functionById(v.logicalId);
        if (f) found.add(f);
      } else if (typeof v === 'string') {
        for (const name of names) {
          if (v === name || new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(name)}([^A-Za-z0-9_-]|$)`).test(v)) {
            const f = this.functionById(name);
            if (f) found.add(f);
          }
        }
      } else if (Array.isArray(v)) {
        for (const item of v) visit(item);
      } else if (isRecord(v)) {
        for (const item of Object.values(v)) visit(item as Resolved);
      }
    };
    visit(value);
    return found;
  }

  private physicalFunctionNames(): string[] {
    return [...this.physicalNames().entries()]
      .filter(([, id]) => this.functionById(id))
      .map(([name]) => name);
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The property that gives each resource type its physical name (CloudFormation resource reference). */
const PHYSICAL_NAME_KEYS: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::RDS::DBProxy': 'DBProxyName',
};
