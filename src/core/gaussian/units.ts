/** Working units (z = (x − shift) / scale) back to the user's. */
import type { NumericTable } from '../mixture/types';
import { valueAt } from '../mixture/numericTable';
import type { GaussianParams } from './types';
import type { WorkParams } from './mStep';
import type { PrecisionLayout } from './pass';

/**
 * μ = shift + scale ∘ μ_z, Σ_ab = scale_a scale_b Σz_ab (diagonal layout: scale_a² σ²_a). Models whose meaning a
 * change of scale would break are only fitted with scale = 1 (see `prepare.ts`), so theirs carry over unchanged.
 */
export function toUserParams(p: WorkParams, layout: PrecisionLayout, shift: Float64Array, scale: Float64Array): GaussianParams {
  const { nComponents: K, nFeatures: d } = p;
  const means = new Float64Array(K * d);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) means[k * d + a] = shift[a] + scale[a] * p.means[k * d + a];
  const covariances = Float64Array.from(p.covariances);
  if (layout === 'full') {
    for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariances[k * d * d + a * d + b] *= scale[a] * scale[b];
  } else {
    for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) covariances[k * d + a] *= scale[a] * scale[a];
  }
  return { kind: 'gaussian', model: p.model, nComponents: K, nFeatures: d, weights: Float64Array.from(p.weights), means, covariances };
}

/**
 * Per-row log densities from working units to the file's, in place: log p(x) = log p(z) − Σ log scale_a over the
 * row's observed cells (the Jacobian of z = (x − shift) / scale). Nothing to do when the columns were not scaled.
 * @param logDensity one per fitted row (row j is input row rowsUsed[j])
 * @param x the input rows × d, NaN = missing
 */
export function logDensityToUserUnits(logDensity: Float64Array, rowsUsed: Int32Array, x: NumericTable, scale: Float64Array): void {
  const d = x.cols;
  const logScale = Float64Array.from(scale, (s) => Math.log(s));
  if (logScale.every((v) => v === 0)) return;
  for (let j = 0; j < rowsUsed.length; j++) {
    const row = rowsUsed[j];
    let shift = 0;
    for (let a = 0; a < d; a++) { const v = valueAt(x, row, a); if (v === v) shift += logScale[a]; }
    logDensity[j] -= shift;
  }
}
