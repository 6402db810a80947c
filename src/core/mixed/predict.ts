/**
 * E-step of a mixed model for any rows: each row's responsibilities and log density, every missing cell's factor
 * dropped (numeric cells integrated out), as the fit computes them. Used to re-assign the panel's sample of rows to
 * another candidate or a replay iteration.
 */
import { componentLogDensities, respFromLogDensities } from '../gaussian/predict';
import type { Matrix } from '../mixture/types';
import { logFactorial } from './blocks';
import type { MixedParams } from './types';

/** Rows to score: numeric cells (NaN = missing), category codes (−1 = missing), counts (NaN = missing). */
export interface MixedRows {
  rows: number;
  numeric?: Matrix;
  /** rows × J codes into `params.categorical.levels[j]`. */
  codes: Int32Array;
  /** rows × C counts. */
  counts: Float64Array;
}

export function predictMixed(params: MixedParams, x: MixedRows): { resp: Float64Array; logDensity: Float64Array; labels: Int32Array } {
  const K = params.nComponents, n = x.rows;
  const J = params.categorical.names.length, C = params.counts.names.length;
  const g = params.gaussian;
  const logp = g && x.numeric
    ? componentLogDensities({ kind: 'gaussian', model: g.model, nComponents: K, nFeatures: g.nFeatures, weights: params.weights, means: g.means, covariances: g.covariances }, x.numeric)
    : new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    let fact = 0;
    for (let c = 0; c < C; c++) { const v = x.counts[i * C + c]; if (v === v) fact += logFactorial(v); }
    for (let k = 0; k < K; k++) {
      let s = -fact;
      for (let j = 0; j < J; j++) {
        const code = x.codes[i * J + j];
        if (code >= 0) s += Math.log(params.categorical.probabilities[j][k * params.categorical.levels[j].length + code]);
      }
      for (let c = 0; c < C; c++) {
        const v = x.counts[i * C + c];
        if (v !== v) continue;
        const rate = params.counts.rates[k * C + c];
        s += (v === 0 ? 0 : v * Math.log(rate)) - rate;
      }
      logp[i * K + k] += s;
    }
  }
  return respFromLogDensities(params.weights, logp, n);
}
