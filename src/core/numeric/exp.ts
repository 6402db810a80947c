/**
 * exp(x) to within 2 ulp, several times faster than Math.exp in V8's optimised code (which calls out to fdlibm):
 * the E-step takes one exponential per row and component, which made Math.exp the largest single cost of the pass.
 * Table method (Tang 1989): x = (32 n + j) ln2/32 + r with |r| ≤ ln2/64, exp(x) = 2^n · 2^(j/32) · p(r), p the
 * Taylor polynomial of degree 6 (truncation below 4e-18 relative). Outside [−708, 709] (subnormal results,
 * overflow, ±∞, NaN) it returns Math.exp(x), so every special case is Math.exp's.
 */
const N = 32;
const INV_LN2_N = N / Math.LN2;
/** ln2/32 in two parts (fdlibm's ln2_hi has 32 trailing zero bits, so k · hi is exact for |k| < 2^21). */
const LN2_N_HI = 6.93147180369123816490e-01 / N;
const LN2_N_LO = 1.90821492927058770002e-10 / N;
/** Adding and subtracting 1.5 · 2^52 rounds a double of magnitude < 2^51 to the nearest integer. */
const ROUND = 6755399441055744;
/** 2^(j/32), j = 0…31. */
export const EXP_TABLE = Float64Array.from({ length: N }, (_, j) => Math.pow(2, j / N));
/** 2^n for n = −1022…1023 at index n + 1022. */
const POW2 = Float64Array.from({ length: 2046 }, (_, i) => Math.pow(2, i - 1022));

export function fastExp(x: number): number {
  if (!(x >= -708 && x <= 709)) return Math.exp(x);
  const kf = x * INV_LN2_N + ROUND - ROUND;
  const k = kf | 0;
  const r = x - kf * LN2_N_HI - kf * LN2_N_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return EXP_TABLE[k & 31] * p * POW2[(k >> 5) + 1022];
}

const F64 = new Float64Array(1);
const HI = new Int32Array(F64.buffer, 4, 1); // the high word on little-endian hosts (checked below)
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
/** log(1 + j/128) and 1/(1 + j/128), j = 0…127. */
export const LOG_TABLE = Float64Array.from({ length: 128 }, (_, j) => Math.log1p(j / 128));
export const INV_TABLE = Float64Array.from({ length: 128 }, (_, j) => 1 / (1 + j / 128));
const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;

/**
 * log(x) for positive normal x with an absolute error under 5e-16 (so within 2 ulp for x ≥ 1, where the pass uses
 * it: log Σ_k exp(w_k − max) ≥ 0; just below 1 the relative error is larger), without the call out of optimised
 * code that Math.log costs (every live double is spilled around it): x = 2^e · c · (1 + r) with c = 1 + j/128 from the top 7 bits of the
 * mantissa (so m − c is exact) and |r| < 1/128, log(1 + r) by its series to r⁸. Anything else: Math.log(x).
 */
export function fastLog(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x < Infinity) || !LITTLE_ENDIAN) return Math.log(x);
  F64[0] = x;
  const hi = HI[0];
  const e = (hi >> 20) - 1023;
  const j = (hi >> 13) & 127;
  HI[0] = (hi & 0x000fffff) | 0x3ff00000; // x's mantissa as m in [1, 2)
  const m = F64[0];
  const r = (m - (1 + j / 128)) * INV_TABLE[j];
  const p = r * (1 - r * (1 / 2 - r * (1 / 3 - r * (1 / 4 - r * (1 / 5 - r * (1 / 6 - r * (1 / 7 - r * (1 / 8))))))));
  return e * LN2_HI + (LOG_TABLE[j] + p + e * LN2_LO);
}
