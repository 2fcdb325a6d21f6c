/**
 * JSON for lamsim's exchange files (partial.json, a sweep's job files): plain JSON in which a
 * non-finite number (a scenario's unlimited record age: Infinity) is written as
 * {"$number": "Infinity"} and read back as the number. Pure.
 */

const NUMBER_TAG = '$number';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON text of `value` with non-finite numbers tagged (`indent` spaces, compact by default), one final newline. */
export function taggedJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [NUMBER_TAG]: String(v) } : v),
    indent,
  );
  return `${text}\n`;
}

function revive(_key: string, v: unknown): unknown {
  if (isRecord(v) && Object.keys(v).length === 1 && typeof v[NUMBER_TAG] === 'string') {
    const n = Number(v[NUMBER_TAG]);
    return Number.isNaN(n) && v[NUMBER_TAG] !== 'NaN' ? v : n;
  }
  return v;
}

/** The value of a taggedJson text; throws SyntaxError when it is not JSON. */
export const parseTaggedJson = (text: string): unknown => JSON.parse(text, revive);
