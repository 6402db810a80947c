/**
 * Precision Cholesky factors and the row-independent part of the log density (sklearn
 * `_compute_precision_cholesky` and `_compute_log_det_cholesky`), once per precision layout: every covariance
 * model is written in one of the two. We keep M = L⁻¹ (lower, Σ = L Lᵀ), which is sklearn's precisions_cholesky
 * transposed, so the pass reads each row of M contiguously.
 */
import { choleskyInPlace, invertLower, logDiagSum } from '../linalg/cholesky';
import type { PrecisionLayout } from './pass';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Fills `precFactor` (layout of `PassParams.precFactor`) and `logNorm` (log π_k − ½ d log 2π + log det M_k;
 * + log det M because M is the precision's Cholesky factor, so −½ log det Σ = log det M).
 * @param cov 'full': K × d × d; 'diag': K × d variances
 * @param tmp scratch of length ≥ d × d
 * @returns -1, or the index of the first component whose covariance is not positive definite
 */
export function computePrecision(
  layout: PrecisionLayout, K: number, d: number, cov: Float64Array, weights: Float64Array,
  precFactor: Float64Array, logNorm: Float64Array, tmp: Float64Array,
): number {
  const dd = d * d;
  for (let k = 0; k < K; k++) {
    let logDet = 0;
    if (layout === 'full') {
      tmp.set(cov.subarray(k * dd, (k + 1) * dd));
      if (!choleskyInPlace(tmp, d)) return k;
      invertLower(tmp, d, 0, precFactor, k * dd);
      logDet = -logDiagSum(tmp, d);
    } else {
      for (let a = 0; a < d; a++) {
        const v = cov[k * d + a];
        if (!(v > 0) || !Number.isFinite(v)) return k;
        precFactor[k * d + a] = 1 / Math.sqrt(v);
        logDet -= 0.5 * Math.log(v);
      }
    }
    logNorm[k] = Math.log(weights[k]) - d * HALF_LOG_2PI + logDet;
  }
  return -1;
}
