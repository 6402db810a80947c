import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aic, aitkenLimit, bic, icl } from '../../../../src/core/mixture/criteria';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { MODEL_ALIASES, MODEL_NAMES, nMixtureParameters as gaussianParameterCount } from '../../../../src/core/gaussian/models/catalog';
import { COVARIANCE_TYPES, plantedMixture } from '../helpers';

describe('gaussianParameterCount', () => {
  it("matches sklearn's table for 5 features and 2 components", () => {
    const got = Object.fromEntries(COVARIANCE_TYPES.map((t) => [t, gaussianParameterCount(MODEL_ALIASES[t], 2, 5)]));
    assert.deepEqual(got, { full: 41, tied: 26, diag: 21, spherical: 13 });
  });
});

describe('aitkenLimit', () => {
  it('finds the limit of a geometric approach exactly, and falls back to the last value otherwise', () => {
    const curve = [0, 1, 1.5, 1.75]; // gains halve: the limit is 2
    assert.ok(Math.abs(aitkenLimit(curve) - 2) < 1e-12);
    assert.equal(aitkenLimit([0, 1]), 1);
    assert.equal(aitkenLimit([0, 1, 3]), 3); // accelerating: no linear regime yet
  });
});

describe('bic, aic, icl', () => {
  it('use the lower-is-better sign: −2 log L plus a penalty', () => {
    assert.equal(bic(-100, 5, Math.E ** 2), 210);
    assert.equal(aic(-100, 5), 210);
  });
  it('make icl = bic for certain labels and larger when labels are uncertain', () => {
    assert.equal(icl(50, Float64Array.from([1, 0, 0, 1]), 2), 50);
    assert.ok(Math.abs(icl(50, Float64Array.from([0.5, 0.5, 0.5, 0.5]), 2) - (50 + 4 * Math.log(2))) < 1e-12);
  });
  it('give the same BIC for every covariance model in 1-D with one component', () => {
    const { x } = plantedMixture(3, { nSamples: 300, nFeatures: 1, nComponents: 1, covarianceType: 'full' });
    const bics = MODEL_NAMES.map((m) => fitGaussianMixture(x, { nComponents: 1, model: m }).bic);
    for (const b of bics) assert.ok(Math.abs(b - bics[0]) < 1e-8 * Math.abs(bics[0]), `${bics}`);
  });
});
