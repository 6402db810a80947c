import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { predictResp } from '../../../../src/core/gaussian/predict';
import { assertClose, plantedMixture, removeCells, sortByMean } from '../helpers';
import type { Matrix } from '../../../../src/core/mixture/types';
import type { GaussianParams } from '../../../../src/core/gaussian/types';
import type { GaussianFit as FitResult } from '../../../../src/core/gaussian/fit';
import { MODEL_ALIASES } from '../../../../src/core/gaussian/models/catalog';
import { rowIsUsed } from '../../../../src/core/gaussian/prepare';

/** Largest distance between matched means of a fit and the truth. */
function meanError(fit: GaussianParams, truth: GaussianParams): number {
  const d = truth.nFeatures, a = sortByMean(fit), b = sortByMean(truth);
  let worst = 0;
  a.forEach((k, j) => { let s = 0; for (let c = 0; c < d; c++) s += (fit.means[k * d + c] - truth.means[b[j] * d + c]) ** 2; worst = Math.max(worst, Math.sqrt(s)); });
  return worst;
}

/** Mean log density of held-out complete rows. */
const heldOut = (fit: FitResult, test: Matrix): number => predictResp(fit.params, test).logDensity.reduce((s, v) => s + v, 0) / test.rows;

describe('missing values (EM over the observed coordinates)', () => {
  for (const share of [0.1, 0.2, 0.3]) {
    it(`recovers planted parameters with ${share * 100}% of cells removed and beats dropping rows`, () => {
      const { x, params: truth } = plantedMixture(40, { nSamples: 1500, nFeatures: 4, nComponents: 3, covarianceType: 'full', separation: 5 });
      const { x: test } = plantedMixture(40, { nSamples: 1500, nFeatures: 4, nComponents: 3, covarianceType: 'full', separation: 5 });
      const holes = removeCells(x, share, 41);
      const em = fitGaussianMixture(holes, { nComponents: 3, nInit: 3, seed: 2, missing: 'em' });
      const drop = fitGaussianMixture(holes, { nComponents: 3, nInit: 3, seed: 2, missing: 'drop' });
      assert.ok(em.nImputedRows > 0);
      assert.equal(em.nDropped, 0);
      assert.equal(drop.nDropped, em.nImputedRows);
      assert.equal(em.rowsUsed.length, 1500);
      const order = sortByMean(em.params), want = sortByMean(truth);
      order.forEach((k, j) => assertClose(em.params.weights[k], truth.weights[want[j]], { rtol: 0.15 }, 'weight'));
      assert.ok(meanError(em.params, truth) < 0.3, `mean error ${meanError(em.params, truth)}`);
      // Using the incomplete rows must help: better fit to held-out data than complete-case analysis.
      assert.ok(heldOut(em, test) > heldOut(drop, test), `em ${heldOut(em, test)} vs drop ${heldOut(drop, test)}`);
    });
  }

  it('imputes missing cells closer to the truth than the column means, and never decreases the log-likelihood', () => {
    const { x } = plantedMixture(42, { nSamples: 800, nFeatures: 3, nComponents: 2, covarianceType: 'full', separation: 6 });
    const holes = removeCells(x, 0.2, 43);
    const fit = fitGaussianMixture(holes, { nComponents: 2, regCovar: 0, tol: 0, maxIter: 40 });
    const ll = fit.runs[0].logLikelihood;
    for (let j = 1; j < ll.length; j++) assert.ok(ll[j] >= ll[j - 1] - 1e-12 * Math.abs(ll[j]), `iteration ${j + 1}`);
    const imputed = fit.imputed;
    assert.ok(imputed);
    const colMean = [0, 1, 2].map((a) => { let s = 0, n = 0; for (let i = 0; i < 800; i++) { const v = holes.data[i * 3 + a]; if (!Number.isNaN(v)) { s += v; n++; } } return s / n; });
    let errImputed = 0, errMean = 0, nMissing = 0;
    for (let j = 0; j < holes.data.length; j++) {
      if (!Number.isNaN(holes.data[j])) { assert.equal(imputed[j], holes.data[j]); continue; }
      nMissing++;
      errImputed += (imputed[j] - x.data[j]) ** 2;
      errMean += (colMean[j % 3] - x.data[j]) ** 2;
    }
    assert.ok(nMissing > 100);
    assert.ok(errImputed < 0.5 * errMean, `${errImputed} vs ${errMean}`);
  });

  it('gives the observed-data log-likelihood (marginal density of each row)', () => {
    const { x } = plantedMixture(44, { nSamples: 300, nFeatures: 3, nComponents: 2, covarianceType: 'diag', separation: 5 });
    const holes = removeCells(x, 0.25, 45);
    for (const t of ['full', 'tied', 'diag', 'spherical'] as const) {
      const fit = fitGaussianMixture(holes, { nComponents: 2, model: MODEL_ALIASES[t] });
      assertClose(fit.logLikelihood, predictResp(fit.params, holes).logDensity.reduce((s, v) => s + v, 0), { rtol: 1e-10 }, t);
    }
  });

  it('skips and counts rows with every fitted value missing, naming the fitted columns when it knows them', () => {
    const { x } = plantedMixture(46, { nSamples: 200, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    const data = Float64Array.from(x.data);
    data[0] = NaN; data[1] = NaN; data[10] = NaN; data[11] = NaN; data[20] = NaN;
    const fit = fitGaussianMixture({ ...x, data }, { nComponents: 2 });
    assert.equal(fit.nDropped, 2);
    assert.equal(fit.nImputedRows, 1);
    assert.equal(fit.rowsUsed.length, 198);
    assert.ok(!fit.rowsUsed.includes(0) && !fit.rowsUsed.includes(5) && fit.rowsUsed.includes(10));
    assert.ok(Number.isNaN(fit.imputed?.[0] ?? 0) && Number.isFinite(fit.imputed?.[20] ?? NaN));
    assert.deepEqual(fit.notices.find((n) => n.code === 'rows-skipped'), { code: 'rows-skipped', message: '2 rows with every fitted value missing were skipped.' });
    // With the columns' names (as the panel and the CLI fit), the notice says which columns were empty: other columns
    // of the file may hold values in those rows.
    const named = fitGaussianMixture({ ...x, data }, { nComponents: 2, columnNames: ['height', 'weight'] });
    assert.equal(named.notices.find((n) => n.code === 'rows-skipped')?.message, '2 rows with every fitted value missing (columns height, weight) were skipped.');
    const one = fitGaussianMixture({ data: Float64Array.from({ length: 100 }, (_, i) => (i === 7 ? NaN : (i % 2) * 10 + (i % 7) / 7)), rows: 100, cols: 1 },
      { nComponents: 2, columnNames: ['height'] });
    assert.equal(one.notices.find((n) => n.code === 'rows-skipped')?.message, '1 row with the fitted value missing (column height) was skipped.');
  });
});

describe('the rows a fit uses', () => {
  it('are the complete rows with drop, and every row with one observed cell with em', () => {
    assert.deepEqual([0, 1, 2, 3].map((seen) => rowIsUsed(seen, 3, 'drop')), [false, false, false, true]);
    assert.deepEqual([0, 1, 2, 3].map((seen) => rowIsUsed(seen, 3, 'em')), [false, true, true, true]);
  });
});
