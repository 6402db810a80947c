/** The quantity every covariance M-step maximises, for checking an estimate or comparing two. */
import type { CovarianceLayout } from './catalog';
import type { ScatterInput } from './types';
import { choleskyIfDefinite, inverseFromCholesky, logDetFromCholesky, traceProduct } from './workspace';

/**
 * Σ_k [ −N_k/2 · log|Σ_k| − ½ tr(W̃_k Σ_k⁻¹) ] with W̃_k = W_k + N_k·reg·I: the covariance part of the expected
 * complete-data log-likelihood (Celeux & Govaert 1995, eq. 6) up to a constant.
 * @param sigma Σ_k in `layout` (K×d×d or K×d), the scatter of `input` in the same layout.
 * @returns −∞ when some Σ_k is not positive definite.
 */
export function covarianceObjective(layout: CovarianceLayout, input: ScatterInput, sigma: Float64Array): number {
  const { K, d, nk, scatter, regCovar } = input;
  let total = 0;
  if (layout === 'diag') {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        const s = sigma[k * d + j];
        if (!(s > 0) || !Number.isFinite(s)) return -Infinity;
        total -= (nk[k] * Math.log(s) + (scatter[k * d + j] + nk[k] * regCovar) / s) / 2;
      }
    }
    return total;
  }
  const dd = d * d, l = new Float64Array(dd), inv = new Float64Array(dd), tmp = new Float64Array(dd);
  for (let k = 0; k < K; k++) {
    if (!choleskyIfDefinite(sigma, k * dd, d, l)) return -Infinity;
    inverseFromCholesky(l, d, inv, tmp);
    let trace = traceProduct(scatter, k * dd, inv, 0, d);
    for (let j = 0; j < d; j++) trace += nk[k] * regCovar * inv[j * d + j];
    total -= (nk[k] * logDetFromCholesky(l, d) + trace) / 2;
  }
  return total;
}
