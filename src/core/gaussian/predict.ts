import type { Matrix } from '../mixture/types';
import type { GaussianParams } from './types';
import { logSumExp } from '../numeric/logsumexp';
import { expandCovariances } from './expand';
import { marginalLogProb, patternFactors, patternKey, type PatternFactors } from './marginal';
import { FitError, messages } from '../mixture/errors';

export { expandCovariances } from './expand';

/**
 * log N(x_i | μ_k, Σ_k) per row and component (n × K, row-major), with NaN cells marginalised out: each row uses the
 * Gaussian over its observed coordinates (0, the marginal over no coordinates, for a row with nothing observed).
 * @throws FitError 'ill-defined-covariance' when a covariance is not positive definite
 */
export function componentLogDensities(params: GaussianParams, x: Matrix): Float64Array {
  const { nComponents: K, nFeatures: d } = params;
  if (x.cols !== d) throw new FitError('bad-input', messages.columnsMismatch(x.cols, d));
  const cov = expandCovariances(params);
  const cache = new Map<string, PatternFactors>();
  const out = new Float64Array(x.rows * K);
  const diff = new Float64Array(d);
  for (let i = 0; i < x.rows; i++) {
    const rowOff = i * d;
    const key = patternKey(x.data, rowOff, d);
    let f = cache.get(key);
    if (f === undefined) {
      const made = patternFactors(cov, K, d, key, false);
      if (typeof made === 'number') throw new FitError('ill-defined-covariance', messages.illDefinedCovariance(made));
      f = made;
      cache.set(key, f);
    }
    for (let k = 0; k < K; k++) out[i * K + k] = marginalLogProb(f, k, x.data, rowOff, params.means, d, diff);
  }
  return out;
}

/**
 * Responsibilities from per-component log densities: resp_ik ∝ π_k · exp(logp_ik) by log-sum-exp, the row's log
 * density log Σ_k π_k p_ik, and the argmax label.
 */
export function respFromLogDensities(weights: ArrayLike<number>, logp: Float64Array, rows: number): { resp: Float64Array; logDensity: Float64Array; labels: Int32Array } {
  const K = weights.length;
  const logWeights = Float64Array.from(weights, Math.log);
  const resp = new Float64Array(rows * K);
  const logDensity = new Float64Array(rows);
  const labels = new Int32Array(rows);
  const weighted = new Float64Array(K);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < K; k++) weighted[k] = logWeights[k] + logp[i * K + k];
    const norm = logSumExp(weighted, 0, K);
    logDensity[i] = norm;
    let best = 0;
    for (let k = 0; k < K; k++) {
      const r = Math.exp(weighted[k] - norm);
      resp[i * K + k] = r;
      if (r > resp[i * K + best]) best = k;
    }
    labels[i] = best;
  }
  return { resp, logDensity, labels };
}

/**
 * E-step for any rows under fitted parameters (sklearn's `predict_proba` / `score_samples`), with NaN cells
 * marginalised out: each row uses the Gaussian over its observed coordinates. A row with nothing observed gets
 * the mixture weights as responsibilities and log density 0 (the marginal over no coordinates).
 * @param x nSamples × nFeatures, row-major, NaN = missing
 * @returns resp nSamples × nComponents (rows sum to 1); logDensity log p(x_i | θ) per row; labels argmax of resp
 * @throws FitError 'ill-defined-covariance' when a covariance is not positive definite
 */
export function predictResp(
  params: GaussianParams, x: Matrix,
): { resp: Float64Array; logDensity: Float64Array; labels: Int32Array } {
  return respFromLogDensities(params.weights, componentLogDensities(params, x), x.rows);
}
