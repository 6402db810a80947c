import { choleskyInPlace } from '../linalg/cholesky';
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

/**
 * Components that are flat in some direction without having collapsed: their rows lie on a line or plane
 * (repeated or rounded values, e.g. iris), so the covariance's smallest eigenvalue comes only from regCovar.
 * Such a component is a spurious maximum: the likelihood (and BIC) grows without bound as regCovar → 0.
 * Tested with a Cholesky factorisation of Σ_k − (regCovar + τ)·I, τ = 1e-9 × the component's mean variance:
 * it fails exactly when the smallest eigenvalue is within τ of regCovar.
 */
export function flatComponents(p: WorkParams, columnVariance: Float64Array, regCovar: number): number[] {
  const { nComponents: K, nFeatures: d, covariances: c } = p;
  const collapsed = new Set(collapsedComponents(p, columnVariance, regCovar));
  const out: number[] = [];
  const work = new Float64Array(d * d);
  for (let k = 0; k < K; k++) {
    if (collapsed.has(k) || p.covarianceType === 'tied') continue;
    let trace = 0;
    for (let a = 0; a < d; a++) trace += variance(p, k, a) - regCovar;
    const tau = 1e-9 * Math.max(trace / d, 0);
    let flat: boolean;
    if (p.covarianceType === 'full') {
      for (let j = 0; j < d * d; j++) work[j] = c[k * d * d + j];
      for (let a = 0; a < d; a++) work[a * d + a] -= regCovar + tau;
      flat = !choleskyInPlace(work, d);
    } else {
      flat = false;
      for (let a = 0; a < d && !flat; a++) flat = variance(p, k, a) - regCovar <= tau;
    }
    if (flat) out.push(k);
  }
  return out;
}

function variance(p: WorkParams, k: number, a: number): number {
  const { nFeatures: d, covariances: c } = p;
  switch (p.covarianceType) {
    case 'full': return c[k * d * d + a * d + a];
    case 'tied': return c[a * d + a];
    case 'diag': return c[k * d + a];
    case 'spherical': return c[k];
  }
}
