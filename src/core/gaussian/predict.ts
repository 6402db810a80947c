import type { Matrix } from '../mixture/types';
import type { GaussianParams } from './types';
import { logSumExp } from '../numeric/logsumexp';
import { expandCovariances } from './expand';
import { marginalLogProb, patternFactors, patternKey, type PatternFactors } from './marginal';
import { FitError, messages } from '../mixture/errors';

export { expandCovariances } from './expand';

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
  const { nComponents: K, nFeatures: d } = params;
  if (x.cols !== d) throw new FitError('bad-input', messages.columnsMismatch(x.cols, d));
  const cov = expandCovariances(params);
  const cache = new Map<string, PatternFactors>();
  const logWeights = Float64Array.from(params.weights, Math.log);
  const resp = new Float64Array(x.rows * K);
  const logDensity = new Float64Array(x.rows);
  const labels = new Int32Array(x.rows);
  const weighted = new Float64Array(K);
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
    for (let k = 0; k < K; k++) weighted[k] = logWeights[k] + marginalLogProb(f, k, x.data, rowOff, params.means, d, diff);
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
