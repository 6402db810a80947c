import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { symmetricEigen } from '../../../../src/core/linalg/symmetricEigen';
import { createRng } from '../../../../src/core/numeric/rng';
import { assertClose } from '../helpers';

function randomSymmetric(seed: number, n: number, eigenvalues?: number[]): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  if (!eigenvalues) {
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = rng.normal(); a[i * n + j] = v; a[j * n + i] = v; }
    return a;
  }
  // Q·diag(eigenvalues)·Qᵀ with Q from Gram–Schmidt on a random matrix.
  const q = Float64Array.from({ length: n * n }, () => rng.normal());
  for (let c = 0; c < n; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += q[r * n + c] * q[r * n + p];
      for (let r = 0; r < n; r++) q[r * n + c] -= dot * q[r * n + p];
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += q[r * n + c] ** 2;
    for (let r = 0; r < n; r++) q[r * n + c] /= Math.sqrt(norm);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < n; p++) s += q[i * n + p] * eigenvalues[p] * q[j * n + p];
    a[i * n + j] = s;
  }
  return a;
}

function decompose(a: Float64Array, n: number, off = 0) {
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  const ok = symmetricEigen(a, n, off, values, vectors, new Float64Array(n * n));
  return { ok, values, vectors };
}

describe('symmetricEigen', () => {
  for (const n of [1, 2, 3, 5, 12, 36]) {
    it(`rebuilds a random symmetric ${n}×${n} matrix from orthonormal eigenvectors and descending eigenvalues`, () => {
      const a = randomSymmetric(n, n);
      const { ok, values, vectors } = decompose(a, n);
      assert.equal(ok, true);
      for (let j = 1; j < n; j++) assert.ok(values[j - 1] >= values[j]);
      const V = new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(vectors.subarray(i * n, i * n + n))));
      assertClose(V.transpose().mmul(V).to1DArray(), MlMatrix.eye(n).to1DArray(), { atol: 1e-13 }, 'VᵀV');
      const rebuilt = V.mmul(MlMatrix.diag(Array.from(values))).mmul(V.transpose());
      assertClose(rebuilt.to1DArray(), a, { atol: 1e-12 * n }, 'VΛVᵀ');
      const reference = new EigenvalueDecomposition(new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)))), { assumeSymmetric: true });
      assertClose(values, reference.realEigenvalues.sort((x, y) => y - x), { atol: 1e-12 * n }, 'eigenvalues vs ml-matrix');
    });
  }

  it('finds eigenvalues spread over 14 orders of magnitude to high relative accuracy', () => {
    const truth = [1e6, 10, 1, 1e-3, 1e-8];
    const { values } = decompose(randomSymmetric(3, 5, truth), 5);
    // The matrix itself is rounded at ~1e6·ε, so the smallest eigenvalue is known only to about 1e-10 absolute.
    assertClose(values, truth, { rtol: 1e-9, atol: 1e-9 });
  });

  it('handles repeated eigenvalues, a zero matrix, a diagonal one and an offset', () => {
    const rep = decompose(randomSymmetric(4, 4, [2, 2, 2, 0.5]), 4);
    assertClose(rep.values, [2, 2, 2, 0.5], { rtol: 1e-13 });
    const zero = decompose(new Float64Array(9), 3);
    assert.deepEqual(Array.from(zero.values), [0, 0, 0]);
    const buf = Float64Array.from([99, 3, 0, 0, 7]);
    const diag = decompose(buf, 2, 1);
    assert.deepEqual(Array.from(diag.values), [7, 3]);
    assert.deepEqual(Array.from(diag.vectors), [0, 1, 1, 0]);
  });

  it('reports a non-finite entry instead of returning NaN eigenvalues as a result', () => {
    assert.equal(decompose(Float64Array.from([1, NaN, NaN, 1]), 2).ok, false);
    assert.equal(decompose(Float64Array.from([Infinity, 0, 0, 1]), 2).ok, false);
  });
});
