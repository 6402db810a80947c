import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { MODEL_NAMES } from '../../../../src/core/gaussian/models/catalog';
import { readCsvColumns, removeCells } from '../helpers';

// Every one of mclust's 14 models, with no regularisation, on iris (4 columns) as read and with 10% of its cells
// removed (missing-value EM over the observed coordinates): log p(X | θ_t) never decreases from one EM iteration to
// the next. The iterative M-steps (VEI VEE EVE VVE VEV) must raise the expected complete-data log-likelihood too.
const iris = readCsvColumns('samples/iris.csv', 4);
const holes = removeCells(iris, 0.1, 9);

describe('the log-likelihood never decreases with regCovar 0, for every covariance model', () => {
  for (const model of MODEL_NAMES) {
    for (const [what, x] of [['complete', iris], ['10% of cells missing', holes]] as const) {
      it(`${model}, iris ${what}`, () => {
        for (const [seed, init] of [[0, 'random-resp'], [1, 'kmeans++'], [2, 'random-points']] as const) {
          const fit = fitGaussianMixture(x, { nComponents: 3, model, regCovar: 0, tol: 0, maxIter: 40, nInit: 1, seed, init, missing: 'em', recordHistory: false });
          const run = fit.runs[0], ll = run.logLikelihood;
          assert.equal(run.failure, undefined, `${init}: ${run.failure}`);
          assert.equal(ll.length, 40, `${init}`);
          for (let j = 1; j < ll.length; j++) {
            assert.ok(ll[j] >= ll[j - 1] - 1e-9 * Math.abs(ll[j - 1]), `${init} iteration ${j + 1}: ${ll[j]} < ${ll[j - 1]}`);
          }
        }
      });
    }
  }
});
