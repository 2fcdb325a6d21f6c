/**
 * What a template value resolves to when the template cannot say it exactly: a reference to one of
 * its resources (kept as such, so an event source still knows which queue it reads), or an unknown
 * (a parameter with no Default, an import from another stack, an attribute only AWS knows).
 * Everything else resolves to plain JSON data.
 */

/** `!Ref X` or `!GetAtt X.Attr` to a resource of the template (or SAM's `X.Alias`, `X.Version`). */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}
  /** How the reference reads inside a string (Sub, Join): ARN-like, ending in the logical ID. */
  toString(): string {
    return this.attribute === undefined || !/arn/i.test(this.attribute)
      ? this.logicalId
      : `arn:aws:resource:::${this.logicalId}`;
  }
}

/** A value the template does not fix; `reason` says why, `parameter` names what would fix it. */
export class Unknown {
  constructor(
    readonly reason: string,
    readonly parameter?: string,
  ) {}
}

/** `!Ref AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type Resolved =
  | string
  | number
  | boolean
  | null
  | ResourceRef
  | Unknown
  | typeof NO_VALUE
  | Resolved[]
  | { [key: string]: Resolved };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof ResourceRef) &&
  !(v instanceof Unknown);
