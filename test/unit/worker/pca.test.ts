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

/** Each column's standard deviation (n − 1). */
function stds(x: { data: Float64Array; rows: number; cols: number }): Float64Array {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d), ss = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += data[i * d + a] / n;
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) ss[a] += (data[i * d + a] - mean[a]) ** 2;
  return ss.map((v) => Math.sqrt(v / (n - 1)));
}

/** The top two eigenvectors and eigenvalue shares of the data's correlation matrix, by a full decomposition. */
function reference(x: { data: Float64Array; rows: number; cols: number }) {
  const { rows: n, cols: d, data } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += data[i * d + a] / n;
  const sd = stds(x);
  const c = new MlMatrix(d, d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) c.set(a, b, c.get(a, b) + (data[i * d + a] - mean[a]) * (data[i * d + b] - mean[b]) / (n - 1) / (sd[a] * sd[b]));
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
      const sd = stds(x);
      const loadings = pca.loadings!;
      for (let k = 0; k < 2; k++) {
        assert.ok(Math.abs(Math.abs(dot(loadings[k], ref.axes[k])) - 1) < 1e-6, `axis ${k + 1} agrees (|cos| = ${Math.abs(dot(loadings[k], ref.axes[k]))})`);
        assert.ok(Math.abs(pca.explained[k] - ref.explained[k]) < 1e-6, `share ${k + 1}: ${pca.explained[k]} vs ${ref.explained[k]}`);
        // The largest loading is positive, so the picture does not flip between runs.
        const big = loadings[k].reduce((m, v, a) => (Math.abs(v) > Math.abs(loadings[k][m]) ? a : m), 0);
        assert.ok(loadings[k][big] > 0);
        // Scores in the file's units: the axes are the loadings divided by each column's std.
        pca.axes[k].forEach((v, a) => assert.ok(Math.abs(v * sd[a] - loadings[k][a]) < 1e-9));
      }
      assert.ok(Math.abs(dot(loadings[0], loadings[1])) < 1e-9, 'the loadings are orthogonal');
      assert.ok(Math.abs(pca.mean[0] - 3) < 1);
      assert.equal(pca.standardized, true);
    });
  }

  it('finds the two planted directions of wide data without a d × d decomposition', () => {
    const d = 2000;
    const { x, rows } = planted(2500, d, 7);
    const pca = principalComponents({ x, rows, seed: 3, isCancelled: () => false });
    assert.ok(pca);
    assert.equal(pca.axes[0].length, d);
    // On standardised columns the planted direction is u1 scaled by 1 / std per column.
    const sd = stds(x);
    const u1 = Array.from({ length: d }, (_, a) => Math.sin(a + 1) / sd[a]);
    const norm = Math.hypot(...u1);
    assert.ok(Math.abs(dot(pca.loadings![0], u1)) / norm > 0.99, `PC1 is the planted direction (${Math.abs(dot(pca.loadings![0], u1)) / norm})`);
    assert.ok(pca.explained[0] > pca.explained[1] && pca.explained[1] > 0);
  });

  it('does not let a column in large units take PC1 (standardised columns, as on wine with proline)', () => {
    // Two correlated columns in small units carry the structure; a third, independent, is in units 1000 times larger.
    let s = 5;
    const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    const n = 2000, data = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
      data[i * 3] = z + 0.3 * (u() - 0.5);
      data[i * 3 + 1] = z + 0.3 * (u() - 0.5);
      data[i * 3 + 2] = 1000 * (u() - 0.5);
    }
    const pca = principalComponents({ x: { data, rows: n, cols: 3 }, rows: Int32Array.from({ length: n }, (_, i) => i), seed: 0, isCancelled: () => false });
    assert.ok(pca?.loadings);
    assert.ok(Math.abs(pca.loadings[0][2]) < 0.1, `PC1 is the shared direction of the first two columns (loadings ${pca.loadings[0]})`);
    assert.ok(pca.explained[0] > 0.6 && pca.explained[0] < 0.7, `PC1 explains about 2/3 of the standardised variance (${pca.explained[0]})`);
  });

  it('stops when cancelled, and gives none for one column or one row', () => {
    const { x, rows } = planted(3000, 100);
    let polls = 0;
    assert.throws(() => principalComponents({ x, rows, seed: 0, isCancelled: () => ++polls > 3 }), { code: 'cancelled' });
    assert.equal(principalComponents({ x: { data: new Float64Array(4), rows: 4, cols: 1 }, rows: Int32Array.from([0, 1, 2, 3]), seed: 0, isCancelled: () => false }), null);
    assert.equal(principalComponents({ x, rows: Int32Array.from([0]), seed: 0, isCancelled: () => false }), null);
  });
});
