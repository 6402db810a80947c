import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collapsedComponents, flatComponents } from '../../../../src/core/gaussian/collapse';
import type { WorkParams } from '../../../../src/core/gaussian/mStep';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { selectModel } from '../../../../src/core/mixture/select';
import { readCsvColumns } from '../helpers';

const reg = 1e-6;
const columnVariance = Float64Array.from([1, 1]);

function full(covariances: number[]): WorkParams {
  return {
    covarianceType: 'full', nComponents: covariances.length / 4, nFeatures: 2, weights: new Float64Array(covariances.length / 4),
    means: new Float64Array(covariances.length / 2), covariances: Float64Array.from(covariances), nk: new Float64Array(covariances.length / 4),
  };
}

describe('degenerate components', () => {
  it('finds a full component whose rows lie on a line (smallest eigenvalue = regCovar)', () => {
    // Component 0: sound. Component 1: rows on the line y = x, so Σ = [[v, v], [v, v]] + reg·I.
    const p = full([1, 0.3, 0.3, 2, 0.5 + reg, 0.5, 0.5, 0.5 + reg]);
    assert.deepEqual(flatComponents(p, columnVariance, reg), [1]);
    assert.deepEqual(collapsedComponents(p, columnVariance, reg), []);
  });

  it('does not call a collapsed component flat as well', () => {
    const p = full([1, 0, 0, 1, reg, 0, 0, reg]);
    assert.deepEqual(collapsedComponents(p, columnVariance, reg), [1]);
    assert.deepEqual(flatComponents(p, columnVariance, reg), []);
  });

  it('finds a diag component that is constant in one column', () => {
    const p: WorkParams = { ...full([1, 0, 0, 1]), covarianceType: 'diag', nComponents: 2, covariances: Float64Array.from([1, 2, 0.4, reg]) };
    assert.deepEqual(flatComponents(p, columnVariance, reg), [1]);
  });

  it('reports the flat component of iris with K = 4, full, and model selection passes it over', () => {
    const x = readCsvColumns('samples/iris.csv', 4);
    const fit = fitGaussianMixture(x, { nComponents: 4, covarianceType: 'full', nInit: 10, seed: 0 });
    assert.ok(fit.notices.some((n) => n.code === 'component-flat'), JSON.stringify(fit.notices));
    const sel = selectModel(x, { kValues: [1, 2, 3, 4, 5], covarianceTypes: ['full'], nInit: 10, seed: 0 });
    const chosen = sel.table[sel.bestIndex];
    assert.ok(!chosen.degenerate, `chose a degenerate model: K=${chosen.nComponents}`);
    assert.ok(sel.table.some((r) => r.degenerate && r.bic < chosen.bic), 'a degenerate model with lower BIC was passed over');
  });
});
