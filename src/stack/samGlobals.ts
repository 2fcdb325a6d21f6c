/**
 * SAM `Globals.Function` applied to an AWS::Serverless::Function (AWS SAM developer guide, "Globals
 * section of the AWS SAM template", Overridable properties): a property the resource writes
 * replaces a primitive global; mappings merge key by key (the resource wins); lists are additive
 * (global items first). An intrinsic function counts as a primitive. `Architectures` holds one value,
 * so the resource's list replaces the global one.
 */
import { isRecord } from './values.ts';

const isIntrinsic = (v: Record<string, unknown>): boolean => {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0].startsWith('Fn::'));
};

const REPLACED_LISTS = new Set(['Architectures']);

export function mergeGlobals(globals: unknown, own: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(globals)) return own;
  const out: Record<string, unknown> = {};
  for (const [key, g] of Object.entries(globals)) out[key] = g;
  for (const [key, value] of Object.entries(own)) {
    out[key] = key in globals && !REPLACED_LISTS.has(key) ? merge(globals[key], value) : value;
  }
  return out;
}

function merge(global: unknown, own: unknown): unknown {
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  if (isRecord(global) && isRecord(own) && !isIntrinsic(global) && !isIntrinsic(own)) {
    const out: Record<string, unknown> = { ...global };
    for (const [k, v] of Object.entries(own)) out[k] = k in global ? merge(global[k], v) : v;
    return out;
  }
  return own;
}
