import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AgglomerationError, agglomerationMessages, partitionFromTree, partitionsFromTree, type MergeTree } from '../../../../../src/core/gaussian/agglomerate';

/** Rows 0 … 5; merges (1,4), (0,5), (2,3), (1,2), (0,1). */
const tree: MergeTree = {
  n: 6,
  model: 'VVV',
  merges: Int32Array.from([1, 4, 0, 5, 2, 3, 1, 2, 0, 1]),
  costs: Float64Array.from([1, 2, 3, 4, 5]),
};

describe('partitionFromTree', () => {
  it('replays the first n − G merges and numbers groups by first appearance down the rows', () => {
    assert.deepEqual(Array.from(partitionFromTree(tree, 6)), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(Array.from(partitionFromTree(tree, 5)), [0, 1, 2, 3, 1, 4]);
    assert.deepEqual(Array.from(partitionFromTree(tree, 4)), [0, 1, 2, 3, 1, 0]);
    assert.deepEqual(Array.from(partitionFromTree(tree, 3)), [0, 1, 2, 2, 1, 0]);
    assert.deepEqual(Array.from(partitionFromTree(tree, 2)), [0, 1, 1, 1, 1, 0]);
    assert.deepEqual(Array.from(partitionFromTree(tree, 1)), [0, 0, 0, 0, 0, 0]);
  });

  it('gives the same partitions in one pass for several G, in any order and with repeats', () => {
    const all = partitionsFromTree(tree, [2, 6, 3, 3, 1]);
    assert.deepEqual([...all.keys()].sort(), [1, 2, 3, 6]);
    for (const g of [1, 2, 3, 6]) assert.deepEqual(all.get(g), partitionFromTree(tree, g));
  });

  it('reports a number of groups that is not a whole number from 1 to n', () => {
    for (const g of [0, 7, 2.5, Number.NaN]) {
      assert.throws(() => partitionFromTree(tree, g), (e: unknown) => e instanceof AgglomerationError && e.code === 'badInput' && e.message === agglomerationMessages.badGroupCount(g, 6));
    }
    assert.throws(() => partitionsFromTree(tree, [2, 9]), AgglomerationError);
  });

  it('cuts a tree of one row into one group', () => {
    const single: MergeTree = { n: 1, model: 'VVV', merges: new Int32Array(0), costs: new Float64Array(0) };
    assert.deepEqual(Array.from(partitionFromTree(single, 1)), [0]);
  });
});
