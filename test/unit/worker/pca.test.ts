import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { EXACT_MAX_COLUMNS, principalComponents } from '../../../src/worker/pca';

/** n rows in d columns: 10·z1 along u1, 4·z2 along u2, plus noise of sd 0.5 (seeded). */
function planted(n: number, d: number, seed = 1) {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const unit = (f: (a: number) => number) => {
    const v = Array.from({ length: d }, (_, a) => f(a));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const u1 = unit((a) => Math.sin(a + 1));
  const raw2 = unit((a) => Math.cos(3 * a));
  const dot = raw2.reduce((t, x, a) => t + x * u1[a], 0);
  const u2 = unit((a) => raw2[a] - dot * u1[a]);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z1 = 10 * normal();
    const z2 = 4 * normal();
    for (let a = 0; a < d; a++) data[i * d + a] = 3 + z1 * u1[a] + z2 * u2[a] + 0.5 * normal();
  }
  return { x: { data, rows: n, cols: d }, rows: Int32Array.from({ length: n }, (_, i) => i) };
}

/** The top two eigenvectors and eigenvalue shares of the data's covariance, by a full decomposition. */
function reference(x: { data: Float64Array; rows: number; cols: number }) {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += data[i * d + a] / n;
  const c = new MlMatrix(d, d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) c.set(a, b, c.get(a, b) + (data[i * d + a] - mean[a]) * (data[i * d + b] - mean[b]) / (n - 1));
  const evd = new EigenvalueDecomposition(c, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, j) => [v, j]).sort((p, q) => q[0] - p[0]);
  const total = evd.realEigenvalues.reduce((t, v) => t + v, 0);
  return { axes: order.slice(0, 2).map(([, j]) => evd.eigenvectorMatrix.getColumn(j)), explained: order.slice(0, 2).map(([v]) => v / total) };
}

const dot = (u: number[], v: number[]) => u.reduce((t, x, a) => t + x * v[a], 0);

describe('principal components on request', () => {
  for (const d of [5, EXACT_MAX_COLUMNS + 36]) {
    it(`match a full eigendecomposition (${d} columns: ${d <= EXACT_MAX_COLUMNS ? 'exact' : 'randomized subspace'} path)`, () => {
      const { x, rows } = planted(1500, d);
      const pca = principalComponents({ x, rows, seed: 0, isCancelled: () => false });
      assert.ok(pca);
      const ref = reference(x);
      for (let k = 0; k < 2; k++) {
        assert.ok(Math.abs(Math.abs(dot(pca.axes[k], ref.axes[k])) - 1) < 1e-6, `axis ${k + 1} agrees (|cos| = ${Math.abs(dot(pca.axes[k], ref.axes[k]))})`);
        assert.ok(Math.abs(pca.explained[k] - ref.explained[k]) < 1e-6, `share ${k + 1}: ${pca.explained[k]} vs ${ref.explained[k]}`);
        // The largest loading is positive, so the picture does not flip between runs.
        const big = pca.axes[k].reduce((m, v, a) => (Math.abs(v) > Math.abs(pca.axes[k][m]) ? a : m), 0);
        assert.ok(pca.axes[k][big] > 0);
      }
      assert.ok(Math.abs(dot(pca.axes[0], pca.axes[1])) < 1e-9, 'the axes are orthogonal');
      assert.ok(Math.abs(pca.mean[0] - 3) < 1);
    });
  }

  it('finds the two planted directions of wide data without a d × d decomposition', () => {
    const d = 2000;
    const { x, rows } = planted(2500, d, 7);
    const pca = principalComponents({ x, rows, seed: 3, isCancelled: () => false });
    assert.ok(pca);
    assert.equal(pca.axes[0].length, d);
    const u1 = Array.from({ length: d }, (_, a) => Math.sin(a + 1));
    const norm = Math.hypot(...u1);
    assert.ok(Math.abs(dot(pca.axes[0], u1)) / norm > 0.999, 'PC1 is the planted direction');
    assert.ok(pca.explained[0] > pca.explained[1] && pca.explained[1] > 0);
  });

  it('stops when cancelled, and gives none for one column or one row', () => {
    const { x, rows } = planted(3000, 100);
    let polls = 0;
    assert.throws(() => principalComponents({ x, rows, seed: 0, isCancelled: () => ++polls > 3 }), { code: 'cancelled' });
    assert.equal(principalComponents({ x: { data: new Float64Array(4), rows: 4, cols: 1 }, rows: Int32Array.from([0, 1, 2, 3]), seed: 0, isCancelled: () => false }), null);
    assert.equal(principalComponents({ x, rows: Int32Array.from([0]), seed: 0, isCancelled: () => false }), null);
  });
});
