/**
 * Information criteria with scikit-learn's sign convention: LOWER IS BETTER (mclust reports the negative).
 * n = rows used by the fit, p = free parameters (each family counts its own).
 */

/** BIC = −2 log L + p ln n. */
export const bic = (logLikelihood: number, p: number, n: number): number => -2 * logLikelihood + p * Math.log(n);

/** AIC = −2 log L + 2p. */
export const aic = (logLikelihood: number, p: number): number => -2 * logLikelihood + 2 * p;

/**
 * Σ_i log r_{i, label_i} over the rows: ICL (Biernacki et al. 2000) = BIC − 2 × this, i.e. BIC plus twice the
 * entropy of the hard classification, so ICL ≥ BIC and it prefers well-separated clusters.
 * @param resp at least nSamples × nComponents
 */
export function hardLogResp(resp: Float64Array, nSamples: number, nComponents: number): number {
  let s = 0;
  for (let i = 0; i < nSamples; i++) {
    let best = 0;
    for (let k = 0; k < nComponents; k++) if (resp[i * nComponents + k] > best) best = resp[i * nComponents + k];
    s += Math.log(best);
  }
  return s;
}

/** ICL on BIC's scale (see `hardLogResp`). */
export function icl(bicValue: number, resp: Float64Array, nComponents: number): number {
  return bicValue - 2 * hardLogResp(resp, resp.length / nComponents, nComponents);
}

/**
 * The log-likelihood a linearly converging EM run is heading for, by Aitken's δ² on its last three values
 * (McLachlan & Krishnan 2008, §4.9): ℓ∞ ≈ ℓ_{t−1} + (ℓ_t − ℓ_{t−1}) / (1 − a), a = (ℓ_t − ℓ_{t−1}) / (ℓ_{t−1} − ℓ_{t−2}).
 * Falls back to the last value when the rate is not in (0, 1) (the curve is not in its linear regime).
 */
export function aitkenLimit(curve: readonly number[]): number {
  const t = curve.length - 1;
  if (t < 2) return curve[t] ?? NaN;
  const d1 = curve[t] - curve[t - 1], d0 = curve[t - 1] - curve[t - 2];
  const a = d0 !== 0 ? d1 / d0 : 0;
  if (!(a > 0 && a < 1) || !(d1 > 0)) return curve[t];
  return curve[t - 1] + d1 / (1 - a);
}
