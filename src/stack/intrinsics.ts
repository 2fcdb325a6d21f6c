/**
 * CloudFormation intrinsic functions, evaluated statically (AWS CloudFormation User Guide,
 * "Intrinsic function reference" and "Condition functions").
 *
 * Contract: `resolve` never throws on template content. What only AWS can know at deploy time
 * (an import from a stack not imported together, most `Fn::GetAtt` attributes, a parameter with no
 * Default) becomes an `Unknown` that says why, and propagates through string functions; a reference
 * to a resource of the template (or of the template an import comes from) stays a `ResourceRef`;
 * `!Ref AWS::NoValue` removes the key or list item that holds it.
 * Conditions are evaluated on demand and memoised; a cycle or an undefined condition is Unknown.
 */
import { isRecord, NO_VALUE, type Resolved, ResourceRef, Unknown } from './values.ts';

export interface TemplateScope {
  /** Parameter values (Default or --parameter) and pseudo parameters, by name. */
  readonly parameters: ReadonlyMap<string, Resolved>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  /** Logical IDs of the template's resources. */
  readonly resourceIds: ReadonlySet<string>;
  /** AWS::Region, for Fn::GetAZs. */
  readonly region: string;
  /**
   * The text AWS returns for a reference, where it is built from parts a template takes apart with
   * Fn::Split (an alias's `Ref` is its ARN `arn:aws:lambda:REGION:ACCOUNT:function:NAME:ALIAS`);
   * undefined keeps the reference's own text (`ResourceRef.toString`).
   */
  readonly textOf?: (ref: ResourceRef) => string | undefined;
  /** The value another template imported with this one exports under `name` (Outputs Export.Name). */
  readonly imports?: (name: string) => Resolved | undefined;
}

const FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::If',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
]);

export class Resolver {
  private readonly conditionValues = new Map<string, boolean | Unknown | 'pending'>();

  constructor(private readonly scope: TemplateScope) {}

