/** Steps of one unit in the last place on positive doubles (the neighbours of a time). */

const scratch = new Float64Array(1);
const bits = new BigUint64Array(scratch.buffer);

/** The smallest double above `x` (finite, >= 0). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  bits[0] += 1n;
  return scratch[0];
}

/** The largest double below `x` (finite, > 0); 0 for the smallest positive double. */
export function nextDown(x: number): number {
  scratch[0] = x;
  bits[0] -= 1n;
  return scratch[0];
}
