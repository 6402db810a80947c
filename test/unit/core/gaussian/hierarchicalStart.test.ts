import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agglomerate, HC_COLUMNS } from '../../../../src/core/gaussian/hierarchicalStart';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { createRng } from '../../../../src/core/numeric/rng';

/** n rows × d columns in two groups apart in every column. */
function twoGroups(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) x[i * d + c] = (i % 2) * 4 + rng.normal();
  return x;
}

describe('the hierarchical start on wide data', () => {
  it('builds no sphered tree with no more rows than columns (every pair of sphered rows is equally far apart)', () => {
    const x = twoGroups(30, 40, 1);
    assert.equal(agglomerate(x, 30, 40, 'SPH', () => false), null);
    assert.equal(agglomerate(x.subarray(0, 29 * 40), 29, 40, 'SPH', () => false), null);
    assert.ok(agglomerate(x, 30, 40, 'SVD', () => false)?.tree, 'the SVD tree still exists');
    const tall = twoGroups(60, 5, 2);
    assert.ok(agglomerate(tall, 60, 5, 'SPH', () => false)?.tree, 'more rows than columns: a sphered tree');
  });

  it(`starts with k-means++ instead of a tree above ${HC_COLUMNS} columns, and still separates the groups`, () => {
    const n = 80;
    const d = HC_COLUMNS + 1;
    const fit = fitGaussianMixture({ data: twoGroups(n, d, 3), rows: n, cols: d }, { nComponents: 2, model: 'VVI', nInit: 4, seed: 0 });
    assert.ok(fit.runs.length >= 2);
    for (const r of fit.runs) assert.ok(r.init !== 'hierarchical' && r.init !== 'hierarchical-sphered', `run ${r.run} began from ${r.init}`);
    const labels = fit.labels;
    for (let i = 2; i < n; i++) assert.equal(labels[i] === labels[0], i % 2 === 0, `row ${i}`);
    // At HC_COLUMNS columns the portfolio's first start is still mclust's tree.
    const narrow = fitGaussianMixture({ data: twoGroups(n, HC_COLUMNS, 3), rows: n, cols: HC_COLUMNS }, { nComponents: 2, model: 'VVI', nInit: 4, seed: 0 });
    assert.equal(narrow.runs[0].init, 'hierarchical');
  });
});
