/**
 * Serverless Framework variables (`${self:...}`, `${opt:stage, 'dev'}`, `${sls:stage}`, ...) resolved
 * statically (Serverless Framework docs, "Variables").
 *
 * - `self:a.b` reads the file itself; `opt:NAME` and `env:NAME` read --parameter NAME=VALUE (the pure
 *   core never reads the process environment); `sls:stage` is opt:stage, else provider.stage, else
 *   `dev`; `aws:region` is opt:region, else provider.region, else us-east-1.
 * - Fallbacks after commas are tried in order when a source has no value: another source, or a
 *   literal (a quoted string, a number, true, false).
 * - Variables nest, as the framework resolves them (inner first): an address or a parameter may
 *   hold variables (`${self:custom.${sls:stage}.memory}`), and so may a fallback.
 * - A variable is `${type:...}` or `${type(...)...}`; anything else in `${...}` is not the
 *   framework's (`${AWS::Region}`, `${Queue.Arn}` in a CloudFormation `Fn::Sub`) and stays as written.
 * - `file(PATH):a.b` reads a local YAML or JSON file (PATH relative to the serverless.yml) through
 *   the caller's reader, the whole file or the value at `a.b`, its own variables resolved against
 *   the serverless.yml; a JavaScript file, a file that cannot be read, or no reader is Unknown.
 * - `param:NAME` (Serverless Framework v3+ "Parameters"): --parameter NAME=VALUE (the CLI's
 *   `--param`), else the serverless.yml's `params.<stage>.NAME`, else `params.default.NAME`; a
 *   parameter defined only in the Serverless Dashboard is Unknown.
 * - Other sources (ssm, cf, s3, custom resolvers) are deploy-time: `--parameter TYPE:ADDRESS=VALUE`
 *   gives one its value (`--parameter ssm:/orders/concurrency=50`); else it is Unknown, which only
 *   matters where lamsim needs it. A value that is exactly one variable keeps the variable's type
 *   (a number stays a number). Resolution depth is bounded (cycles are Unknown).
 * - `used` collects the --parameter names the file refers to (opt, env, param and deploy-time
 *   sources, stage and region), so that a --parameter nothing refers to can be reported.
 */
import { parse as parseYaml } from 'yaml';
import type { Result } from '../result.ts';
import { isRecord, type Resolved, Unknown } from './values.ts';

