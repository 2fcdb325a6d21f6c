/**
 * Growable typed arrays for struct-of-arrays tables indexed by small integers.
 */
export type TypedArray = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/**
 * `a` itself if it holds at least `minLength` elements, else a copy at least twice as long
 * (amortised O(1) growth) whose new elements are `fill`.
 */
export function withCapacity<T extends TypedArray>(a: T, minLength: number, fill = 0): T {
  if (minLength <= a.length) return a;
  let n = Math.max(16, a.length * 2);
  while (n < minLength) n *= 2;
  const grown = new (a.constructor as new (length: number) => T)(n);
  grown.set(a as never);
  if (fill !== 0) grown.fill(fill as never, a.length);
  return grown;
}
