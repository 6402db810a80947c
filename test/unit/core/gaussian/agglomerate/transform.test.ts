import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AgglomerationError, agglomerationMessages, hcTransform } from '../../../../../src/core/gaussian/agglomerate';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { seeded } from './support';

function column(z: Float64Array, n: number, k: number): number[] {
  const d = z.length / n;
  return Array.from({ length: n }, (_, i) => z[i * d + k]);
}
const sum = (v: number[]): number => v.reduce((s, a) => s + a, 0);

/** Correlated data: 40 rows, 3 columns, the third a noisy mix of the first two. */
function data(): Float64Array {
  const rng = seeded(5);
  const x = new Float64Array(40 * 3);
  for (let i = 0; i < 40; i++) {
    const a = rng.normal();
    const b = rng.normal() * 3 + 10;
    x.set([a, b, a + 0.2 * b + 0.1 * rng.normal()], i * 3);
  }
  return x;
}

describe('hcTransform', () => {
  it("'VARS' returns the data unchanged", () => {
    const x = data();
    assert.deepEqual(hcTransform(x, 40, 3, 'VARS'), x);
  });

  it("'STD' centres each column and scales it to standard deviation 1 (divisor n − 1)", () => {
    const z = hcTransform(data(), 40, 3, 'STD');
    for (let k = 0; k < 3; k++) {
      const v = column(z, 40, k);
      assert.ok(Math.abs(sum(v)) < 1e-12);
      assert.ok(Math.abs(sum(v.map((a) => a * a)) / 39 - 1) < 1e-12);
    }
  });

  it("'SVD' gives uncorrelated columns whose sums of squares are the singular values of the standardised data", () => {
    const n = 40;
    const z = hcTransform(data(), n, 3, 'SVD');
    const ss = [0, 1, 2].map((k) => sum(column(z, n, k).map((a) => a * a)));
    // The singular values' squares are the eigenvalues of XᵀX, whose sum is its trace: 3·(n − 1).
    assert.ok(Math.abs(sum(ss.map((s) => s * s)) - 3 * (n - 1)) < 1e-9);
    assert.ok(ss[0] >= ss[1] && ss[1] >= ss[2]);
    for (let a = 0; a < 3; a++) {
      for (let b = a + 1; b < 3; b++) assert.ok(Math.abs(sum(column(z, n, a).map((v, i) => v * column(z, n, b)[i]))) < 1e-9);
    }
  });

  it("'SPH' spheres the data: covariance (divisor n) becomes the identity", () => {
    const n = 40;
    const z = hcTransform(data(), n, 3, 'SPH');
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const cov = sum(column(z, n, a).map((v, i) => v * column(z, n, b)[i])) / n;
        assert.ok(Math.abs(cov - (a === b ? 1 : 0)) < 1e-9, `${a}, ${b}: ${cov}`);
      }
    }
  });

  it("'PCS' and 'PCR' rotate without scaling, keeping distances (PCS) or standardised distances (PCR)", () => {
    const n = 40;
    const x = data();
    for (const [use, base] of [['PCS', hcTransform(x, n, 3, 'VARS')], ['PCR', hcTransform(x, n, 3, 'STD')]] as const) {
      const z = hcTransform(x, n, 3, use);
      const dist = (m: Float64Array, i: number, j: number): number => Math.hypot(...[0, 1, 2].map((c) => m[i * 3 + c] - m[j * 3 + c]));
      for (const [i, j] of [[0, 1], [5, 30], [12, 39]]) assert.ok(Math.abs(dist(z, i, j) - dist(base, i, j)) < 1e-9, use);
    }
  });

  it('drops constant columns and directions with no spread, and reports data with nothing left', () => {
    const n = 10;
    const x = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) x.set([i, 7, 2 * i], i * 3);
    assert.equal(hcTransform(x, n, 3, 'STD').length, n * 2);
    assert.equal(hcTransform(x, n, 3, 'SVD').length, n * 1); // the two standardised columns are equal
    const constant = new Float64Array(n * 2).fill(3);
    assert.throws(() => hcTransform(constant, n, 2, 'SVD'), (e: unknown) => e instanceof AgglomerationError && e.message === agglomerationMessages.allConstant());
  });

  it("'SVD' and 'SPH' of wide data (more columns than rows) equal the textbook transforms, through the n × n Gram matrix", () => {
    const n = 12;
    const d = 30;
    const rng = seeded(9);
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) x[i * d + c] = rng.normal() * (1 + c) + (i % 3) * c;
    // The textbook way: Z = X·V·diag(w(s)) from the SVD of the centred (and, for 'SVD', standardised) data.
    const reference = (standardised: boolean, weight: (s: number) => number): Matrix => {
      const m = new Matrix(n, d);
      for (let c = 0; c < d; c++) {
        const col = Array.from({ length: n }, (_, i) => x[i * d + c]);
        const mean = sum(col) / n;
        const sd = standardised ? Math.sqrt(sum(col.map((v) => (v - mean) ** 2)) / (n - 1)) : 1;
        col.forEach((v, i) => m.set(i, c, (v - mean) / sd));
      }
      const svd = new SingularValueDecomposition(m, { autoTranspose: true });
      const kept = svd.diagonal.map((s, k) => [s, k]).filter(([s]) => s > svd.diagonal[0] * 1e-8);
      const z = m.mmul(svd.rightSingularVectors);
      return new Matrix(Array.from({ length: n }, (_, i) => kept.map(([s, k]) => z.get(i, k) * weight(s))));
    };
    // Row distances do not depend on the columns' signs or order.
    const distances = (rows: (i: number) => number[]): number[] => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out.push(Math.hypot(...rows(i).map((v, c) => v - rows(j)[c])));
      return out;
    };
    for (const [use, standardised, weight] of [['SVD', true, (s: number) => 1 / Math.sqrt(s)], ['SPH', false, (s: number) => Math.sqrt(n) / s]] as const) {
      const z = hcTransform(x, n, d, use);
      assert.equal(z.length, n * (n - 1), `${use}: centring leaves n − 1 directions`);
      const dz = n - 1;
      const ref = reference(standardised, weight);
      assert.equal(ref.columns, dz);
      const got = distances((i) => Array.from(z.subarray(i * dz, (i + 1) * dz)));
      const want = distances((i) => ref.getRow(i));
      got.forEach((g, k) => assert.ok(Math.abs(g - want[k]) < 1e-8 * want[k], `${use} distance ${k}: ${g} vs ${want[k]}`));
    }
  });
});
