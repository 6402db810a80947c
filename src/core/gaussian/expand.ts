import type { GaussianParams } from '../mixture/types';

/**
 * Every covariance structure written out as full matrices.
 * @returns nComponents × nFeatures × nFeatures, row-major (tied is repeated per component; diag and spherical
 *   have zeros off the diagonal).
 */
export function expandCovariances(params: GaussianParams): Float64Array {
  const { nComponents: K, nFeatures: d, covariances: c } = params;
  const out = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) {
    const o = k * d * d;
    switch (params.covarianceType) {
      case 'full': out.set(c.subarray(o, o + d * d), o); break;
      case 'tied': out.set(c.subarray(0, d * d), o); break;
      case 'diag': for (let a = 0; a < d; a++) out[o + a * d + a] = c[k * d + a]; break;
      case 'spherical': for (let a = 0; a < d; a++) out[o + a * d + a] = c[k]; break;
    }
  }
  return out;
}
