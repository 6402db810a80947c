/**
 * Information criteria with scikit-learn's sign convention: LOWER IS BETTER (mclust reports the negative).
 * n = rows used by the fit, p = free parameters.
 */
import type { CovarianceType } from './types';

/**
 * Free parameters (sklearn `_n_parameters`): K − 1 weights, K·d means, and the covariances —
 * full K·d(d+1)/2, tied d(d+1)/2, diag K·d, spherical K. For d = 5, K = 2: 41, 26, 21, 13.
 */
export function nParameters(covarianceType: CovarianceType, nComponents: number, nFeatures: number): number {
  const K = nComponents, d = nFeatures;
  const cov = { full: (K * d * (d + 1)) / 2, tied: (d * (d + 1)) / 2, diag: K * d, spherical: K }[covarianceType];
  return cov + K * d + K - 1;
}

/** BIC = −2 log L + p ln n. */
export const bic = (logLikelihood: number, p: number, n: number): number => -2 * logLikelihood + p * Math.log(n);

/** AIC = −2 log L + 2p. */
export const aic = (logLikelihood: number, p: number): number => -2 * logLikelihood + 2 * p;

/**
 * ICL (Biernacki et al. 2000) on the same scale: BIC − 2 Σ_i log r_{i, label_i}, i.e. BIC plus twice the
 * entropy of the hard classification, so ICL ≥ BIC and it prefers well-separated clusters.
 * @param resp nSamples × nComponents
 */
export function icl(bicValue: number, resp: Float64Array, nComponents: number): number {
  let s = 0;
  const n = resp.length / nComponents;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 0; k < nComponents; k++) if (resp[i * nComponents + k] > best) best = resp[i * nComponents + k];
    s += Math.log(best);
  }
  return bicValue - 2 * s;
}
