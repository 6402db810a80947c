/**
 * Precision Cholesky factors and the row-independent part of the log density (sklearn
 * `_compute_precision_cholesky` and `_compute_log_det_cholesky`). We keep M = L⁻¹ (lower, Σ = L Lᵀ), which is
 * sklearn's precisions_cholesky transposed, so the pass reads each row of M contiguously.
 */
import { choleskyInPlace, invertLower, logDiagSum } from '../linalg/cholesky';
import type { WorkParams } from './mStep';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Fills `precFactor` (layout of `PassParams.precFactor`) and `logNorm` (log π_k − ½ d log 2π + log det M_k;
 * + log det M because M is the precision's Cholesky factor, so −½ log det Σ = log det M).
 * @param tmp scratch of length ≥ d × d
 * @returns -1, or the index of the first component whose covariance is not positive definite
 */
export function computePrecision(p: WorkParams, precFactor: Float64Array, logNorm: Float64Array, tmp: Float64Array): number {
  const { nComponents: K, nFeatures: d, covariances: cov, weights } = p;
  const dd = d * d;
  const logDet = (k: number): number => {
    switch (p.covarianceType) {
      case 'full': {
        tmp.set(cov.subarray(k * dd, (k + 1) * dd));
        if (!choleskyInPlace(tmp, d)) return NaN;
        invertLower(tmp, d, 0, precFactor, k * dd);
        return -logDiagSum(tmp, d);
      }
      case 'tied': {
        if (k > 0) {
          precFactor.copyWithin(k * dd, 0, dd);
          return logNorm[0] - Math.log(weights[0]) + d * HALF_LOG_2PI;
        }
        tmp.set(cov.subarray(0, dd));
        if (!choleskyInPlace(tmp, d)) return NaN;
        invertLower(tmp, d, 0, precFactor, 0);
        return -logDiagSum(tmp, d);
      }
      case 'diag': {
        let s = 0;
        for (let a = 0; a < d; a++) {
          const v = cov[k * d + a];
          if (!(v > 0) || !Number.isFinite(v)) return NaN;
          precFactor[k * d + a] = 1 / Math.sqrt(v);
          s -= 0.5 * Math.log(v);
        }
        return s;
      }
      case 'spherical': {
        const v = cov[k];
        if (!(v > 0) || !Number.isFinite(v)) return NaN;
        precFactor.fill(1 / Math.sqrt(v), k * d, (k + 1) * d);
        return -0.5 * d * Math.log(v);
      }
    }
  };
  for (let k = 0; k < K; k++) {
    const ld = logDet(k);
    if (Number.isNaN(ld)) return p.covarianceType === 'tied' ? 0 : k;
    logNorm[k] = Math.log(weights[k]) - d * HALF_LOG_2PI + ld;
  }
  return -1;
}
