/**
 * JSON values written one after another with nothing but whitespace between them, as Kinesis Data
 * Firehose delivers CloudWatch Logs subscription payloads to S3 (`{...}{...}`, or one per line).
 * `JSON.parse` refuses such a file as a whole; this finds where each value starts and ends. Pure,
 * O(length): a scan that follows strings (and their escapes) and bracket depth.
 */

export interface JsonSlice {
  /** Offsets of the value in the text: [start, end). */
  readonly start: number;
  readonly end: number;
}

/**
 * The top-level values of `text`, or undefined when it is not a sequence of objects or arrays
 * separated by whitespace (unbalanced brackets, or anything else between values).
 */
export function splitJsonValues(text: string): JsonSlice[] | undefined {
  const out: JsonSlice[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      if (depth === 0) return undefined; // a bare string between values
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) out.push({ start, end: i + 1 });
    } else if (depth === 0 && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return undefined;
    }
  }
  return depth === 0 ? out : undefined;
}