  resolve(value: unknown): Resolved {
    if (Array.isArray(value)) {
      const out: Resolved[] = [];
      for (const item of value) {
        const r = this.resolve(item);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (!isRecord(value)) {
      if (value === undefined) return null;
      return value as Resolved;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && FUNCTIONS.has(keys[0])) return this.call(keys[0], value[keys[0]]);
    const out: Record<string, Resolved> = {};
    for (const key of keys) {
      const r = this.resolve(value[key]);
      if (r !== NO_VALUE) out[key] = r;
    }
    return out;
  }

  /** The value of condition `name` (true, false, or Unknown when it cannot be decided). */
  condition(name: string): boolean | Unknown {
    const known = this.conditionValues.get(name);
    if (known === 'pending') return new Unknown(`condition ${name} refers to itself`);
    if (known !== undefined) return known;
    if (!(name in this.scope.conditions)) return new Unknown(`no condition named ${name}`);
    this.conditionValues.set(name, 'pending');
    const value = this.truth(this.resolve(this.scope.conditions[name]));
    this.conditionValues.set(name, value);
    return value;
  }

  private truth(value: Resolved): boolean | Unknown {
    if (value instanceof Unknown) return value;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return new Unknown(`a condition must be true or false, not ${JSON.stringify(value)}`);
  }

  private call(fn: string, arg: unknown): Resolved {
    switch (fn) {
      case 'Ref':
        return this.ref(arg);
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : new Unknown('malformed Condition');
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::If':
        return this.ifThen(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::Equals':
        return this.equals(arg);
      case 'Fn::And':
      case 'Fn::Or':
        return this.logical(fn === 'Fn::And', arg);
      case 'Fn::Not': {
        const list = this.resolve(arg);
        if (!Array.isArray(list) || list.length !== 1) return new Unknown('malformed Fn::Not');
        const t = this.truth(list[0]);
        return t instanceof Unknown ? t : !t;
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.scope.region}${zone}`);
      case 'Fn::Base64':
        return this.resolve(arg);
      case 'Fn::Length': {
        const list = this.resolve(arg);
        return Array.isArray(list) ? list.length : new Unknown('malformed Fn::Length');
      }
      case 'Fn::ToJsonString': {
        const v = this.resolve(arg);
        return containsUnknown(v) ?? JSON.stringify(v);
      }
      case 'Fn::ImportValue': {
        const name = this.resolve(arg);
        if (name instanceof Unknown) return name;
        if (typeof name !== 'string') return new Unknown('malformed Fn::ImportValue');
        return (
          this.scope.imports?.(name) ??
          new Unknown(
            `imported from another stack (Fn::ImportValue ${name}); import the template that exports it too`,
          )
        );
      }
      case 'Fn::Cidr':
        return new Unknown('Fn::Cidr is computed by AWS');
      default:
        return new Unknown(`${fn} is a macro (Fn::Transform) that only AWS evaluates`);
    }
  }

  private ref(arg: unknown): Resolved {
    if (typeof arg !== 'string') return new Unknown('malformed Ref');
    if (arg === 'AWS::NoValue') return NO_VALUE;
    const param = this.scope.parameters.get(arg);
    if (param !== undefined) return param;
    if (this.scope.resourceIds.has(arg)) return new ResourceRef(arg);
    const dot = arg.indexOf('.');
    if (dot > 0 && this.scope.resourceIds.has(arg.slice(0, dot))) {
      return new ResourceRef(arg.slice(0, dot), arg.slice(dot + 1)); // SAM: `!Ref MyFunction.Alias`
    }
    if (arg.startsWith('AWS::')) return new Unknown(`pseudo parameter ${arg} is only known at deploy time`);
    return new ResourceRef(arg); // a resource SAM or CDK generates (ServerlessRestApi, ...)
  }

  private getAtt(arg: unknown): Resolved {
    let id: unknown;
    let attribute: unknown;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      if (dot < 0) return new Unknown('malformed Fn::GetAtt');
      id = arg.slice(0, dot);
      attribute = arg.slice(dot + 1);
    } else if (Array.isArray(arg) && arg.length === 2) {
      id = arg[0];
      attribute = this.resolve(arg[1]);
    } else {
      return new Unknown('malformed Fn::GetAtt');
    }
    if (typeof id !== 'string' || typeof attribute !== 'string') return new Unknown('malformed Fn::GetAtt');
    const dot = id.indexOf('.');
    if (dot > 0 && !this.scope.resourceIds.has(id)) {
      return new ResourceRef(id.slice(0, dot), `${id.slice(dot + 1)}.${attribute}`); // SAM `Fn.Alias`
    }
    return new ResourceRef(id, attribute);
  }

  private sub(arg: unknown): Resolved {
    let template: unknown = arg;
    let vars: Record<string, Resolved> = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2) return new Unknown('malformed Fn::Sub');
      template = arg[0];
      const resolvedVars = this.resolve(arg[1]);
      if (!isRecord(resolvedVars)) return new Unknown('malformed Fn::Sub variables');
      vars = resolvedVars as Record<string, Resolved>;
    }
    if (typeof template !== 'string') return new Unknown('malformed Fn::Sub');
    const whole = /^\$\{([^!}][^}]*)\}$/.exec(template);
    if (whole) return this.subVariable(whole[1], vars); // `!Sub ${Queue.Arn}` keeps the reference
    let unknown: Unknown | undefined;
    const text = template.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
      if (bang === '!') return `\${${name}}`;
      const v = this.subVariable(name.trim(), vars);
      const u = containsUnknown(v);
      if (u) unknown ??= u;
      return stringOf(v);
    });
    return unknown ?? text;
  }

  private subVariable(name: string, vars: Record<string, Resolved>): Resolved {
    if (name in vars) return vars[name];
    if (name.includes('.') && !this.scope.parameters.has(name)) {
      const dot = name.indexOf('.');
      const id = name.slice(0, dot);
      if (this.scope.resourceIds.has(id)) return new ResourceRef(id, name.slice(dot + 1));
    }
    return this.ref(name);
  }

  private ifThen(arg: unknown): Resolved {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
      return new Unknown('malformed Fn::If');
    }
    const c = this.condition(arg[0]);
    if (c instanceof Unknown) return c;
    return this.resolve(c ? arg[1] : arg[2]);
  }

  private join(arg: unknown): Resolved {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Join');
    const delimiter = this.resolve(arg[0]);
    const list = this.resolve(arg[1]);
    if (typeof delimiter !== 'string' || !Array.isArray(list)) {
      return containsUnknown(list) ?? new Unknown('malformed Fn::Join');
    }
    return containsUnknown(list) ?? list.map(stringOf).join(delimiter);
  }

  private select(arg: unknown): Resolved {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Select');
    const index = Number(this.resolve(arg[0]));
    const list = this.resolve(arg[1]);
    if (list instanceof Unknown) return list;
    if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
      return new Unknown('Fn::Select index out of range');
    }
    return list[index];
  }

  private split(arg: unknown): Resolved {
    if (!Array.isArray(arg) || arg.length !== 2) return new Unknown('malformed Fn::Split');
    const delimiter = this.resolve(arg[0]);
    const text = this.resolve(arg[1]);
    if (text instanceof Unknown) return text;
    if (typeof delimiter !== 'string' || delimiter === '') return new Unknown('malformed Fn::Split');
    const whole = text instanceof ResourceRef ? this.scope.textOf?.(text) : undefined;
    return (whole ?? stringOf(text)).split(delimiter);
  }

  private findInMap(arg: unknown): Resolved {
    if (!Array.isArray(arg) || arg.length < 3) return new Unknown('malformed Fn::FindInMap');
    const [map, top, second] = arg.slice(0, 3).map((a) => this.resolve(a));
    const fallback = isRecord(arg[3]) ? arg[3].DefaultValue : undefined;
    for (const key of [map, top, second]) if (key instanceof Unknown) return key;
    const level1 = this.scope.mappings[stringOf(map)];
    const level2 = isRecord(level1) ? level1[stringOf(top)] : undefined;
    const found = isRecord(level2) ? level2[stringOf(second)] : undefined;
    if (found !== undefined) return this.resolve(found);
    if (fallback !== undefined) return this.resolve(fallback);
    return new Unknown(`Mappings has no ${stringOf(map)}.${stringOf(top)}.${stringOf(second)}`);
  }

  private equals(arg: unknown): Resolved {
    const list = this.resolve(arg);
    if (!Array.isArray(list) || list.length !== 2) return new Unknown('malformed Fn::Equals');
    const u = containsUnknown(list);
    if (u) return u;
    return JSON.stringify(canonical(list[0])) === JSON.stringify(canonical(list[1]));
  }

  private logical(and: boolean, arg: unknown): Resolved {
    const list = this.resolve(arg);
    if (!Array.isArray(list)) return new Unknown(`malformed Fn::${and ? 'And' : 'Or'}`);
    let unknown: Unknown | undefined;
    for (const item of list) {
      const t = this.truth(item);
      if (t instanceof Unknown) unknown ??= t;
      else if (t !== and) return t; // And: one false decides; Or: one true decides
    }
    return unknown ?? and;
  }
}

/** CloudFormation compares parameter values as strings: `true` and 'true', 3306 and '3306' are equal. */
function canonical(v: Resolved): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(canonical);
  if (v instanceof ResourceRef) return v.toString();
  return v;
}

export function stringOf(v: Resolved): string {
  if (typeof v === 'string') return v;
  if (v instanceof ResourceRef) return v.toString();
  if (Array.isArray(v)) return v.map(stringOf).join(',');
  if (v === null || v === NO_VALUE) return '';
  if (v instanceof Unknown) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The first Unknown inside a value, if any. */
export function containsUnknown(v: Resolved): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const item of v) {
      const u = containsUnknown(item);
      if (u) return u;
    }
  } else if (isRecord(v)) {
    for (const item of Object.values(v)) {
      const u = containsUnknown(item as Resolved);
      if (u) return u;
    }
  }
  return undefined;
}
