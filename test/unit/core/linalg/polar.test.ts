import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { orthogonalPolar } from '../../../../src/core/linalg/polar';
import { createRng } from '../../../../src/core/numeric/rng';
import { assertClose } from '../helpers';

function toMl(a: ArrayLike<number>, n: number): MlMatrix {
  return new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(a).slice(i * n, i * n + n)));
}

function polar(f: Float64Array, n: number) {
  const q = new Float64Array(n * n);
  const ok = orthogonalPolar(f, n, q, new Float64Array(2 * n * n + n));
  return { ok, q };
}

/** tr(Qᵀ F). */
function fit(q: Float64Array, f: Float64Array): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) s += q[i] * f[i];
  return s;
}

describe('orthogonalPolar', () => {
  for (const n of [1, 2, 4, 10]) {
    it(`gives the orthogonal U·Vᵀ of the SVD of a random ${n}×${n} matrix`, () => {
      const rng = createRng(n);
      const f = Float64Array.from({ length: n * n }, () => rng.normal());
      const { ok, q } = polar(f, n);
      assert.equal(ok, true);
      const Q = toMl(q, n);
      assertClose(Q.transpose().mmul(Q).to1DArray(), MlMatrix.eye(n).to1DArray(), { atol: 1e-13 }, 'QᵀQ');
      const svd = new SingularValueDecomposition(toMl(f, n));
      const expected = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
      assertClose(q, expected.to1DArray(), { atol: 1e-10 }, 'U·Vᵀ');
      // tr(QᵀF) is the sum of the singular values, the largest any orthogonal matrix reaches.
      assertClose(fit(q, f), svd.diagonal.reduce((s, v) => s + v, 0), { rtol: 1e-12 });
    });
  }

  it('completes a rank-deficient matrix to an orthogonal maximiser of tr(QᵀF)', () => {
    // Rank 1 and rank 2 in 3-D.
    for (const f of [Float64Array.from([1, 2, 3, 2, 4, 6, 3, 6, 9]), Float64Array.from([1, 0, 0, 0, 2, 0, 0, 0, 0]), new Float64Array(9)]) {
      const { ok, q } = polar(f, 3);
      assert.equal(ok, true);
      const Q = toMl(q, 3);
      assertClose(Q.transpose().mmul(Q).to1DArray(), MlMatrix.eye(3).to1DArray(), { atol: 1e-13 }, 'QᵀQ');
      const svd = new SingularValueDecomposition(toMl(f, 3));
      assertClose(fit(q, f), svd.diagonal.reduce((s, v) => s + v, 0), { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it('reports a non-finite matrix', () => {
    assert.equal(polar(Float64Array.from([1, NaN, 0, 1]), 2).ok, false);
  });
});
