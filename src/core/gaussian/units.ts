/** Working units (z = (x − shift) / scale) back to the user's. */
import type { GaussianParams } from '../mixture/types';
import type { WorkParams } from './mStep';

/**
 * μ = shift + scale ∘ μ_z, Σ_ab = scale_a scale_b Σz_ab (diag: scale_a² σ²_a). Spherical is only fitted with
 * scale = 1 (standardize + spherical is refused), so its variances carry over unchanged.
 */
export function toUserParams(p: WorkParams, shift: Float64Array, scale: Float64Array): GaussianParams {
  const { nComponents: K, nFeatures: d, covarianceType: t } = p;
  const means = new Float64Array(K * d);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) means[k * d + a] = shift[a] + scale[a] * p.means[k * d + a];
  const covariances = Float64Array.from(p.covariances);
  if (t === 'full' || t === 'tied') {
    const blocks = t === 'full' ? K : 1;
    for (let k = 0; k < blocks; k++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariances[k * d * d + a * d + b] *= scale[a] * scale[b];
  } else if (t === 'diag') {
    for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) covariances[k * d + a] *= scale[a] * scale[a];
  }
  return { kind: 'gaussian', covarianceType: t, nComponents: K, nFeatures: d, weights: Float64Array.from(p.weights), means, covariances };
}
