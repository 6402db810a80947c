/**
 * Exact rational arithmetic on doubles with BigInt, for the rare operands where the fast error-free transformations
 * in `openblasArithmetic.ts` cannot decide a rounding. Every value is m·2^e with an integer m; rounding is to
 * nearest with ties to even, as IEEE 754 and the x87 unit do. Only finite, normal-range results are produced here:
 * the agglomeration never comes near overflow or subnormals with standardised data.
 */

/** A finite value m·2^e with integer m (negative values have negative m). */
interface Exact { readonly m: bigint; readonly e: number }

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double. */
function exactOf(x: number): Exact {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = (biased === 0 ? 1 : biased) - 1075;
  return { m: hi >>> 31 === 1 ? -mantissa : mantissa, e };
}

function bitLength(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

/** `v` rounded to `bits` significant bits, to nearest, ties to even. */
function roundToBits(v: Exact, bits: number): Exact {
  const negative = v.m < 0n;
  const mag = negative ? -v.m : v.m;
  const excess = bitLength(mag) - bits;
  if (excess <= 0) return v;
  const shift = BigInt(excess);
  let q = mag >> shift;
  const rest = mag - (q << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return { m: negative ? -q : q, e: v.e + excess };
}

/** 2^k as a double for −1074 ≤ k ≤ 1023 (split so that neither factor leaves the normal range). */
function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k >= -1022) return 2 ** k;
  return 2 ** (k + 100) * 2 ** -100;
}

/** The double nearest to `v` (v in the normal range). */
function toDouble(v: Exact): number {
  const r = roundToBits(v, 53);
  return Number(r.m) * pow2(r.e);
}

function add(a: Exact, b: Exact): Exact {
  const e = Math.min(a.e, b.e);
  return { m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e };
}

function mul(a: Exact, b: Exact): Exact {
  return { m: a.m * b.m, e: a.e + b.e };
}

/** a·b + c rounded once (what a fused multiply-add returns). */
export function exactFma(a: number, b: number, c: number): number {
  const sum = add(mul(exactOf(a), exactOf(b)), exactOf(c));
  if (sum.m === 0n) return a * b + c; // an exact zero keeps IEEE's sign rules
  return toDouble(sum);
}

/**
 * x87 arithmetic of OpenBLAS's drotg: round(round64(round64(a²) + round64(b²))), where round64 keeps a 64-bit
 * significand (80-bit long double) and the outer rounding stores a double.
 */
export function exactSumOfSquares64(a: number, b: number): number {
  const ea = exactOf(a);
  const eb = exactOf(b);
  const sum = add(roundToBits(mul(ea, ea), 64), roundToBits(mul(eb, eb), 64));
  return toDouble(roundToBits(sum, 64));
}

/** x87 division stored as a double: round53(round64(a / b)), b ≠ 0. */
export function exactQuotient64(a: number, b: number): number {
  if (a === 0) return a / b;
  const ea = exactOf(a);
  const eb = exactOf(b);
  const negative = (ea.m < 0n) !== (eb.m < 0n);
  const num = ea.m < 0n ? -ea.m : ea.m;
  const den = eb.m < 0n ? -eb.m : eb.m;
  // Enough quotient bits (≥ 67) that a sticky last bit makes both roundings exact.
  const shift = Math.max(0, 68 + bitLength(den) - bitLength(num));
  const scaled = num << BigInt(shift);
  const q = scaled / den;
  const sticky = scaled - q * den === 0n ? 0n : 1n;
  const m = (q << 1n) | sticky;
  const quotient: Exact = { m: negative ? -m : m, e: ea.e - eb.e - shift - 1 };
  return toDouble(roundToBits(quotient, 64));
}
