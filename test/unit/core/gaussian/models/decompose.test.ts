import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decomposeCovariance } from '../../../../../src/core/gaussian/models/decompose';
import { estimateCovariances } from '../../../../../src/core/gaussian/models/estimate';
import { assertClose } from '../../helpers';
import { inputFor, mclustFixture } from './mclustFixture';

/** volume · D diag(shape) Dᵀ. */
function rebuild({ volume, shape, orientation }: ReturnType<typeof decomposeCovariance>, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let p = 0; p < d; p++) s += orientation[i * d + p] * shape[p] * orientation[j * d + p];
    out.push(volume * s);
  }
  return out;
}

describe('decomposeCovariance', () => {
  it('splits a full Σ into volume |Σ|^{1/d}, a descending shape of product 1 and signed eigenvector columns', () => {
    const c = mclustFixture().cases.find((x) => x.name === 'iris')!;
    const sigma = new Float64Array(3 * 16);
    assert.equal(estimateCovariances('VVV', inputFor(c, 'VVV'), sigma, false).ok, true);
    for (let k = 0; k < 3; k++) {
      const dec = decomposeCovariance(sigma, k * 16, 4, 'full');
      assertClose(rebuild(dec, 4), sigma.subarray(k * 16, k * 16 + 16), { rtol: 1e-12, atol: 1e-14 });
      assertClose(dec.shape.reduce((p, v) => p * v, 1), 1, { rtol: 1e-13 });
      for (let j = 1; j < 4; j++) assert.ok(dec.shape[j - 1] >= dec.shape[j]);
      for (let j = 0; j < 4; j++) {
        const column = [0, 1, 2, 3].map((i) => dec.orientation[i * 4 + j]);
        const largest = column.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
        assert.ok(largest > 0);
        assertClose(Math.hypot(...column), 1, { rtol: 1e-13 });
      }
    }
  });

  it('gives the hand-computed parts of a 2×2 matrix', () => {
    // [[5, 3], [3, 5]] = 8·u uᵀ + 2·v vᵀ with u = (1, 1)/√2, v = (−1, 1)/√2 (sign fixed: largest loading positive).
    const dec = decomposeCovariance(Float64Array.from([5, 3, 3, 5]), 0, 2, 'full');
    assertClose(dec.volume, 4, { rtol: 1e-14 });
    assertClose(dec.shape, [2, 0.5], { rtol: 1e-14 });
    const r = Math.SQRT1_2;
    assertClose(Math.abs(dec.orientation[0]), r, { rtol: 1e-14 });
    assert.ok(dec.orientation[0] > 0 || dec.orientation[2] > 0);
    assertClose([Math.abs(dec.orientation[1]), Math.abs(dec.orientation[3])], [r, r], { rtol: 1e-14 });
  });

  it('orders the axes of a diagonal Σ by variance, with a permutation as orientation', () => {
    const dec = decomposeCovariance(Float64Array.from([9, 1, 4, 16, 2]), 1, 3, 'diag');
    assertClose(dec.volume, 4, { rtol: 1e-14 });
    assertClose(dec.shape, [4, 1, 0.25], { rtol: 1e-14 });
    // Column j is the axis of the j-th largest variance: axes 2, 1, 0.
    assert.deepEqual(dec.orientation, [0, 0, 1, 0, 1, 0, 1, 0, 0]);
    const mixed = decomposeCovariance(Float64Array.from([4, 16, 1]), 0, 3, 'diag');
    assert.deepEqual(mixed.orientation, [0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('gives volume 0 and the eigenvalues over the largest for a singular Σ, without NaN', () => {
    const dec = decomposeCovariance(Float64Array.from([1, 1, 1, 1]), 0, 2, 'full');
    assert.equal(dec.volume, 0);
    assertClose(dec.shape, [1, 0], { atol: 1e-15 });
    assert.ok([...dec.shape, ...dec.orientation].every(Number.isFinite));
  });
});
