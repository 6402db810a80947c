import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussianMixture, selectGaussianModel, type GaussianSweepOptions } from '../../../../src/core/gaussian/fit';
import { DEFAULT_EM_OPTIONS } from '../../../../src/core/mixture/types';
import { DEFAULT_GAUSSIAN_OPTIONS } from '../../../../src/core/gaussian/types';
import { plantedMixture } from '../helpers';

const sweep = (o: Partial<GaussianSweepOptions> & Pick<GaussianSweepOptions, 'nComponents' | 'models'>): GaussianSweepOptions =>
  ({ ...DEFAULT_EM_OPTIONS, ...DEFAULT_GAUSSIAN_OPTIONS, ...o });

describe('selectModel', () => {
  it('fits the grid and picks the planted K by lowest BIC, refining what might be chosen', () => {
    const { x } = plantedMixture(60, { nSamples: 900, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 8 });
    const sel = selectGaussianModel(x, sweep({ nComponents: [1, 2, 3, 4, 5], models: ['VVV', 'VVI'], nInit: 2 }));
    assert.equal(sel.table.length, 10);
    assert.equal(sel.lowerIsBetter, true);
    assert.equal(sel.criterion, 'bic');
    const best = sel.table[sel.bestIndex];
    assert.equal(best.nComponents, 3);
    assert.equal(best.refined, true);
    // Refined rows carry their refined scores: the chosen one is the lowest BIC among them, and no unrefined
    // candidate's BIC beats it.
    assert.equal(best.bic, Math.min(...sel.table.map((r) => r.bic)));
    assert.equal(sel.best.bic, best.bic);
    // The same model fitted on its own (with refinement) reaches the same optimum.
    const direct = fitGaussianMixture(x, { nComponents: best.nComponents, model: best.variant as 'VVV', nInit: 2 });
    assert.ok(Math.abs(direct.bic - best.bic) < 1e-6 * Math.abs(best.bic), `${direct.bic} vs ${best.bic}`);
  });

  it('keeps cells that cannot be fitted in the table with their message', () => {
    const x = { data: Float64Array.from([1, 2, 1, 2, 3, 4]), rows: 3, cols: 2 };
    const sel = selectGaussianModel(x, sweep({ nComponents: [1, 4], models: ['VVI'] }));
    assert.equal(sel.table[1].error?.code, 'too-many-components');
    assert.ok(Number.isNaN(sel.table[1].bic));
    assert.equal(sel.bestIndex, 0);
  });

  it('announces each candidate and each refinement, and keeps parameters, hard counts and times', () => {
    const { x } = plantedMixture(61, { nSamples: 300, nFeatures: 2, nComponents: 2, covarianceType: 'full', separation: 8 });
    const seen: string[] = [];
    const sel = selectGaussianModel(x, sweep({ nComponents: [1, 2], models: ['VVV', 'VII'] }), {
      onModel: (index, total, k, model, phase) => seen.push(`${phase} ${index}/${total} ${k} ${model}`),
    });
    assert.deepEqual(seen.filter((s) => s.startsWith('fit')), ['fit 0/4 1 VVV', 'fit 1/4 1 VII', 'fit 2/4 2 VVV', 'fit 3/4 2 VII']);
    assert.ok(seen.includes(`refine ${sel.bestIndex}/4 2 ${sel.table[sel.bestIndex].variant}`), seen.join('; '));
    for (const row of sel.table) {
      assert.equal(row.params?.nComponents, row.nComponents);
      assert.equal(row.counts?.reduce((a, b) => a + b, 0), 300);
      assert.ok(row.elapsedMs >= 0);
      assert.equal(row.starts?.nStarts, 10);
    }
    assert.deepEqual(sel.table[sel.bestIndex].params, sel.best.params);
    assert.ok(sel.best.history.length > 0, 'the chosen model keeps its replay');
  });

  it('chooses a sound model over a degenerate one with a lower BIC', () => {
    // Two well-separated clusters plus five identical rows: K = 3 can put a component on the identical rows.
    const { x } = plantedMixture(62, { nSamples: 200, nFeatures: 2, nComponents: 2, covarianceType: 'full', separation: 8 });
    const data = Float64Array.from([...x.data, ...Array.from({ length: 10 }, (_, j) => (j % 2 === 0 ? 30 : -30))]);
    const sel = selectGaussianModel({ data, rows: 205, cols: 2 }, sweep({ nComponents: [2, 3], models: ['VVV'], init: 'random-points' }));
    for (const row of sel.table) if (row.degenerate) assert.ok(row.issues && row.issues.length > 0);
    assert.ok(!sel.table[sel.bestIndex].degenerate);
  });
});
