/**
 * Fused kernel for the diag and spherical E-step pass (`pass.ts` dispatches to it in E-step mode): rows two at a
 * time as in `passDiag`, but the normalisation, the new responsibilities, the lower-bound terms and the statistics
 * are taken in one sweep over the components, so the responsibilities are not read back from memory and each
 * component's statistics entries are read and written once per pair. The statistics sums are bit-identical to
 * `passDiag`'s; the four scalar terms are added up in a different order (rounding only).
 * An odd last row is left to the caller (which runs it through the general kernel).
 */
import { fastExp, fastLog } from '../numeric/exp';
import { EXP_NEGLIGIBLE, RESP_NEGLIGIBLE } from './negligible';
import { centredMeans } from './passCentres';

/** The row's log-sum-exp shift: scipy's guard, a non-finite maximum shifts by 0 so all −∞ stays −∞. */
const shiftOf = (max: number): number => (max > -Infinity && max < Infinity ? max : 0);

/** exp(w − shift), or 0 below EXP_NEGLIGIBLE. */
const expShifted = (w: number, shift: number): number => {
  const z = w - shift;
  return z < EXP_NEGLIGIBLE ? 0 : fastExp(z);
};

/** log Σ e + shift, exact when only the maximum contributes (s = 1). */
const logSum = (s: number, shift: number): number => (s === 1 ? shift : fastLog(s) + shift);

/**
 * Diag/spherical E-step over the row pairs of [start, end − (end − start) % 2), d ≥ 1. Scratch:
 * [μ/σ (K×d) | weighted row 0 (K) | weighted row 1 (K) | exp row 0 (K) | exp row 1 (K)], within `scratchLength`.
 * Returns nothing; adds into sums (N_k at 0, S1 at o1, diagonal S2 at o2, scalars at os).
 */
export function passDiagFused(
  K: number, d: number, x: Float64Array, resp: Float64Array, logProbNorm: Float64Array, means: Float64Array, precFactor: Float64Array,
  logNorm: Float64Array, start: number, end: number, sums: Float64Array, scratch: Float64Array, o1: number, o2: number, os: number,
): void {
  const W0 = K * d, W1 = W0 + K, E0 = W1 + K, E1 = E0 + K;
  centredMeans(false, K, d, means, precFactor, scratch, 0);
  let logLik = 0, crossOld = 0, crossNew = 0, boundE = 0;
  const last = end - ((end - start) & 1);
  for (let i0 = start; i0 < last; i0 += 2) {
    const x0 = i0 * d, x1 = x0 + d, ro0 = i0 * K, ro1 = ro0 + K;
    let max0 = -Infinity, max1 = -Infinity;
    for (let k = 0; k < K; k++) {
      const mo = k * d;
      let maha0 = 0, maha1 = 0;
      for (let a = 0; a < d; a++) {
        const pr = precFactor[mo + a], mp = scratch[mo + a];
        const y0 = x[x0 + a] * pr - mp, y1 = x[x1 + a] * pr - mp;
        maha0 += y0 * y0;
        maha1 += y1 * y1;
      }
      const ln = logNorm[k];
      const w0 = ln - 0.5 * maha0, w1 = ln - 0.5 * maha1;
      scratch[W0 + k] = w0;
      scratch[W1 + k] = w1;
      if (w0 > max0) max0 = w0;
      if (w1 > max1) max1 = w1;
    }
    const shift0 = shiftOf(max0), shift1 = shiftOf(max1);
    let s0 = 0, s1 = 0;
    for (let k = 0; k < K; k++) {
      const e0 = expShifted(scratch[W0 + k], shift0), e1 = expShifted(scratch[W1 + k], shift1);
      scratch[E0 + k] = e0;
      scratch[E1 + k] = e1;
      s0 += e0;
      s1 += e1;
    }
    const lpn0 = logSum(s0, shift0), lpn1 = logSum(s1, shift1);
    const inv0 = 1 / s0, inv1 = 1 / s1;
    logProbNorm[i0] = lpn0;
    logProbNorm[i0 + 1] = lpn1;
    let rowSum0 = 0, rowSum1 = 0;
    for (let k = 0; k < K; k++) {
      const w0 = scratch[W0 + k], w1 = scratch[W1 + k];
      const r0 = scratch[E0 + k] * inv0, r1 = scratch[E1 + k] * inv1;
      crossOld += resp[ro0 + k] * w0 + resp[ro1 + k] * w1;
      resp[ro0 + k] = r0;
      resp[ro1 + k] = r1;
      crossNew += r0 * w0 + r1 * w1;
      rowSum0 += r0;
      rowSum1 += r1;
      addDiagStats(k, d, x, means, x0, x1, r0 < RESP_NEGLIGIBLE ? 0 : r0, r1 < RESP_NEGLIGIBLE ? 0 : r1, sums, o1, o2);
    }
    logLik += lpn0 + lpn1;
    boundE += lpn0 * rowSum0 + lpn1 * rowSum1;
  }
  sums[os] += logLik;
  sums[os + 1] += crossOld;
  sums[os + 2] += crossNew;
  sums[os + 3] += boundE;
}

