import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { planStarts } from '../../../../src/core/mixture/starts';

/**
 * The crabs measurements (R's MASS::crabs, Campbell & Mahon 1974: FL, RW, CL, CW, BD of 200 crabs), where VVE with
 * K = 4 has maxima that its own starts miss: R mclust 6.0.0's Mclust(crabs, G = 4, modelNames = "VVE") ends at
 * −1308.005, and our ten starts without the full-model start ended at −1312.717 at best.
 */
function crabs(): { data: Float64Array; rows: number; cols: number } {
  const file = path.resolve(__dirname, '../../../../../test/fixtures/data/crabs.csv');
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const data = Float64Array.from(lines.flatMap((l) => l.split(',').map(Number)));
  return { data, rows: lines.length, cols: 5 };
}
const MCLUST_VVE = -1308.005;
const options = { nComponents: 4, nInit: 10, seed: 0, tol: 1e-6, maxIter: 1000, regCovar: 0 } as const;

describe("the portfolio's full-model start", () => {
  it('comes third, after the two trees, when the family offers it, and falls back to k-means++ when asked for without it', () => {
    assert.deepEqual(planStarts(5, 'portfolio', true, undefined, true), ['hierarchical', 'hierarchical-sphered', 'full-model', 'kmeans++', 'random-points']);
    assert.deepEqual(planStarts(4, 'portfolio', true), ['hierarchical', 'hierarchical-sphered', 'kmeans++', 'random-points']);
    assert.deepEqual(planStarts(2, 'full-model', true), ['kmeans++', 'kmeans++']);
    assert.deepEqual(planStarts(2, 'full-model', true, undefined, true), ['full-model', 'full-model']);
  });

  it('takes VVE on the crabs data to a maximum at least as high as mclust\'s, which its other starts miss', () => {
    const fit = fitGaussianMixture(crabs(), { ...options, model: 'VVE' });
    assert.ok(fit.logLikelihood >= MCLUST_VVE - 1e-6 * Math.abs(MCLUST_VVE), `VVE ends at ${fit.logLikelihood}, mclust at ${MCLUST_VVE}`);
    assert.ok(fit.runs.some((r) => r.init === 'full-model'), 'one start is the clusters of the VVV fit');
    // Every start but that one, run to the end, stays below mclust's maximum (so the start is what reaches it).
    const without = fitGaussianMixture(crabs(), { ...options, model: 'VVE', init: 'hierarchical', nInit: 1 });
    const others = fitGaussianMixture(crabs(), { ...options, model: 'VVE', init: 'kmeans++' });
    assert.ok(Math.max(without.logLikelihood, others.logLikelihood) < MCLUST_VVE, `${without.logLikelihood}, ${others.logLikelihood}`);
  });

  it('is offered to the models with an iterative M-step only', () => {
    const eee = fitGaussianMixture(crabs(), { ...options, model: 'EEE', nInit: 4 });
    assert.ok(eee.runs.every((r) => r.init !== 'full-model'));
    const vev = fitGaussianMixture(crabs(), { ...options, model: 'VEV', nInit: 4 });
    assert.ok(vev.runs.some((r) => r.init === 'full-model'));
  });
});
