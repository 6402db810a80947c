/**
 * Reading a double's exponent and building powers of two without writing through an integer view of a float
 * (a store of 32-bit words reloaded as a 64-bit float stalls store forwarding: about 30 ns, where reading the
 * words of a stored float costs about 1 ns).
 */

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the word holding sign, exponent and the top of the fraction (1 on little-endian hosts). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** POW2[k + 1075] = 2^k for −1075 ≤ k ≤ 1023 (2^-1075 is 0). */
const POW2 = new Float64Array(2099);
for (let k = -1075; k <= 1023; k++) POW2[k + 1075] = k >= -1022 ? 2 ** k : 2 ** (k + 60) * 2 ** -60;

/** 2^k for −1075 ≤ k ≤ 1023. */
export function pow2(k: number): number {
  return POW2[k + 1075];
}

/** The biased exponent field of x (0 for zero and subnormals, 2047 for infinities and NaN). */
export function biasedExponent(x: number): number {
  bits[0] = x;
  return (words[HI] >>> 20) & 0x7ff;
}

/**
 * Half the spacing of doubles next to x on the side of `offset` (x normal): just below a power of two in
 * magnitude the spacing halves. 0 when x is zero, subnormal or within 2^54 of the smallest normal.
 */
export function halfSpacing(x: number, offset: number): number {
  bits[0] = x;
  const high = words[HI];
  const biased = (high >>> 20) & 0x7ff;
  if (biased <= 54 || biased === 2047) return 0;
  const powerOfTwo = (high & 0xfffff) === 0 && words[LO] === 0;
  const below = powerOfTwo && (offset < 0) === (x > 0);
  return POW2[biased - (below ? 54 : 53) - 1023 + 1075];
}

/**
 * True when value + offset (offset: the small, well-determined rest of a sum whose rounding is `value`) lies
 * within margin · half-spacing of a rounding midpoint, or the spacing cannot be read: then `value` may not be
 * the correctly rounded result and the caller must decide exactly.
 */
export function nearMidpoint(value: number, offset: number, margin: number): boolean {
  const half = halfSpacing(value, offset);
  return half === 0 || Math.abs(Math.abs(offset) - half) <= half * margin;
}
