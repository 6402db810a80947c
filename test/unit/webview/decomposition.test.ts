import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decompositionOf } from '../../../src/webview/decomposition';
import type { ParamsDto } from '../../../src/protocol/model';

describe('volume, shape and orientation', () => {
  it('splits each covariance into volume, shape and main axis, and says what the model holds equal', () => {
    const p: ParamsDto = {
      kind: 'gaussian', model: 'VEV', nComponents: 2, nFeatures: 2, weights: [0.5, 0.5], means: [[0, 0], [1, 1]],
      covariance: { layout: 'full', matrices: [[[4, 0], [0, 1]], [[2.5, 1.5], [1.5, 2.5]]] },
    };
    const dec = decompositionOf(p);
    assert.ok(dec);
    assert.deepEqual([dec.volume, dec.shape, dec.orientation], ['varying', 'equal', 'varying']);
    // |Σ1| = 4 → volume 2, shape [2, 0.5], main axis along the first column.
    assert.ok(Math.abs(dec.rows[0].volume - 2) < 1e-12);
    assert.deepEqual(dec.rows[0].shape.map((v) => Math.round(v * 1e12) / 1e12), [2, 0.5]);
    assert.deepEqual(dec.rows[0].mainAxis.map((v) => Math.round(v * 1e12) / 1e12), [1, 0]);
    // Σ2 has eigenvalues 4 and 1 along the diagonals: the same shape, rotated by 45°.
    assert.ok(Math.abs(dec.rows[1].volume - 2) < 1e-12);
    assert.ok(Math.abs(dec.rows[1].mainAxis[0] - Math.SQRT1_2) < 1e-12 && Math.abs(dec.rows[1].mainAxis[1] - Math.SQRT1_2) < 1e-12);
  });
  it('reads a diagonal model and calls its orientation fixed', () => {
    const p: ParamsDto = {
      kind: 'gaussian', model: 'VVI', nComponents: 1, nFeatures: 3, weights: [1], means: [[0, 0, 0]],
      covariance: { layout: 'diag', variances: [[1, 8, 1]] },
    };
    const dec = decompositionOf(p);
    assert.equal(dec?.orientation, 'fixed');
    assert.ok(Math.abs((dec?.rows[0].volume ?? 0) - 2) < 1e-12);
    assert.deepEqual(dec?.rows[0].mainAxis, [0, 1, 0]);
  });
});
