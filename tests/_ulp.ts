/** Distances between doubles in ulps, for tests of functions that may differ in the last bit. */

/** A double's position on the number line counted in ulps (±0 both 0). */
function ordinal(x: number): bigint {
  const bits = new BigInt64Array(new Float64Array([x]).buffer)[0];
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/**
 * How many doubles apart `a` and `b` are: 0 for equal values (also +0 and -0, and two NaNs),
 * Infinity for a NaN and a number.
 */
export function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
