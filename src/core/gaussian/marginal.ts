import { choleskyInPlace, invertLower, logDiagSum } from '../linalg/cholesky';

/**
 * Factors of each component's Gaussian restricted to one missing-value pattern (which coordinates are observed),
 * so rows with that pattern get their marginal log density and the conditional law of the missing coordinates.
 * Standard MVN conditioning: x_m | x_o ~ N(μ_m + B (x_o − μ_o), Σ_mm − B Σ_om) with B = Σ_mo Σ_oo⁻¹.
 */
export interface PatternFactors {
  /** Observed feature indices (length o) and missing ones (length m = d − o). */
  readonly observed: Int32Array;
  readonly missing: Int32Array;
  /** K × o × o: M_k = L_k⁻¹ (lower) where Σ_oo = L Lᵀ, so ‖M (x_o − μ_o)‖² is the Mahalanobis distance. */
  readonly invChol: Float64Array;
  /** K: log det of the precision's Cholesky factor of Σ_oo, −Σ log L_jj. */
  readonly logDetPrecChol: Float64Array;
  /** K × m × o: B_k = Σ_mo Σ_oo⁻¹ (empty unless conditionals were asked for). */
  readonly regression: Float64Array;
  /** K × m × m: conditional covariance Σ_mm − B Σ_om (empty unless asked for). */
  readonly condCov: Float64Array;
  /** Scratch for recomputing the factors in place (o × o + o × m). */
  readonly work: Float64Array;
}

/** A bit string key for the observed/missing pattern of one row; '' when nothing is missing. */
export function patternKey(x: Float64Array, rowOff: number, d: number): string {
  let key = '';
  let any = false;
  for (let a = 0; a < d; a++) {
    const miss = Number.isNaN(x[rowOff + a]);
    any ||= miss;
    key += miss ? '1' : '0';
  }
  return any ? key : '';
}

/**
 * Factors for one pattern.
 * @param cov nComponents × d × d full covariances (row-major)
 * @param key the pattern from {@link patternKey} ('1' = missing); '' means all observed
 * @param reuse factors made earlier for the same key, K and withConditional: recomputed in place (no allocation)
 * @returns the factors, or the index of the first component whose Σ_oo is not positive definite
 */
export function patternFactors(
  cov: Float64Array, K: number, d: number, key: string, withConditional: boolean, reuse?: PatternFactors,
): PatternFactors | number {
  const f = reuse ?? allocFactors(K, d, key, withConditional);
  const { invChol, logDetPrecChol, regression, condCov, work } = f;
  const obs = f.observed, mis = f.missing;
  const o = obs.length, m = mis.length;
  const l = work.subarray(0, o * o);
  const w = work.subarray(o * o);
  for (let k = 0; k < K; k++) {
    const c = k * d * d;
    for (let p = 0; p < o; p++) for (let q = 0; q < o; q++) l[p * o + q] = cov[c + obs[p] * d + obs[q]];
    if (!choleskyInPlace(l, o)) return k;
    logDetPrecChol[k] = -logDiagSum(l, o);
    invertLower(l, o, 0, invChol, k * o * o);
    if (!withConditional || m === 0) continue;
    // W = M Σ_om (o × m); B = Wᵀ M; condCov = Σ_mm − Wᵀ W.
    const mo = k * o * o;
    for (let p = 0; p < o; p++) {
      for (let q = 0; q < m; q++) {
        let s = 0;
        for (let r = 0; r <= p; r++) s += invChol[mo + p * o + r] * cov[c + obs[r] * d + mis[q]];
        w[p * m + q] = s;
      }
    }
    for (let q = 0; q < m; q++) {
      for (let p = 0; p < o; p++) {
        let s = 0;
        for (let r = p; r < o; r++) s += w[r * m + q] * invChol[mo + r * o + p];
        regression[k * m * o + q * o + p] = s;
      }
      for (let q2 = 0; q2 < m; q2++) {
        let s = cov[c + mis[q] * d + mis[q2]];
        for (let r = 0; r < o; r++) s -= w[r * m + q] * w[r * m + q2];
        condCov[k * m * m + q * m + q2] = s;
      }
    }
  }
  return f;
}

function allocFactors(K: number, d: number, key: string, withConditional: boolean): PatternFactors {
  const obs: number[] = [];
  const mis: number[] = [];
  for (let a = 0; a < d; a++) (key !== '' && key[a] === '1' ? mis : obs).push(a);
  const o = obs.length, m = mis.length;
  return {
    observed: Int32Array.from(obs), missing: Int32Array.from(mis),
    invChol: new Float64Array(K * o * o), logDetPrecChol: new Float64Array(K),
    regression: new Float64Array(withConditional ? K * m * o : 0), condCov: new Float64Array(withConditional ? K * m * m : 0),
    work: new Float64Array(o * o + o * m),
  };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * log N(x_o | μ_o, Σ_oo) for component k of one row, using the pattern's factors.
 * @param diff scratch of length ≥ o (holds x_o − μ_o on return, for the conditional mean)
 */
export function marginalLogProb(
  f: PatternFactors, k: number, x: Float64Array, rowOff: number, means: Float64Array, d: number, diff: Float64Array,
): number {
  const o = f.observed.length;
  for (let p = 0; p < o; p++) diff[p] = x[rowOff + f.observed[p]] - means[k * d + f.observed[p]];
  const mo = k * o * o;
  let maha = 0;
  for (let p = 0; p < o; p++) {
    let y = 0;
    for (let r = 0; r <= p; r++) y += f.invChol[mo + p * o + r] * diff[r];
    maha += y * y;
  }
  return -0.5 * (o * LOG_2PI + maha) + f.logDetPrecChol[k];
}
