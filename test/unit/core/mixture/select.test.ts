import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectModel } from '../../../../src/core/mixture/select';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { plantedMixture } from '../helpers';

describe('selectModel', () => {
  it('fits the grid and picks the planted K by lowest BIC', () => {
    const { x } = plantedMixture(60, { nSamples: 900, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 8 });
    const sel = selectModel(x, { kValues: [1, 2, 3, 4, 5], covarianceTypes: ['full', 'diag'], nInit: 2 });
    assert.equal(sel.table.length, 10);
    assert.equal(sel.lowerIsBetter, true);
    assert.equal(sel.criterion, 'bic');
    const best = sel.table[sel.bestIndex];
    assert.equal(best.nComponents, 3);
    assert.equal(best.bic, Math.min(...sel.table.map((r) => r.bic)));
    assert.equal(sel.best.bic, best.bic);
    const direct = fitGaussianMixture(x, { nComponents: best.nComponents, covarianceType: best.covarianceType, nInit: 2 });
    assert.equal(direct.bic, best.bic);
  });

  it('keeps cells that cannot be fitted in the table with their message', () => {
    const x = { data: Float64Array.from([1, 2, 1, 2, 3, 4]), rows: 3, cols: 2 };
    const sel = selectModel(x, { kValues: [1, 4], covarianceTypes: ['diag'] });
    assert.equal(sel.table[1].error?.code, 'too-many-components');
    assert.ok(Number.isNaN(sel.table[1].bic));
    assert.equal(sel.bestIndex, 0);
  });

  it('announces each candidate and keeps its parameters and hard counts', () => {
    const { x } = plantedMixture(61, { nSamples: 300, nFeatures: 2, nComponents: 2, covarianceType: 'full', separation: 8 });
    const seen: string[] = [];
    const sel = selectModel(x, { kValues: [1, 2], covarianceTypes: ['full', 'spherical'] }, {
      onModel: (index, total, k, covarianceType) => seen.push(`${index}/${total} ${k} ${covarianceType}`),
    });
    assert.deepEqual(seen, ['0/4 1 full', '1/4 1 spherical', '2/4 2 full', '3/4 2 spherical']);
    for (const row of sel.table) {
      assert.equal(row.params?.nComponents, row.nComponents);
      assert.equal(row.counts?.reduce((a, b) => a + b, 0), 300);
    }
    assert.equal(sel.table[sel.bestIndex].params, sel.best.params);
  });
});
