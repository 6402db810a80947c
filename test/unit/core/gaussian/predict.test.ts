import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandCovariances, predictResp } from '../../../../src/core/gaussian/predict';
import type { GaussianParams } from '../../../../src/core/gaussian/types';
import { FitError } from '../../../../src/core/mixture/errors';
import { assertClose, COVARIANCE_TYPES, naiveMixtureLogDensity, plantedMixture } from '../helpers';

describe('predictResp', () => {
  for (const t of COVARIANCE_TYPES) {
    it(`agrees with a naive density for '${t}' covariances`, () => {
      const { x, params } = plantedMixture(11, { nSamples: 40, nFeatures: 3, nComponents: 3, covarianceType: t });
      const { resp, logDensity, labels } = predictResp(params, x);
      for (let i = 0; i < x.rows; i++) {
        const row = Array.from(x.data.subarray(i * 3, i * 3 + 3));
        assertClose(logDensity[i], naiveMixtureLogDensity(params, row), { rtol: 1e-10 }, `row ${i}`);
        let s = 0, arg = 0;
        for (let k = 0; k < 3; k++) { s += resp[i * 3 + k]; if (resp[i * 3 + k] > resp[i * 3 + arg]) arg = k; }
        assertClose(s, 1, { rtol: 1e-14 });
        assert.equal(labels[i], arg);
      }
    });
  }

  it('marginalises NaN cells out (the density over the observed coordinates)', () => {
    const { x, params } = plantedMixture(12, { nSamples: 10, nFeatures: 4, nComponents: 2, covarianceType: 'full' });
    const data = Float64Array.from(x.data);
    data[0 * 4 + 1] = NaN; data[1 * 4 + 0] = NaN; data[1 * 4 + 3] = NaN; data[2 * 4 + 2] = NaN;
    const { logDensity } = predictResp(params, { ...x, data });
    for (let i = 0; i < 4; i++) {
      assertClose(logDensity[i], naiveMixtureLogDensity(params, Array.from(data.subarray(i * 4, i * 4 + 4))), { rtol: 1e-10 }, `row ${i}`);
    }
  });

  it('gives the weights and log density 0 for a row with nothing observed', () => {
    const { params } = plantedMixture(13, { nSamples: 1, nFeatures: 2, nComponents: 2, covarianceType: 'diag' });
    const { resp, logDensity } = predictResp(params, { data: Float64Array.from([NaN, NaN]), rows: 1, cols: 2 });
    assertClose(resp, params.weights, { rtol: 1e-14 });
    assert.ok(Math.abs(logDensity[0]) < 1e-15);
  });

  it('keeps finite responsibilities for a row far from every component', () => {
    const { params } = plantedMixture(14, { nSamples: 1, nFeatures: 2, nComponents: 3, covarianceType: 'full' });
    const { resp, logDensity } = predictResp(params, { data: Float64Array.from([1e6, -1e6]), rows: 1, cols: 2 });
    assert.ok(Number.isFinite(logDensity[0]));
    assert.ok(Array.from(resp).every(Number.isFinite));
    assertClose(resp.reduce((s, r) => s + r, 0), 1, { rtol: 1e-14 });
  });

  it('refuses data with the wrong number of columns', () => {
    const { params } = plantedMixture(15, { nSamples: 1, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    assert.throws(() => predictResp(params, { data: new Float64Array(3), rows: 1, cols: 3 }), (e: unknown) =>
      e instanceof FitError && e.message === 'The data has 3 columns but the model was fitted on 2. Pass the same columns as the fit.');
  });
});

describe('expandCovariances', () => {
  it('keeps full-layout models as they are and writes diagonal ones as full matrices', () => {
    const base = { kind: 'gaussian' as const, nComponents: 2, nFeatures: 2, weights: Float64Array.from([0.5, 0.5]), means: new Float64Array(4) };
    const p = (model: GaussianParams['model'], c: number[]): GaussianParams => ({ ...base, model, covariances: Float64Array.from(c) });
    assert.deepEqual(Array.from(expandCovariances(p('EEE', [2, 1, 1, 3, 2, 1, 1, 3]))), [2, 1, 1, 3, 2, 1, 1, 3]);
    assert.deepEqual(Array.from(expandCovariances(p('VVI', [1, 2, 3, 4]))), [1, 0, 0, 2, 3, 0, 0, 4]);
    assert.deepEqual(Array.from(expandCovariances(p('VII', [5, 5, 6, 6]))), [5, 0, 0, 5, 6, 0, 0, 6]);
  });
});
