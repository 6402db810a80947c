/**
 * The rounding of the BLAS level-1 calls in mclust's hcvvv/hceii as R runs them on x86-64 with OpenBLAS 0.3.21
 * (Debian's R 4.2, the reference fixtures' platform), so that near-ties between merges fall the same way:
 *
 * - daxpy, drot and ddot contract every a·b + c into one fused multiply-add (one rounding, not two);
 * - ddot of n ≥ 16 entries sums in OpenBLAS's SkylakeX kernel order (vector lanes, then a fixed reduction);
 * - drotg computes its sum of squares and its quotients in x87 80-bit arithmetic (64-bit significand).
 *
 * Each was checked against the library through ctypes (see test/fixtures/mclust-hc/README.md). JavaScript has no
 * fused multiply-add and no 80-bit type, so both are emulated exactly: error-free transformations (Dekker's
 * product, Knuth's sum) decide nearly every case, and an operand within a hair of a rounding boundary is settled
 * with BigInt arithmetic in `exactRounding.ts`. dscal and dcopy round as plain JavaScript does.
 */
import { exactFma, exactQuotient64, exactSumOfSquares64 } from './exactRounding';
import { nearMidpoint } from './floatBits';

/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** Beyond this magnitude the splitter could overflow: use the exact path. */
const SPLIT_LIMIT = 2 ** 995;
/** Below this magnitude products may lose bits to underflow: use the exact path. */
const TINY = 2 ** -960;

/** The rounding error of p = fl(a·b): a·b − p exactly (Dekker), for |a|, |b| below SPLIT_LIMIT. */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
}

/** a·b + c with a single rounding, as a fused multiply-add instruction computes it. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  // A zero factor makes the product an exact ±0; infinities and NaN round nothing.
  if (a === 0 || b === 0 || !Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  if (c === 0 && Math.abs(p) > TINY) return p;
  if (Math.abs(p) < TINY || Math.abs(a) > SPLIT_LIMIT || Math.abs(b) > SPLIT_LIMIT) return exactFma(a, b, c);
  const pe = productError(a, b, p);
  // a·b + c = p + pe + c = s + se + pe = s + t + te = r + ue + te, every step exact (Knuth's two-sum).
  const s = p + c;
  let z = s - p;
  const se = (p - (s - z)) + (c - z);
  const t = se + pe;
  z = t - se;
  const te = (se - (t - z)) + (pe - z);
  const r = s + t;
  z = r - s;
  const ue = (s - (r - z)) + (t - z);
  // r = fl(s + t) is the rounding of a·b + c unless te ≠ 0 pushes s + t across a midpoint. ue is a multiple of
  // ulp(t) and |te| ≤ ulp(t)/2, so that needs |ue| to be exactly half the spacing at r, i.e. r + 2·ue a double.
  if (te === 0 || ue === 0) return r;
  const twice = ue + ue;
  return (r + twice) - r === twice ? exactFma(a, b, c) : r;
}

/** round53(round64(round64(a²) + round64(b²))): drotg's sum of squares in x87 arithmetic, stored as a double. */
function sumOfSquares64(a: number, b: number): number {
  const aa = a * a;
  const bb = b * b;
  if ((aa !== 0 && aa < TINY) || (bb !== 0 && bb < TINY) || Math.abs(a) > SPLIT_LIMIT || Math.abs(b) > SPLIT_LIMIT) {
    return exactSumOfSquares64(a, b);
  }
  const ea = productError(a, a, aa);
  const eb = productError(b, b, bb);
  const s = aa + bb;
  const z = s - aa;
  const se = (aa - (s - z)) + (bb - z);
  const low = se + (ea + eb);
  const r = s + low;
  const offset = (s - r) + low;
  if (offset === 0) return r;
  // The three 64-bit roundings move the sum by at most 1.5 units of the 64th bit: h/683 for half-spacing h.
  return nearMidpoint(r, offset, 2 ** -9) ? exactSumOfSquares64(a, b) : r;
}

/** round53(round64(a / b)): an x87 quotient stored as a double (b ≠ 0). */
function quotient64(a: number, b: number): number {
  const q = a / b;
  if (q === 0 || !Number.isFinite(q) || Math.abs(q) < TINY || Math.abs(b) > SPLIT_LIMIT || Math.abs(q) > SPLIT_LIMIT) {
    return q === 0 || !Number.isFinite(q) ? q : exactQuotient64(a, b);
  }
  const p = q * b;
  const remainder = (a - p) - productError(q, b, p);
  if (remainder === 0) return q;
  // Double rounding differs from one rounding only within 2^-11 half-spacings of a midpoint; remainder / b is
  // that distance to within a relative 2^-52.
  return nearMidpoint(q, remainder / b, 2 ** -10) ? exactQuotient64(a, b) : q;
}

/**
 * OpenBLAS 0.3.21's x86-64 drotg: the Givens rotation that zeroes b against a. Writes r (the new a), c and s to
 * out[0..2]; the reconstruction value z that drotg leaves in b is not needed by mclust and not produced.
 */
export function rotg(a: number, b: number, out: Float64Array): void {
  if (a === 0 && b === 0) {
    out[0] = 0;
    out[1] = 1;
    out[2] = 0;
    return;
  }
  const roe = Math.abs(a) > Math.abs(b) ? a : b;
  let r = Math.sqrt(sumOfSquares64(a, b));
  if (roe < 0) r = -r;
  out[0] = r;
  out[1] = quotient64(a, r);
  out[2] = quotient64(b, r);
}

/**
 * ddot(n, v, 1, v, 1) at v[off …]: OpenBLAS's SkylakeX kernel sums the first n & −16 squares in 4 × 8 vector
 * lanes (blocks of 32), folds them to 4 × 4 lanes, adds 16-entry blocks lane-wise, reduces
 * ((l0 + l2) + (l1 + l3)) after adding the four accumulators in order, then fuses the rest in sequence.
 */
export function dotSelf(v: Float64Array, off: number, n: number): number {
  const blocked = n & -16;
  let dot = 0;
  if (blocked > 0) dot = blockedDotSelf(v, off, blocked);
  for (let i = blocked; i < n; i++) {
    const x = v[off + i];
    dot = fma(x, x, dot);
  }
  return dot;
}

const lanes = new Float64Array(32);
const folded = new Float64Array(16);

function blockedDotSelf(v: Float64Array, off: number, blocked: number): number {
  const by32 = blocked & -32;
  lanes.fill(0);
  let i = 0;
  for (; i < by32; i += 32) {
    for (let k = 0; k < 32; k++) {
      const x = v[off + i + k];
      lanes[k] = fma(x, x, lanes[k]);
    }
  }
  // Accumulator a (entries 8a … 8a+7 of each block) folds to 4 lanes: lane k + lane k+4.
  for (let a = 0; a < 4; a++) for (let k = 0; k < 4; k++) folded[4 * a + k] = lanes[8 * a + k] + lanes[8 * a + k + 4];
  for (; i < blocked; i += 16) {
    for (let k = 0; k < 16; k++) {
      const x = v[off + i + k];
      folded[k] = fma(x, x, folded[k]);
    }
  }
  const l0 = ((folded[0] + folded[4]) + folded[8]) + folded[12];
  const l1 = ((folded[1] + folded[5]) + folded[9]) + folded[13];
  const l2 = ((folded[2] + folded[6]) + folded[10]) + folded[14];
  const l3 = ((folded[3] + folded[7]) + folded[11]) + folded[15];
  return (l0 + l2) + (l1 + l3);
}
