/**
 * Collects what the readers of one or more templates find: the written scenario's functions,
 * resources and traffic, where in which template each came from, the comments the written file will
 * carry, what is not modelled, and problems.
 *
 * Contract: names are the templates' logical IDs (Serverless: the function keys); names outside
 * lamsim's pattern are made safe and unique, with a note. Traffic is one placeholder per (target,
 * via, eventType, integration timeout), whose `because` names every event source it stands for (`A
 * and B`); a resource registered twice keeps its first definition. Nothing here decides AWS behaviour.
 */
import { formatPath, type Issue, type Path } from '../scenario/index.ts';

export interface Where {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Written = Record<string, unknown>;

export interface ImportedFunction {
  readonly name: string;
  /** The logical ID (Serverless: the function key) as the template writes it. */
  readonly id: string;
  /** The name the function is deployed under when the template determines it (FunctionName, ...). */
  deployedName?: string;
  /** Deployed under the name CloudFormation generates (a CloudFormation function without FunctionName). */
  generatedByCloudFormation: boolean;
  readonly where: Where;
  /** Written keys, in output order; `events` and `model` are filled by the readers and assembly. */
  readonly written: Written;
  /** Written key (dotted below the function) -> where the template sets it. */
  readonly origins: Map<string, Where>;
  /** Written key (dotted) -> a comment for that line. */
  readonly comments: Map<string, string>;
  readonly events: Written[];
  /** Template properties that do not affect the simulation (or that lamsim does not model). */
  readonly ignored: string[];
}

export interface ImportedResource {
  readonly name: string;
  readonly where: Where;
  readonly written: Written;
  readonly comments: Map<string, string>;
}

export interface TrafficPlaceholder {
  readonly target: string;
  readonly via?: string;
  readonly eventType?: string;
  /** API Gateway's integration timeout the template sets (TimeoutInMillis), in ms. */
  readonly integrationTimeoutMs?: number;
  /** A REST API's endpoint type when the template sets one other than edge (restEndpoint.ts). */
  readonly endpointType?: 'regional' | 'private';
  /** Why this traffic exists (the event source it stands for; several joined by joinReasons). */
  readonly because: string;
  /** The reasons `because` joins, when one placeholder stands for several sources. */
  readonly reasons?: readonly string[];
  /** A comment for the written `via` line, when the choice of invocation type needs one. */
  readonly viaComment?: string;
  readonly where: Where;
}

export interface NotModelled {
  readonly id: string;
  readonly type: string;
  readonly reason?: string;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class StackBuilder {
  readonly functions = new Map<string, ImportedFunction>();
  readonly resources = new Map<string, ImportedResource>();
  readonly traffic: TrafficPlaceholder[] = [];
  readonly notModelled: NotModelled[] = [];
  /** Free-form notes for the header (mapped approximations, external resources). */
  readonly notes: string[] = [];
  /**
   * Functions that run when the stack is deployed, not with traffic, by logical ID: what they are,
   * e.g. "PreTraffic hook of Api" (SAM DeploymentPreference Hooks) or "custom resource handler
   * (Custom::S3BucketNotifications BNotifications)".
   */
  readonly deployTimeFunctions = new Map<string, string>();
  readonly issues: Issue[] = [];
  /**
   * Destinations other than functions of a topic's or bucket's notifications, by topic or bucket
   * name: its SQS subscriptions, a bucket's queue and topic configurations (`deliverTo`).
   */
  readonly deliveries = new Map<string, string[]>();
  private readonly safeNames = new Map<string, string>();
  /** External placeholders (addExternalResource) by name -> their note. */
  private readonly externals = new Map<string, string>();
  private readonly taken = new Set<string>();
  /** `region:` for the written scenario when a template parameter set AWS::Region. */
  region: string | undefined;
  /** Where a template set `region` (a Serverless provider.region); none for a --parameter. */
  regionWhere: Where | undefined;
  description: string | undefined;

  /** A lamsim name for a template name: the same name when allowed, else a safe, unique one. */
  nameFor(id: string): string {
    const known = this.safeNames.get(id);
    if (known !== undefined) return known;
    let name = id;
    if (!NAME_PATTERN.test(name)) {
      const base = id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'resource';
      name = base.length > 64 ? `${base.slice(0, 55)}-${hash(id)}` : base;
      this.notes.push(
        `'${id}' is named '${name}' here (lamsim names use letters, digits, '-' and '_', at most 64).`,
      );
    }
    let unique = name;
    for (let i = 2; this.taken.has(unique); i++) unique = `${name.slice(0, 60)}-${i}`;
    this.taken.add(unique);
    this.safeNames.set(id, unique);
    return unique;
  }

  addFunction(id: string, where: Where): ImportedFunction {
    const name = this.nameFor(id);
    const fn: ImportedFunction = {
      name,
      id,
      generatedByCloudFormation: true,
      where,
      written: {},
      origins: new Map(),
      comments: new Map(),
      events: [],
      ignored: [],
    };
    this.functions.set(name, fn);
    return fn;
  }

  /**
   * Registers a resource once; returns its lamsim name. A definition replaces an external
   * placeholder of the same name (a queue one template reads and another, imported with it, owns).
   */
  addResource(id: string, where: Where, written: Written, comments?: Map<string, string>): string {
    const name = this.nameFor(id);
    const placeholder = this.externals.get(name);
    if (placeholder !== undefined) {
      this.externals.delete(name);
      this.resources.delete(name);
      const i = this.notes.indexOf(placeholder);
      if (i >= 0) this.notes.splice(i, 1);
    }
    if (!this.resources.has(name)) {
      this.resources.set(name, { name, where, written, comments: comments ?? new Map() });
    }
    return name;
  }

  /**
   * A resource the templates read but do not define (lamsim's defaults), with a note saying so;
   * a definition read later replaces it and its note. Returns its lamsim name.
   */
  addExternalResource(id: string, where: Where, written: Written, note: (name: string) => string): string {
    const name = this.nameFor(id);
    if (this.resources.has(name)) return name;
    this.resources.set(name, { name, where, written, comments: new Map() });
    const text = note(name);
    this.notes.push(text);
    this.externals.set(name, text);
    return name;
  }

  /** The topic or bucket `from` delivers its notifications to the queue or topic `to` as well. */
  deliver(from: string, to: string): void {
    const list = this.deliveries.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    this.deliveries.set(from, list);
  }

  addTraffic(t: TrafficPlaceholder): void {
    const same = (x: TrafficPlaceholder) =>
      x.target === t.target &&
      x.via === t.via &&
      x.eventType === t.eventType &&
      x.integrationTimeoutMs === t.integrationTimeoutMs &&
      x.endpointType === t.endpointType;
    const i = this.traffic.findIndex(same);
    if (i < 0) {
      this.traffic.push(t);
      return;
    }
    // One placeholder stands for every source with the same front door: its comment names them all.
    const first = this.traffic[i];
    const reasons = first.reasons ?? [first.because];
    if (!reasons.includes(t.because)) {
      const all = [...reasons, t.because];
      this.traffic[i] = { ...first, because: joinReasons(all), reasons: all };
    }
  }

  notModelledResource(id: string, type: string, reason?: string): void {
    this.notModelled.push({ id, type, reason });
  }

  error(where: Where, path: Path | string, message: string): void {
    this.issue('error', where, path, message);
  }

  warning(where: Where, path: Path | string, message: string): void {
    this.issue('warning', where, path, message);
  }

  /**
   * Records one issue per cause: a value written once and read for several functions (SAM Globals,
   * a Serverless provider setting) gives the same message at the same place for each; only the
   * first is kept (with its path).
   */
  private issue(severity: Issue['severity'], where: Where, path: Path | string, message: string): void {
    const same = (i: Issue) =>
      i.severity === severity &&
      i.message === message &&
      i.file === where.file &&
      i.line === where.line &&
      i.col === where.col;
    if (this.issues.some(same)) return;
    this.issues.push({
      ...where,
      path: typeof path === 'string' ? path : formatPath(path),
      message,
      severity,
    });
  }
}

/** Six hex digits of FNV-1a: deterministic, enough to keep shortened names apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

const READ_BY = ', read by ';

/**
 * Reasons for one placeholder as one phrase: `a and b`, with the readers of the same queue or
 * stream named once ("records into T, read by A and B", not "records into T, read by A and
 * records into T, read by B").
 */
export function joinReasons(reasons: readonly string[]): string {
  const readers = new Map<string, string[]>();
  const phrases: string[] = [];
  for (const reason of reasons) {
    const at = reason.indexOf(READ_BY);
    if (at < 0) {
      phrases.push(reason);
      continue;
    }
    const what = reason.slice(0, at);
    const list = readers.get(what);
    if (list === undefined) {
      readers.set(what, [reason.slice(at + READ_BY.length)]);
      phrases.push(what);
    } else list.push(reason.slice(at + READ_BY.length));
  }
  const andList = (xs: readonly string[]) =>
    xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
  return phrases
    .map((p) => {
      const list = readers.get(p);
      return list === undefined ? p : `${p}${READ_BY}${andList(list)}`;
    })
    .join(' and ');
}
