/**
 * The M-step from the summed statistics of a pass (sklearn `_estimate_gaussian_parameters`, from sufficient
 * statistics rather than from X): weights and means in closed form, then the scatter matrices
 * W_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ that every covariance model's M-step (`models/estimate.ts`) starts from.
 */
import type { GaussianParams } from './types';
import { sumsLayout, type PrecisionLayout } from './pass';

/** Gaussian parameters in working units (layouts as `GaussianParams`). */
export interface WorkParams extends Omit<GaussianParams, 'kind'> {
  /** nComponents: N_k + 10ε (sklearn's guard against empty components). */
  readonly nk: Float64Array;
}

/** Length of the covariances array for a layout. */
export const covarianceLength = (layout: PrecisionLayout, K: number, d: number): number => (layout === 'full' ? K * d * d : K * d);

export function allocWorkParams(model: GaussianParams['model'], layout: PrecisionLayout, K: number, d: number): WorkParams {
  return {
    model, nComponents: K, nFeatures: d,
    weights: new Float64Array(K), means: new Float64Array(K * d),
    covariances: new Float64Array(covarianceLength(layout, K, d)), nk: new Float64Array(K),
  };
}

const TEN_EPS = 10 * Number.EPSILON;

/**
 * Writes weights, means and N_k into `out` and the scatter matrices into `scatter`.
 * @param sums [N_k | S1 = Σ r (x − c) | S2 = Σ r (x − c)(x − c)ᵀ (upper triangle) or its diagonal | …]
 * @param centres nComponents × d, the c_k the statistics were taken about (may alias `out.means`)
 * @param scatter 'full': K × d × d, both triangles written; 'diag': K × d diagonals
 * Weights are N_k / Σ N_k: the same as N_k / N when every row's responsibilities add up to one, and right for a
 * start given on a subset of the rows.
 */
export function weightsMeansScatter(
  sums: Float64Array, centres: Float64Array, layout: PrecisionLayout, out: WorkParams, scatter: Float64Array,
): void {
  const { nComponents: K, nFeatures: d, weights, means, nk } = out;
  const L = sumsLayout(K, d, layout);
  let nkTotal = 0;
  for (let k = 0; k < K; k++) {
    nk[k] = sums[k] + TEN_EPS;
    nkTotal += nk[k];
  }
  for (let k = 0; k < K; k++) {
    weights[k] = nk[k] / nkTotal;
    const s1 = L.s1 + k * d, s2 = L.s2 + k * L.m2, inv = 1 / nk[k];
    if (layout === 'full') {
      const base = k * d * d;
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          // Σ r (x − c)(x − c)ᵀ − N m mᵀ with m = S1/N: the scatter about the new mean.
          const raw = sums[s2 + a * d + b] - sums[s1 + a] * sums[s1 + b] * inv;
          const v = a === b ? Math.max(0, raw) : raw; // rounding must not make a variance negative
          scatter[base + a * d + b] = v;
          scatter[base + b * d + a] = v;
        }
      }
    } else {
      for (let a = 0; a < d; a++) scatter[k * d + a] = Math.max(0, sums[s2 + a] - sums[s1 + a] * sums[s1 + a] * inv);
    }
  }
  // Means last: `centres` may be `out.means`.
  for (let k = 0; k < K; k++) {
    const inv = 1 / nk[k];
    for (let a = 0; a < d; a++) means[k * d + a] = centres[k * d + a] + sums[L.s1 + k * d + a] * inv;
  }
}
