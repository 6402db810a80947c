import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AgglomerationError, agglomerateEII, agglomerateVVV, agglomerationMessages, hcTransform, partitionFromTree, type MergeTree } from '../../../../../src/core/gaussian/agglomerate';
import { adjustedRand, seeded } from './support';

/** Three well-separated clusters in d dimensions, rows interleaved. */
function threeClusters(n: number, d: number, seed: number): { x: Float64Array; labels: Int32Array } {
  const rng = seeded(seed);
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let c = 0; c < d; c++) x[i * d + c] = 12 * labels[i] * (c === 0 ? 1 : 0.5) + rng.normal() * (1 + 0.3 * c);
  }
  return { x, labels };
}

function isTree(tree: MergeTree, n: number): void {
  assert.equal(tree.merges.length, 2 * (n - 1));
  const alive = new Set(Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < n - 1; k++) {
    const a = tree.merges[2 * k];
    const b = tree.merges[2 * k + 1];
    assert.ok(a < b && alive.has(a) && alive.has(b), `merge ${k}: ${a}, ${b}`);
    alive.delete(b);
  }
  assert.deepEqual([...alive], [0]);
}

describe('agglomerateVVV', () => {
  it('recovers three well-separated clusters when the tree is cut into three groups', () => {
    const { x, labels } = threeClusters(150, 3, 1);
    const tree = agglomerateVVV(hcTransform(x, 150, 3, 'SVD'), 150, 3);
    isTree(tree, 150);
    assert.equal(adjustedRand(partitionFromTree(tree, 3), labels), 1);
  });

  it('merges duplicate rows first and stays finite on ties, duplicates and constant stretches', () => {
    const rows = [[0, 0], [1, 0], [0, 0], [0, 1], [1, 1], [1, 0], [2, 2], [2, 2], [2, 2], [0, 0]];
    const x = Float64Array.from(rows.flat());
    const tree = agglomerateVVV(x, rows.length, 2);
    isTree(tree, rows.length);
    assert.ok(tree.costs.every(Number.isFinite));
    const duplicatesFirst = new Set(['0,2', '0,9', '2,9', '1,5', '6,7', '6,8', '7,8']);
    for (let k = 0; k < 4; k++) assert.ok(duplicatesFirst.has(`${tree.merges[2 * k]},${tree.merges[2 * k + 1]}`), `merge ${k}`);
  });

  it('agglomerates rows that are all the same without NaN', () => {
    const tree = agglomerateVVV(new Float64Array(20 * 3).fill(4.5), 20, 3);
    isTree(tree, 20);
    assert.ok(tree.costs.every(Number.isFinite));
  });

  it('handles one row, two rows, one column and fewer rows than columns', () => {
    assert.equal(agglomerateVVV(Float64Array.from([1, 2]), 1, 2).merges.length, 0);
    assert.deepEqual(Array.from(agglomerateVVV(Float64Array.from([1, 2, 3, 4]), 2, 2).merges), [0, 1]);
    const oneColumn = agglomerateVVV(Float64Array.from([0, 0.1, 5, 5.2, 9, 0.05]), 6, 1);
    isTree(oneColumn, 6);
    assert.equal(adjustedRand(partitionFromTree(oneColumn, 3), [0, 0, 1, 1, 2, 0]), 1);
    const rng = seeded(4);
    isTree(agglomerateVVV(Float64Array.from({ length: 5 * 9 }, () => rng.normal()), 5, 9), 5);
  });

  it("throws AgglomerationError 'cancelled' once isCancelled says so", () => {
    const { x } = threeClusters(300, 2, 2);
    let polls = 0;
    assert.throws(
      () => agglomerateVVV(x, 300, 2, { isCancelled: () => ++polls > 3 }),
      (e: unknown) => e instanceof AgglomerationError && e.code === 'cancelled' && e.message === agglomerationMessages.cancelled(),
    );
    assert.equal(polls, 4);
    assert.throws(() => agglomerateEII(x, 300, 2, { isCancelled: () => true }), (e: unknown) => e instanceof AgglomerationError && e.code === 'cancelled');
  });

  it('reports missing or non-finite values by row and column', () => {
    const x = Float64Array.from([1, 2, 3, Number.NaN, 5, 6]);
    assert.throws(() => agglomerateVVV(x, 3, 2), (e: unknown) => e instanceof AgglomerationError && e.code === 'badInput' && e.message === agglomerationMessages.notFinite(1, 1));
    assert.throws(() => agglomerateVVV(new Float64Array(3), 2, 2), { message: agglomerationMessages.shortData(2, 2, 3) });
    assert.throws(() => agglomerateVVV(new Float64Array(0), 0, 2), { message: agglomerationMessages.noRows() });
  });
});

describe('agglomerateEII', () => {
  it("merges by Ward's criterion: each cost is the rise in the within-group sum of squares", () => {
    const rng = seeded(8);
    const n = 25;
    const d = 3;
    const x = Float64Array.from({ length: n * d }, () => rng.normal());
    const tree = agglomerateEII(x, n, d);
    isTree(tree, n);
    // Replay the merges on explicit groups and compare each cost with the brute-force rise.
    const members = Array.from({ length: n }, (_, i) => [i]);
    const within = (rows: number[]): number => {
      let total = 0;
      for (let c = 0; c < d; c++) {
        const mean = rows.reduce((s, r) => s + x[r * d + c], 0) / rows.length;
        total += rows.reduce((s, r) => s + (x[r * d + c] - mean) ** 2, 0);
      }
      return total;
    };
    for (let k = 0; k < n - 1; k++) {
      const a = tree.merges[2 * k];
      const b = tree.merges[2 * k + 1];
      const joined = [...members[a], ...members[b]];
      const rise = within(joined) - within(members[a]) - within(members[b]);
      assert.ok(Math.abs(tree.costs[k] - rise) <= 1e-9 * (1 + rise), `merge ${k}: ${tree.costs[k]} vs ${rise}`);
      // Ward's merge is the cheapest of all current pairs.
      for (const [g, rowsG] of members.entries()) {
        for (const [h, rowsH] of members.entries()) {
          if (g >= h || rowsG.length === 0 || rowsH.length === 0) continue;
          const alt = within([...rowsG, ...rowsH]) - within(rowsG) - within(rowsH);
          assert.ok(rise <= alt + 1e-9 * (1 + alt), `merge ${k} costs more than ${g}, ${h}`);
        }
      }
      members[a] = joined;
      members[b] = [];
    }
  });
});
