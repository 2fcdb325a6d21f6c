/**
 * Serverless Framework variables (`${self:...}`, `${opt:stage, 'dev'}`, `${sls:stage}`, ...) resolved
 * statically (Serverless Framework docs, "Variables").
 *
 * - `self:a.b` reads the file itself; `opt:NAME` and `env:NAME` read --parameter NAME=VALUE (the pure
 *   core never reads the process environment); `sls:stage` is opt:stage, else provider.stage, else
 *   `dev`; `aws:region` is opt:region, else provider.region, else us-east-1.
 * - A fallback after a comma is used when the source has no value (`${opt:stage, 'dev'}`).
 * - Other sources (file, ssm, cf, s3, param, custom resolvers) are deploy-time: the value becomes
 *   Unknown, which only matters where lamsim needs it. A value that is exactly one variable keeps
 *   the variable's type (a number stays a number). Resolution depth is bounded (cycles are Unknown).
 */
import { isRecord, type Resolved, Unknown } from './values.ts';

const VARIABLE = /\$\{([^{}]+)\}/g;
const MAX_DEPTH = 10;

export function resolveServerlessVariables(
  written: Record<string, unknown>,
  params: ReadonlyMap<string, string>,
): Resolved {
  // The framework's own defaults, visible to `self:provider.stage` (serverless.yml reference).
  const provider = {
    stage: 'dev',
    region: 'us-east-1',
    ...(isRecord(written.provider) ? written.provider : {}),
  };
  const data = { ...written, provider };
  const source = (expr: string, depth: number): unknown => {
    const [kind, ...rest] = expr.split(':');
    const arg = rest.join(':').trim();
    switch (kind.trim()) {
      case 'self':
        return lookup(data, arg, depth);
      case 'opt':
      case 'env':
        return params.get(arg);
      case 'sls':
        if (arg === 'stage') return params.get('stage') ?? resolveValue(provider.stage, depth) ?? 'dev';
        return undefined;
      case 'aws':
        if (arg === 'region')
          return params.get('region') ?? resolveValue(provider.region, depth) ?? 'us-east-1';
        if (arg === 'accountId') return '123456789012';
        return undefined;
      default:
        return new Unknown(`\${${expr}} is resolved by the Serverless Framework at deploy time`);
    }
  };
  const lookup = (root: unknown, path: string, depth: number): unknown => {
    let node: unknown = root;
    for (const key of path.split('.').filter(Boolean)) {
      if (!isRecord(node)) return undefined;
      node = node[key];
    }
    return resolveValue(node, depth);
  };
  /** One `${...}` expression with its fallbacks, left to right. */
  const evaluate = (inner: string, depth: number): unknown => {
    const parts = splitTopLevel(inner);
    for (const part of parts) {
      const p = part.trim();
      const quoted = /^(['"])(.*)\1$/.exec(p);
      let v: unknown;
      if (quoted) v = quoted[2];
      else if (/^-?\d+(\.\d+)?$/.test(p)) v = Number(p);
      else if (p.includes(':')) v = source(p, depth);
      else v = undefined;
      if (v !== undefined && v !== null) return v;
    }
    return new Unknown(`\${${inner}} has no value: pass --parameter for it`, parameterOf(parts[0]));
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
  const substitute = (text: string, depth: number): unknown => {
    const whole = /^\$\{([^{}]+)\}$/.exec(text);
    if (whole) return evaluate(whole[1], depth);
    let unknown: Unknown | undefined;
    const out = text.replace(VARIABLE, (_, inner: string) => {
      const v = evaluate(inner, depth);
      if (v instanceof Unknown) {
        unknown ??= v;
        return '';
      }
      return String(v);
    });
    return unknown ?? out;
  };
  return resolveValue(data, 0) as Resolved;
}

/** Splits `a, 'b, c', d` on commas outside quotes. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

function parameterOf(expr: string | undefined): string | undefined {
  const m = /^\s*(?:opt|env):(\S+)\s*$/.exec(expr ?? '');
  return m?.[1];
}
