import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choleskyInPlace, invertLower, logDiagSum } from '../../../../src/core/linalg/cholesky';
import { Matrix as MlMatrix, determinant } from 'ml-matrix';
import { assertClose } from '../helpers';

const A = [4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3];

describe('choleskyInPlace', () => {
  it('gives a lower L with L·Lᵀ = A', () => {
    const l = Float64Array.from(A);
    assert.equal(choleskyInPlace(l, 3), true);
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) assert.equal(l[i * 3 + j], 0);
    const L = new MlMatrix([[l[0], l[1], l[2]], [l[3], l[4], l[5]], [l[6], l[7], l[8]]]);
    assertClose(L.mmul(L.transpose()).to1DArray(), A, { rtol: 1e-14, atol: 1e-15 });
  });
  it('works at an offset inside a larger buffer', () => {
    const buf = new Float64Array(2 + 9);
    buf.set(A, 2);
    assert.equal(choleskyInPlace(buf, 3, 2), true);
    assertClose(buf[2], 2, { rtol: 1e-15 });
  });
  it('reports a matrix that is not positive definite', () => {
    assert.equal(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2), false);
    assert.equal(choleskyInPlace(Float64Array.from([1, 1, 1, 1]), 2), false);
    assert.equal(choleskyInPlace(Float64Array.from([NaN]), 1), false);
  });
});

describe('invertLower and logDiagSum', () => {
  it('inverts L and gives ½ log det A', () => {
    const l = Float64Array.from(A);
    choleskyInPlace(l, 3);
    const m = new Float64Array(9);
    invertLower(l, 3, 0, m, 0);
    const L = new MlMatrix([[l[0], 0, 0], [l[3], l[4], 0], [l[6], l[7], l[8]]]);
    const M = new MlMatrix([[m[0], m[1], m[2]], [m[3], m[4], m[5]], [m[6], m[7], m[8]]]);
    assertClose(M.mmul(L).to1DArray(), [1, 0, 0, 0, 1, 0, 0, 0, 1], { atol: 1e-15 });
    assertClose(2 * logDiagSum(l, 3), Math.log(determinant(new MlMatrix([[4, 2, 0.6], [2, 5, 1.5], [0.6, 1.5, 3]]))), { rtol: 1e-13 });
  });
});
