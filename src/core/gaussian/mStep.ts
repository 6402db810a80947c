/**
 * Closed-form M-step from the summed statistics of a pass (sklearn `_estimate_gaussian_parameters` and
 * `_estimate_gaussian_covariances_{full,tied,diag,spherical}`, but from sufficient statistics, not from X).
 */
import type { CovarianceType, GaussianParams } from '../mixture/types';
import { fullMoments, sumsLayout } from './pass';

/** Gaussian parameters in working units. Layouts as `GaussianParams`. */
export interface WorkParams extends Omit<GaussianParams, 'kind'> {
  /** nComponents: N_k + 10ε (sklearn's guard against empty components). */
  readonly nk: Float64Array;
}

/** Length of the covariances array for a structure. */
export function covarianceLength(t: CovarianceType, K: number, d: number): number {
  switch (t) {
    case 'full': return K * d * d;
    case 'tied': return d * d;
    case 'diag': return K * d;
    case 'spherical': return K;
  }
}

export function allocWorkParams(t: CovarianceType, K: number, d: number): WorkParams {
  return {
    covarianceType: t, nComponents: K, nFeatures: d,
    weights: new Float64Array(K), means: new Float64Array(K * d),
    covariances: new Float64Array(covarianceLength(t, K, d)), nk: new Float64Array(K),
  };
}

const TEN_EPS = 10 * Number.EPSILON;

/**
 * Writes θ from the statistics into `out`.
 * @param sums [N_k | S1 = Σ r (x − c) | S2 = Σ r (x − c)(x − c)ᵀ (upper triangle) or its diagonal | …]
 * @param centres nComponents × d, the c_k the statistics were taken about (may alias `out.means`)
 * @param nSamples N, the divisor of the weights
 */
export function mStep(sums: Float64Array, centres: Float64Array, regCovar: number, nSamples: number, out: WorkParams): void {
  const { nComponents: K, nFeatures: d, covarianceType: t } = out;
  const L = sumsLayout(K, d, t);
  const { weights, means, covariances: cov, nk } = out;
  let nkTotal = 0;
  for (let k = 0; k < K; k++) {
    nk[k] = sums[k] + TEN_EPS;
    nkTotal += nk[k];
    weights[k] = nk[k] / nSamples;
  }
  if (t === 'tied') cov.fill(0);
  for (let k = 0; k < K; k++) {
    const s1 = L.s1 + k * d, s2 = L.s2 + k * L.m2, inv = 1 / nk[k];
    if (fullMoments(t)) {
      const base = t === 'full' ? k * d * d : 0;
      // tied pools N_k·C_k over components, so scale by N_k / ΣN_k instead of 1.
      const scale = t === 'full' ? 1 : nk[k] / nkTotal;
      for (let a = 0; a < d; a++) {
        const ma = sums[s1 + a] * inv;
        for (let b = a; b < d; b++) {
          const v = scale * (sums[s2 + a * d + b] * inv - ma * sums[s1 + b] * inv);
          cov[base + a * d + b] += t === 'full' ? v - cov[base + a * d + b] : v;
        }
      }
    } else {
      let total = 0;
      for (let a = 0; a < d; a++) {
        const ma = sums[s1 + a] * inv;
        const v = sums[s2 + a] * inv - ma * ma + regCovar;
        if (t === 'diag') cov[k * d + a] = v;
        total += v;
      }
      if (t === 'spherical') cov[k] = total / d;
    }
  }
  // Means last: `centres` may be `out.means`.
  for (let k = 0; k < K; k++) {
    const inv = 1 / nk[k];
    for (let a = 0; a < d; a++) means[k * d + a] = centres[k * d + a] + sums[L.s1 + k * d + a] * inv;
  }
  if (!fullMoments(t)) return;
  const nBlocks = t === 'full' ? K : 1;
  for (let k = 0; k < nBlocks; k++) {
    const base = k * d * d;
    for (let a = 0; a < d; a++) {
      cov[base + a * d + a] += regCovar;
      for (let b = a + 1; b < d; b++) cov[base + b * d + a] = cov[base + a * d + b];
    }
  }
}
