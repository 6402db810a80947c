import { describe, it } from 'node:test';
import { Matrix as MlMatrix, determinant, inverse } from 'ml-matrix';
import { computePrecision } from '../../../../src/core/gaussian/precision';
import { expandCovariances } from '../../../../src/core/gaussian/expand';
import { assertClose, COVARIANCE_TYPES, plantedMixture, precisionOf } from '../helpers';
import assert from 'node:assert/strict';

describe('computePrecision', () => {
  for (const t of COVARIANCE_TYPES) {
    it(`gives precisionChol·precisionCholᵀ = inv(Σ) and log det for '${t}'`, () => {
      const K = 3, d = 4, layout = precisionOf(t);
      const { params } = plantedMixture(21, { nSamples: 1, nFeatures: d, nComponents: K, covarianceType: t });
      const prec = new Float64Array(layout === 'full' ? K * d * d : K * d), logNorm = new Float64Array(K);
      assert.equal(computePrecision(layout, K, d, params.covariances, params.weights, prec, logNorm, new Float64Array(d * d)), -1);
      const full = expandCovariances(params);
      for (let k = 0; k < K; k++) {
        const S = new MlMatrix(Array.from({ length: d }, (_, a) => Array.from(full.subarray(k * d * d + a * d, k * d * d + a * d + d))));
        // Our factor M = L⁻¹ is sklearn's precisions_cholesky transposed: P = Mᵀ, P Pᵀ = Mᵀ M.
        const M = new MlMatrix(Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, a) =>
          layout === 'full' ? prec[k * d * d + j * d + a] : j === a ? prec[k * d + a] : 0)));
        assertClose(M.transpose().mmul(M).to1DArray(), inverse(S).to1DArray(), { rtol: 1e-10, atol: 1e-12 });
        const logDetPrecChol = logNorm[k] - Math.log(params.weights[k]) + 0.5 * d * Math.log(2 * Math.PI);
        assertClose(logDetPrecChol, -0.5 * Math.log(determinant(S)), { rtol: 1e-12 });
      }
    });
  }
  it('names the component whose covariance is not positive definite', () => {
    const weights = Float64Array.from([0.5, 0.5]);
    assert.equal(computePrecision('full', 2, 2, Float64Array.from([1, 0, 0, 1, 1, 1, 1, 1]), weights, new Float64Array(8), new Float64Array(2), new Float64Array(4)), 1);
    assert.equal(computePrecision('diag', 2, 2, Float64Array.from([1, 1, 0, 1]), weights, new Float64Array(4), new Float64Array(2), new Float64Array(4)), 1);
  });
});