const MAX_DEPTH = 10;
/** Where a variable of the framework starts, after `${`: a source type, then `(` or `:` (not `::`). */
const SOURCE_START = /^[A-Za-z][A-Za-z0-9.]*(?:\(|:(?!:))/;
/** One source: `type`, `(params)` and `:address` (the address may be empty). */
const SOURCE = /^([A-Za-z][A-Za-z0-9.]*)(?:\((.*)\))?(?::(.*))?$/s;

/** A file `${file(PATH)}` names, PATH as written (relative to the serverless.yml): its text, or why not. */
export type FileReader = (path: string) => Result<string, string>;

export function resolveServerlessVariables(
  written: Record<string, unknown>,
  params: ReadonlyMap<string, string>,
  readFile?: FileReader,
  used: Set<string> = new Set(),
): Resolved {
  // The framework's own defaults, visible to `self:provider.stage` (serverless.yml reference).
  const provider = {
    stage: 'dev',
    region: 'us-east-1',
    ...(isRecord(written.provider) ? written.provider : {}),
  };
  const data = { ...written, provider };
  /** Each file's content, or why it has none. */
  const files = new Map<string, unknown>();
  /** `${file(PATH):a.b}`: a local YAML or JSON file, or the value at `a.b` in it. */
  const file = (path: string, address: string, expr: string, depth: number): unknown => {
    if (/\.(c|m)?[jt]s$/.test(path)) return new Unknown(`\${${expr}} runs JavaScript, which lamsim does not`);
    if (!files.has(path)) files.set(path, readLocal(path));
    const content = files.get(path);
    if (content instanceof Unknown) return new Unknown(`\${${expr}}: ${content.reason}`);
    return address === '' ? resolveValue(content, depth) : lookup(content, address, depth);
  };
  const readLocal = (path: string): unknown => {
    const text = readFile?.(path);
    if (text === undefined)
      return new Unknown('lamsim reads local files only when it reads the templates from files');
    if (!text.ok) return new Unknown(`cannot read ${path} (relative to the serverless.yml): ${text.error}`);
    try {
      return parseYaml(text.value, { logLevel: 'silent' });
    } catch (error) {
      return new Unknown(`${path} is not YAML or JSON (${(error as Error).message})`);
    }
  };
  /** The --parameter `name`, noted as referred to. */
  const parameter = (name: string): string | undefined => {
    used.add(name);
    return params.get(name);
  };
  const stage = (depth: number): unknown =>
    parameter('stage') ?? resolveValue(provider.stage, depth) ?? 'dev';
  /** `${param:NAME}`: --parameter, then the stage's params, then the default params. */
  const param = (name: string, expr: string, depth: number): unknown => {
    const given = parameter(name);
    if (given !== undefined) return given;
    const stageName = stage(depth);
    for (const section of [typeof stageName === 'string' ? stageName : undefined, 'default']) {
      const value = section === undefined ? undefined : lookup(data, `params.${section}.${name}`, depth);
      if (value !== undefined) return value;
    }
    return new Unknown(
      `\${${expr}} is not in the serverless.yml's params (the Serverless Dashboard's are read at deploy time)`,
      name,
    );
  };
  const source = (type: string, args: string, address: string, expr: string, depth: number): unknown => {
    switch (type) {
      case 'self':
        return lookup(data, address, depth);
      case 'file':
        return file(unquote(args.trim()), address, expr, depth);
      case 'opt':
      case 'env':
        return parameter(address);
      case 'param':
        return param(address, expr, depth);
      case 'sls':
        if (address === 'stage') return stage(depth);
        return undefined;
      case 'aws':
        if (address === 'region')
          return parameter('region') ?? resolveValue(provider.region, depth) ?? 'us-east-1';
        if (address === 'accountId') return '123456789012';
        return undefined;
      default: {
        const name = `${type}:${address}`;
        return (
          parameter(name) ??
          new Unknown(`\${${expr}} is resolved by the Serverless Framework at deploy time`, name)
        );
      }
    }
  };
  const lookup = (root: unknown, path: string, depth: number): unknown => {
    let node: unknown = root;
    for (const key of path.split('.').filter(Boolean)) {
      // A step written as a variable (`custom: ${file(./custom.yml)}`) is the mapping it resolves to.
      if (typeof node === 'string') node = resolveValue(node, depth + 1);
      if (!isRecord(node)) return node instanceof Unknown ? node : undefined;
      node = node[key];
    }
    return resolveValue(node, depth);
  };
  /** The body of one `${...}`: its sources and literals, left to right, until one has a value. */
  const evaluate = (body: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) return new Unknown('a Serverless variable refers to itself');
    const parts = splitTopLevel(body);
    let unknown: Unknown | undefined;
    for (const part of parts) {
      const v = fallback(part.trim(), depth);
      if (v instanceof Unknown) unknown ??= v;
      else if (v !== undefined && v !== null) return v;
    }
    return unknown ?? new Unknown(`\${${body}} has no value`, parameterOf(parts[0]));
  };
  /** One fallback: a literal, or a source whose parameters and address may hold variables. */
  const fallback = (part: string, depth: number): unknown => {
    const quoted = /^(['"])(.*)\1$/s.exec(part);
    if (quoted) return quoted[2];
    if (/^-?\d+(\.\d+)?$/.test(part)) return Number(part);
    if (part === 'true' || part === 'false') return part === 'true';
    if (isWholeVariable(part)) return substitute(part, depth + 1); // `${opt:x, ${self:y}}`
    const expr = substitute(part, depth + 1);
    if (expr instanceof Unknown) return expr;
    if (typeof expr !== 'string' || !SOURCE_START.test(expr)) return undefined;
    const m = SOURCE.exec(expr);
    if (!m) return undefined;
    return source(m[1], m[2] ?? '', (m[3] ?? '').trim(), expr, depth + 1);
  };
  const resolveValue = (v: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return new Unknown('a Serverless variable refers to itself');
    if (typeof v === 'string') return substitute(v, depth + 1);
    if (Array.isArray(v)) return v.map((x) => resolveValue(x, depth + 1));
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = resolveValue(x, depth + 1);
      return out;
    }
    return v;
  };
  /** A text with its variables replaced; a text that is exactly one variable takes its value. */
  const substitute = (text: string, depth: number): unknown => {
    const found = variablesIn(text);
    if (found.length === 0) return text;
    if (isWholeVariable(text, found)) return evaluate(found[0].body, depth);
    let unknown: Unknown | undefined;
    let out = '';
    let at = 0;
    for (const v of found) {
      const value = evaluate(v.body, depth);
      if (value instanceof Unknown) unknown ??= value;
      out += text.slice(at, v.start) + (value instanceof Unknown ? '' : String(value));
      at = v.end;
    }
    return unknown ?? out + text.slice(at);
  };
  return resolveValue(data, 0) as Resolved;
}

interface Span {
  readonly start: number;
  /** Exclusive: just after the closing brace. */
  readonly end: number;
  /** The text between `${` and its closing `}`. */
  readonly body: string;
}

/**
 * The framework's variables in `text`, outermost first, left to right (each with its nested ones in
 * its body). A `${...}` that is not the framework's is skipped, but variables inside it are found.
 * An unterminated variable is left as text.
 */
function variablesIn(text: string): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    if (!SOURCE_START.test(text.slice(start + 2))) {
      i = start + 2;
      continue;
    }
    const end = closingBrace(text, start + 2);
    if (end < 0) break;
    out.push({ start, end: end + 1, body: text.slice(start + 2, end) });
    i = end + 1;
  }
  return out;
}

/** Whether `text` is exactly one variable (so it takes the variable's value, of any type). */
function isWholeVariable(text: string, found = variablesIn(text)): boolean {
  return found.length === 1 && found[0].start === 0 && found[0].end === text.length;
}

/** The index of the `}` closing a `${` whose body starts at `from`, skipping nested braces and quotes. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Splits `a, 'b, c', ${x, y}, d(e, f)` on the commas outside quotes, braces and parentheses. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let nesting = 0;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '{' || ch === '(') nesting++;
    else if (ch === '}' || ch === ')') nesting--;
    else if (ch === ',' && nesting === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

const unquote = (text: string): string => /^(['"])(.*)\1$/s.exec(text)?.[2] ?? text;

function parameterOf(expr: string | undefined): string | undefined {
  const m = /^\s*(?:opt|env):([^\s,{}]+)\s*$/.exec(expr ?? '');
  return m?.[1];
}
