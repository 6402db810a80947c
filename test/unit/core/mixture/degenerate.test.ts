import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { createGaussianFamily } from '../../../../src/core/gaussian/family';
import { createSerialExecutor } from '../../../../src/core/gaussian/executor';
import { prepareData } from '../../../../src/core/gaussian/prepare';
import type { Matrix } from '../../../../src/core/mixture/types';
import { FitError, messages } from '../../../../src/core/mixture/errors';
import { createRng } from '../../../../src/core/numeric/rng';
import { plantedMixture } from '../helpers';

const matrix = (rows: number[][]): Matrix => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0]?.length ?? 1 });
const fitError = (code: string, message: string) => (e: unknown): boolean => {
  assert.ok(e instanceof FitError, String(e));
  assert.equal(e.code, code);
  assert.equal(e.message, message);
  return true;
};

describe('degenerate data', () => {
  it('refuses more components than distinct rows', () => {
    const x = matrix([[1, 2], [3, 4], [1, 2], [5, 6], [3, 4], [1, 2]]);
    assert.throws(() => fitGaussianMixture(x, { nComponents: 4 }), fitError('too-many-components', messages.tooManyComponents(4, 3)));
    assert.equal(messages.tooManyComponents(4, 3), 'Cannot fit 4 components: the data has only 3 distinct rows, so some components would have nothing of their own to describe. Use at most 3 components.');
    assert.equal(fitGaussianMixture(x, { nComponents: 3, model: 'VII' }).params.nComponents, 3);
  });

  it('explains a constant column with regCovar 0, and fits it with a notice when regCovar > 0', () => {
    const { x } = plantedMixture(50, { nSamples: 100, nFeatures: 3, nComponents: 2, covarianceType: 'full' });
    const data = Float64Array.from(x.data);
    for (let i = 0; i < 100; i++) data[i * 3 + 1] = 7.5;
    assert.throws(() => fitGaussianMixture({ ...x, data }, { nComponents: 2, regCovar: 0 }),
      fitError('constant-column', 'Column "column 2" is constant (it holds a single value), so its variance is 0 and no Gaussian can be fitted without regularisation. Leave the column out, or set the regularisation above 0 (e.g. 1e-6).'));
    const fit = fitGaussianMixture({ ...x, data }, { nComponents: 2 });
    assert.ok(Number.isFinite(fit.logLikelihood));
    assert.ok(fit.notices.some((n) => n.code === 'constant-column' && n.message.startsWith('Column "column 2" is constant')));
  });

  it('explains fewer rows than columns for the full-matrix models, and fits a diagonal one', () => {
    const x = matrix([[1, 2, 3, 4, 5], [2, 1, 0, 3, 3], [0, 0, 1, 1, 2]]);
    assert.throws(() => fitGaussianMixture(x, { nComponents: 1, model: 'VVV' }),
      fitError('too-few-rows', 'Only 3 rows for 5 columns: the VVV covariance model needs more rows than columns to be estimated. Use a diagonal or spherical model (VVI, EEI, VII, EII), fewer columns, or more rows.'));
    assert.throws(() => fitGaussianMixture(x, { nComponents: 1, model: 'EEE' }), fitError('too-few-rows', messages.tooFewRows(3, 5, 'EEE')));
    assert.ok(Number.isFinite(fitGaussianMixture(x, { nComponents: 1, model: 'VVI' }).logLikelihood));
  });

  it('explains a component collapsing onto a point when regCovar is 0; with regCovar 1e-6 every start that collapses is set aside', () => {
    const { x } = plantedMixture(51, { nSamples: 60, nFeatures: 2, nComponents: 1, covarianceType: 'full' });
    const rows: number[][] = [];
    for (let i = 0; i < 60; i++) rows.push([x.data[i * 2], x.data[i * 2 + 1]]);
    for (let i = 0; i < 15; i++) rows.push([40, -40]);
    const data = matrix(rows);
    assert.throws(() => fitGaussianMixture(data, { nComponents: 2, regCovar: 0, nInit: 1 }), (e: unknown) => {
      assert.ok(e instanceof FitError);
      assert.equal(e.code, 'ill-defined-covariance');
      assert.ok([0, 1].some((k) => e.message === messages.illDefinedCovariance(k)), e.message);
      assert.match(e.message, /^Fitting the mixture model failed because component \d has an ill-defined covariance .* Try fewer components, a larger regularisation/);
      return true;
    });
    // Fifteen identical rows: a component that takes them is spurious (15 ≤ 2·(d + 1) is false here, so 'flat').
    const fit = fitGaussianMixture(data, { nComponents: 2, regCovar: 1e-6, nInit: 1 });
    assert.equal(fit.issues.length, 1, JSON.stringify(fit.notices));
    assert.equal(fit.issues[0].kind, 'flat');
    assert.ok(fit.notices.some((n) => n.code === 'component-flat' && /share a single value in "column 1", "column 2"/.test(n.message)), JSON.stringify(fit.notices));
  });

  it('says all restarts failed when every one hits an ill-defined covariance', () => {
    const x = matrix([[0, 0], [0, 0], [0, 0], [1, 1], [1, 1], [1, 1]]);
    assert.throws(() => fitGaussianMixture(x, { nComponents: 2, regCovar: 0, nInit: 3 }), (e: unknown) =>
      e instanceof FitError && e.message.startsWith('All 3 starts failed. The first failure: Fitting the mixture model failed because component'));
  });

  it('re-seeds a component that lost all its rows and reports it', () => {
    const { x } = plantedMixture(52, { nSamples: 50, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    const data = prepareData(x, { missing: 'em', standardize: false }, (n) => new Float64Array(n));
    for (const model of ['VVV', 'VEV', 'EVE'] as const) {
      const family = createGaussianFamily(data, model, 1e-6, 2, createSerialExecutor());
      family.beginRun(createRng(0));
      family.resp.fill(0);
      for (let i = 0; i < 50; i++) family.resp[i * 2] = 1; // component 2 gets nothing
      family.statsFromResp();
      assert.deepEqual(family.mStep(0, 1), { reseeded: 1 }, model);
      assert.deepEqual(family.notices, [{ code: 'component-reseeded', message: 'Start 1, iteration 1: component 2 lost all its rows and was re-seeded at the row the model explained worst. If this keeps happening, use fewer components.' }]);
      const totals = family.eStep();
      assert.ok(!('failure' in totals) && Number.isFinite(totals.logLikelihood), model);
      family.end();
    }
  });
});

describe('input and option errors', () => {
  it('refuses an empty table and a table whose rows are all missing', () => {
    assert.throws(() => fitGaussianMixture({ data: new Float64Array(0), rows: 0, cols: 2 }, {}),
      fitError('no-rows', 'The table has no rows to fit. Choose a file or columns with numeric data.'));
    assert.throws(() => fitGaussianMixture(matrix([[NaN, NaN], [NaN, NaN]]), {}), fitError('no-rows', messages.noRows(2, 2)));
    assert.throws(() => fitGaussianMixture(matrix([[1, NaN], [NaN, 2]]), { missing: 'drop' }), fitError('no-rows', messages.noRows(2, 2)));
  });
  it('names a bad option and an infinite cell', () => {
    const x = matrix([[1], [2], [3]]);
    assert.throws(() => fitGaussianMixture(x, { nComponents: 0 }), fitError('bad-option', 'Option nComponents = 0 is not valid: it must be a whole number ≥ 1.'));
    assert.throws(() => fitGaussianMixture(x, { regCovar: -1 }), fitError('bad-option', 'Option regCovar = -1 is not valid: it must be a number ≥ 0.'));
    assert.throws(() => fitGaussianMixture(x, { model: 'VII', standardize: true }), fitError('bad-option', messages.standardizeModel('VII')));
    assert.throws(() => fitGaussianMixture(matrix([[1], [Infinity]]), {}), fitError('bad-input', 'Row 2, column "column 1" is infinite. Remove or correct that value (leave it empty to treat it as missing).'));
  });
});
