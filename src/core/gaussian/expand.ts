import type { GaussianParams } from './types';
import { modelInfo } from './models/catalog';

/**
 * Every model's covariances written out as full matrices (for drawing, conditioning and export).
 * @returns nComponents × nFeatures × nFeatures, row-major (diagonal models have zeros off the diagonal).
 */
export function expandCovariances(params: GaussianParams): Float64Array {
  const { nComponents: K, nFeatures: d, covariances: c } = params;
  if (modelInfo(params.model).layout === 'full') return Float64Array.from(c);
  const out = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) out[k * d * d + a * d + a] = c[k * d + a];
  return out;
}