/** Adds one row pair's share (r0, r1, each 0 if negligible) to component k's N_k, S1 and diagonal S2. */
function addDiagStats(
  k: number, d: number, x: Float64Array, means: Float64Array, x0: number, x1: number, r0: number, r1: number, sums: Float64Array, o1: number, o2: number,
): void {
  if (r0 === 0 && r1 === 0) return;
  sums[k] += r0 + r1;
  const mo = k * d, t1 = o1 + mo, t2 = o2 + mo;
  for (let a = 0; a < d; a++) {
    const e0 = x[x0 + a] - means[mo + a], e1 = x[x1 + a] - means[mo + a];
    const ra0 = r0 * e0, ra1 = r1 * e1;
    sums[t1 + a] += ra0 + ra1;
    sums[t2 + a] += ra0 * e0 + ra1 * e1;
  }
}

/**
 * Full/tied E-step for small d (below `pass.ts`'s BY_COMPONENT_MIN_D) over the row pairs of [start, end − (end − start) % 2),
 * fused like `passDiagFused`. precFactor holds M_k (lower triangle, K × d × d); scratch:
 * [M_k μ_k (K×d) | weighted row 0 (K) | weighted row 1 (K) | exp row 0 (K) | exp row 1 (K)], within `scratchLength`.
 * The statistics sums are bit-identical to `passFull`'s.
 */
export function passFullFused(
  K: number, d: number, x: Float64Array, resp: Float64Array, logProbNorm: Float64Array, means: Float64Array, precFactor: Float64Array,
  logNorm: Float64Array, start: number, end: number, sums: Float64Array, scratch: Float64Array, o1: number, o2: number, os: number,
): void {
  const dd = d * d, W0 = K * d, W1 = W0 + K, E0 = W1 + K, E1 = E0 + K;
  centredMeans(true, K, d, means, precFactor, scratch, 0);
  let logLik = 0, crossOld = 0, crossNew = 0, boundE = 0;
  const last = end - ((end - start) & 1);
  for (let i0 = start; i0 < last; i0 += 2) {
    const x0 = i0 * d, x1 = x0 + d, ro0 = i0 * K, ro1 = ro0 + K;
    let max0 = -Infinity, max1 = -Infinity;
    for (let k = 0; k < K; k++) {
      const fo = k * dd, co = k * d;
      let maha0 = 0, maha1 = 0;
      for (let j = 0; j < d; j++) {
        const row = fo + j * d;
        let y0 = -scratch[co + j], y1 = y0;
        for (let a = 0; a <= j; a++) {
          const m = precFactor[row + a];
          y0 += m * x[x0 + a];
          y1 += m * x[x1 + a];
        }
        maha0 += y0 * y0;
        maha1 += y1 * y1;
      }
      const ln = logNorm[k];
      const w0 = ln - 0.5 * maha0, w1 = ln - 0.5 * maha1;
      scratch[W0 + k] = w0;
      scratch[W1 + k] = w1;
      if (w0 > max0) max0 = w0;
      if (w1 > max1) max1 = w1;
    }
    const shift0 = shiftOf(max0), shift1 = shiftOf(max1);
    let s0 = 0, s1 = 0;
    for (let k = 0; k < K; k++) {
      const e0 = expShifted(scratch[W0 + k], shift0), e1 = expShifted(scratch[W1 + k], shift1);
      scratch[E0 + k] = e0;
      scratch[E1 + k] = e1;
      s0 += e0;
      s1 += e1;
    }
    const lpn0 = logSum(s0, shift0), lpn1 = logSum(s1, shift1);
    const inv0 = 1 / s0, inv1 = 1 / s1;
    logProbNorm[i0] = lpn0;
    logProbNorm[i0 + 1] = lpn1;
    let rowSum0 = 0, rowSum1 = 0;
    for (let k = 0; k < K; k++) {
      const w0 = scratch[W0 + k], w1 = scratch[W1 + k];
      const r0 = scratch[E0 + k] * inv0, r1 = scratch[E1 + k] * inv1;
      crossOld += resp[ro0 + k] * w0 + resp[ro1 + k] * w1;
      resp[ro0 + k] = r0;
      resp[ro1 + k] = r1;
      crossNew += r0 * w0 + r1 * w1;
      rowSum0 += r0;
      rowSum1 += r1;
      addFullStats(k, d, x, means, x0, x1, r0 < RESP_NEGLIGIBLE ? 0 : r0, r1 < RESP_NEGLIGIBLE ? 0 : r1, sums, o1, o2);
    }
    logLik += lpn0 + lpn1;
    boundE += lpn0 * rowSum0 + lpn1 * rowSum1;
  }
  sums[os] += logLik;
  sums[os + 1] += crossOld;
  sums[os + 2] += crossNew;
  sums[os + 3] += boundE;
}

/** Adds one row pair's share (r0, r1, each 0 if negligible) to component k's N_k, S1 and upper triangle of S2. */
function addFullStats(
  k: number, d: number, x: Float64Array, means: Float64Array, x0: number, x1: number, r0: number, r1: number, sums: Float64Array, o1: number, o2: number,
): void {
  if (r0 === 0 && r1 === 0) return;
  sums[k] += r0 + r1;
  const mo = k * d, t1 = o1 + mo, t2 = o2 + k * d * d;
  for (let a = 0; a < d; a++) {
    const ra0 = r0 * (x[x0 + a] - means[mo + a]), ra1 = r1 * (x[x1 + a] - means[mo + a]);
    sums[t1 + a] += ra0 + ra1;
    const row = t2 + a * d;
    for (let b = a; b < d; b++) sums[row + b] += ra0 * (x[x0 + b] - means[mo + b]) + ra1 * (x[x1 + b] - means[mo + b]);
  }
}
