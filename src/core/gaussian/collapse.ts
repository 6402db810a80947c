import type { WorkParams } from './mStep';

/**
 * Components whose covariance comes (almost) only from regCovar: the spread left after removing the
 * regularisation is below 1e-10 of the data's in every column, i.e. the component sits on a single point.
 * The fit stays finite thanks to regCovar, but its log-likelihood is inflated, so the user is told.
 */
export function collapsedComponents(p: WorkParams, columnVariance: Float64Array, regCovar: number): number[] {
  const { nComponents: K, nFeatures: d, covariances: c } = p;
  const out: number[] = [];
  for (let k = 0; k < K; k++) {
    let collapsed = true;
    for (let a = 0; a < d && collapsed; a++) {
      const v = p.covarianceType === 'full' ? c[k * d * d + a * d + a]
        : p.covarianceType === 'tied' ? c[a * d + a]
        : p.covarianceType === 'diag' ? c[k * d + a] : c[k];
      if (v - regCovar > 1e-10 * columnVariance[a]) collapsed = false;
    }
    if (collapsed) out.push(k);
  }
  return out;
}
