import { describe, it } from 'node:test';
import { DEFAULT_GAUSSIAN_FIT_OPTIONS, fitGaussianMixture, selectGaussianModel } from '../../../../src/core/gaussian/fit';
import { predictResp } from '../../../../src/core/gaussian/predict';
import { fitMixedMixture } from '../../../../src/core/mixed/fit';
import type { Matrix } from '../../../../src/core/mixture/types';
import { assertClose, plantedMixture, removeCells } from '../helpers';

/** Columns in very different units, so standardising moves every log density by a lot. */
function scaled(x: Matrix, factors: number[]): Matrix {
  const data = Float64Array.from(x.data, (v, i) => v * factors[i % x.cols]);
  return { ...x, data };
}

/** The fit's per-row log density against the density of its own parameters at the rows, in the file's units. */
function assertFileUnits(fit: { logDensity: Float64Array; rowsUsed: Int32Array; params: Parameters<typeof predictResp>[0] }, x: Matrix, what: string): void {
  const rows = Array.from(fit.rowsUsed);
  const data = new Float64Array(rows.length * x.cols);
  rows.forEach((row, j) => data.set(x.data.subarray(row * x.cols, (row + 1) * x.cols), j * x.cols));
  const expected = predictResp(fit.params, { data, rows: rows.length, cols: x.cols }).logDensity;
  assertClose(fit.logDensity, expected, { rtol: 1e-8, atol: 1e-8 }, what);
}

describe('per-row log densities of a fit', () => {
  for (const standardize of [false, true]) {
    it(`are log p(x) in the file's units ${standardize ? 'when the columns were standardised' : 'without standardising'}`, () => {
      const { x } = plantedMixture(21, { nSamples: 300, nFeatures: 3, nComponents: 2, covarianceType: 'full' });
      const wide = scaled(x, [1000, 0.01, 1]);
      const fit = fitGaussianMixture(wide, { nComponents: 2, model: 'VVV', standardize, seed: 1, nInit: 2 });
      assertFileUnits(fit, wide, 'complete rows');
    });
  }

  it('are over the observed cells of rows with missing ones, standardised, in a sweep', () => {
    const { x } = plantedMixture(22, { nSamples: 300, nFeatures: 3, nComponents: 2, covarianceType: 'full' });
    const holed = removeCells(scaled(x, [50, 0.2, 7]), 0.1, 3);
    const sweep = selectGaussianModel(holed, { ...DEFAULT_GAUSSIAN_FIT_OPTIONS, nComponents: [1, 2], models: ['EEE', 'VVV'], standardize: true, seed: 1, nInit: 2 });
    assertFileUnits(sweep.best, holed, 'rows with missing cells');
  });

  it('are in the file\'s units for the numeric block of a standardised mixed model', () => {
    const { x } = plantedMixture(23, { nSamples: 200, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    const numeric = scaled(x, [100, 0.1]);
    const standardized = fitMixedMixture({ rows: x.rows, numeric, categorical: { names: [], levels: [], codes: new Int32Array(0) }, counts: { names: [], values: new Float64Array(0) } },
      { nComponents: 2, standardize: true, seed: 1, nInit: 2 });
    const plain = fitMixedMixture({ rows: x.rows, numeric, categorical: { names: [], levels: [], codes: new Int32Array(0) }, counts: { names: [], values: new Float64Array(0) } },
      { nComponents: 2, standardize: false, seed: 1, nInit: 2 });
    // VVV is scale invariant: both reach the same maximum, so each row's density is the same in the file's units.
    assertClose(standardized.logDensity, plain.logDensity, { rtol: 1e-4, atol: 1e-4 }, 'mixed, standardised vs not');
  });
});
