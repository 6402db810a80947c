import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex, normalizedMutualInfo } from '../../../src/core/numeric/agreement';

describe('agreement between partitions', () => {
  it('is 1 for the same partition up to relabelling', () => {
    const table = [[0, 30, 0], [20, 0, 0], [0, 0, 10]];
    assert.equal(adjustedRandIndex(table), 1);
    assert.ok(Math.abs(normalizedMutualInfo(table) - 1) < 1e-12);
  });

  it('matches scikit-learn on a worked example', () => {
    // labels_true = [0,0,0,1,1,1], labels_pred = [0,0,1,1,2,2]: sklearn gives ARI 0.24242424… and NMI 0.51580…
    const table = [[2, 1, 0], [0, 1, 2]];
    assert.ok(Math.abs(adjustedRandIndex(table) - 0.24242424242424243) < 1e-12, String(adjustedRandIndex(table)));
    assert.ok(Math.abs(normalizedMutualInfo(table) - 0.5158037429793889) < 1e-12, String(normalizedMutualInfo(table)));
  });

  it('is near 0 for independent partitions', () => {
    const table = [[25, 25], [25, 25]];
    assert.ok(Math.abs(adjustedRandIndex(table)) < 0.02);
    assert.ok(normalizedMutualInfo(table) < 1e-12);
  });
});
