/**
 * Typed reads of resolved template properties, with positioned errors.
 *
 * Contract: a property lamsim needs that the template cannot fix (it depends on a parameter with no
 * Default, an import, an attribute) is an error naming the parameter to pass; a wrong type is an
 * error saying what is expected. Absent properties read as undefined (the caller applies AWS's
 * default). Paths are relative to the resource's Properties (or the mapping being read).
 */
import type { Path } from '../scenario/index.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, NO_VALUE, type Resolved, ResourceRef, Unknown } from './values.ts';

export class PropertyReader {
  constructor(
    private readonly builder: StackBuilder,
    /** Document path of the mapping read. */
    readonly path: Path,
    readonly values: Record<string, Resolved>,
    private readonly position: (path: Path) => Where,
    /** How a path reads in issues, when the document names it differently (serverless.yml). */
    private readonly rename: (path: Path) => Path = (path) => path,
  ) {}

  /** The path of `key` as the document names it. */
  pathOf(key: string): Path {
    return this.rename([...this.path, key]);
  }

  where(key?: string): Where {
    return this.position(key === undefined ? this.path : [...this.path, key]);
  }

  has(key: string): boolean {
    const v = this.values[key];
    return v !== undefined && v !== null && v !== NO_VALUE;
  }

  raw(key: string): Resolved | undefined {
    return this.has(key) ? this.values[key] : undefined;
  }

  /** A nested mapping as its own reader (undefined when absent or not a mapping). */
  child(key: string): PropertyReader | undefined {
    const v = this.raw(key);
    if (!isRecord(v)) return undefined;
    return new PropertyReader(
      this.builder,
      [...this.path, key],
      v as Record<string, Resolved>,
      this.position,
    );
  }

  /** A mapping written as a mapping or, in older templates, as a JSON string. */
  mappingOrJson(key: string): PropertyReader | undefined {
    const child = this.child(key);
    if (child) return child;
    const v = this.raw(key);
    if (typeof v !== 'string') return undefined;
    try {
      const parsed: unknown = JSON.parse(v);
      if (!isRecord(parsed)) return undefined;
      const at = this.where(key);
      return new PropertyReader(
        this.builder,
        [...this.path, key],
        parsed as Record<string, Resolved>,
        () => at,
      );
    } catch {
      return undefined;
    }
  }

  number(key: string): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (this.unknown(key, v)) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) {
      this.builder.error(
        this.where(key),
        this.rename([...this.path, key]),
        `expected a number, got ${describe(v)}`,
      );
      return undefined;
    }
    return n;
  }

  string(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (this.unknown(key, v)) return undefined;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.builder.error(
      this.where(key),
      this.rename([...this.path, key]),
      `expected a string, got ${describe(v)}`,
    );
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (this.unknown(key, v)) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.builder.error(this.where(key), this.pathOf(key), `expected true or false, got ${describe(v)}`);
    return undefined;
  }

  list(key: string): Resolved[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (v instanceof Unknown) return undefined;
    return Array.isArray(v) ? v : [v];
  }

  private unknown(key: string, v: Resolved): boolean {
    if (!(v instanceof Unknown)) return false;
    const fix = v.parameter ? `: pass --parameter ${v.parameter}=VALUE` : '';
    this.builder.error(this.where(key), this.pathOf(key), `lamsim needs this value, but ${v.reason}${fix}`);
    return true;
  }
}

/** A value as an error message shows it: references by name, the rest as JSON. */
function describe(v: Resolved): string {
  if (v instanceof ResourceRef) {
    return `a reference to ${v.logicalId}${v.attribute ? `.${v.attribute}` : ''} (not a parameter of the template)`;
  }
  return JSON.stringify(v);
}
