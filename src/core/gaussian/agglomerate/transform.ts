/**
 * mclust's `hc(data, use = …)` transforms, applied before the agglomeration (R/mbahc.R). mclust's default,
 * mclust.options("hcUse") = "SVD", standardises the columns, drops any that are not finite afterwards (constant
 * columns), and rotates onto the right singular vectors scaled by 1/√(singular value):
 *
 *     Z = scale(X) · V · diag(1/√s)        where scale(X) = U · diag(s) · Vᵀ
 *
 * so each new column's sum of squares is its singular value (not 1: the scaling is by the square root).
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { AgglomerationError, agglomerationMessages, checkMatrix } from './errors';

/**
 * How hc transforms the data before agglomerating (mclust's hcUse):
 * - 'SVD' (mclust's default): standardised, then rotated and scaled by the singular value decomposition (above);
 * - 'VARS': the data as they are;
 * - 'STD': each column centred and divided by its standard deviation (n − 1);
 * - 'PCS': centred, then rotated onto the principal components (not scaled);
 * - 'PCR': standardised, then rotated onto the principal components;
 * - 'SPH': centred and sphered, Z = X·V·diag(1/√λ) for the eigenpairs (λ, V) of the covariance (divisor n).
 */
export type HcTransform = 'SVD' | 'VARS' | 'STD' | 'PCS' | 'PCR' | 'SPH';

/**
 * The transformed data as a row-major n × d′ matrix, d′ = result.length / n. d′ < d when columns drop out:
 * constant columns after standardising (as mclust's dropCols does), and directions whose singular value
 * (eigenvalue for 'SPH') is zero to working precision. mclust keeps those directions, so a column that is an
 * exact linear combination of others becomes a column of magnified rounding noise (or NaN, an error) there.
 * Singular vectors are signed so that each one's largest entry is positive; the agglomeration does not depend
 * on the signs.
 * @param x row-major n × d
 * @throws AgglomerationError 'badInput' for missing or non-finite values, or when no column is left
 */
export function hcTransform(x: Float64Array, n: number, d: number, use: HcTransform): Float64Array {
  checkMatrix(x, n, d);
  let z: Float64Array;
  let columns: number;
  switch (use) {
    case 'VARS':
      return x.slice(0, n * d);
    case 'STD':
      ({ z, columns } = standardise(x, n, d, true));
      break;
    case 'SVD':
    case 'PCR': {
      const s = standardise(x, n, d, true);
      ({ z, columns } = use === 'SVD' && s.columns > n ? thinRotate(s.z, n, s.columns, 'svd') : rotate(s.z, n, s.columns, use === 'SVD' ? 'inverseRoot' : 'none'));
      break;
    }
    case 'PCS':
      ({ z, columns } = rotate(standardise(x, n, d, false).z, n, d, 'none'));
      break;
    case 'SPH':
      ({ z, columns } = d > n ? thinRotate(standardise(x, n, d, false).z, n, d, 'sphere') : sphere(standardise(x, n, d, false).z, n, d));
      break;
  }
  if (columns === 0) throw new AgglomerationError('badInput', agglomerationMessages.allConstant());
  return z;
}

interface Columns { z: Float64Array; columns: number }

/**
 * R's scale(x, center = TRUE, scale): means and sums of squares summed with a compensated sum (R sums in long
 * double); with `scale`, columns whose standard deviation is 0 or not finite are dropped (mclust's dropCols).
 */
function standardise(x: Float64Array, n: number, d: number, scale: boolean): Columns {
  const keep: number[] = [];
  const centre = new Float64Array(d);
  const spread = new Float64Array(d).fill(1);
  for (let c = 0; c < d; c++) {
    centre[c] = compensatedSum(n, (i) => x[i * d + c]) / n;
    if (scale) spread[c] = Math.sqrt(compensatedSum(n, (i) => (x[i * d + c] - centre[c]) ** 2) / Math.max(1, n - 1));
    if (!scale || (spread[c] > 0 && Number.isFinite(spread[c]))) keep.push(c);
  }
  const columns = keep.length;
  const z = new Float64Array(n * columns);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < columns; k++) {
      const c = keep[k];
      z[i * columns + k] = (x[i * d + c] - centre[c]) / spread[c];
    }
  }
  return { z, columns };
}

/** Neumaier's compensated sum of term(0) … term(n−1). */
function compensatedSum(n: number, term: (i: number) => number): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const t = term(i);
    const s = sum + t;
    carry += Math.abs(sum) >= Math.abs(t) ? (sum - s) + t : (t - s) + sum;
    sum = s;
  }
  return sum + carry;
}

/** Z = X·V (·diag(1/√s) for 'inverseRoot'), from the singular value decomposition X = U·diag(s)·Vᵀ. */
function rotate(x: Float64Array, n: number, d: number, scaling: 'none' | 'inverseRoot'): Columns {
  if (d === 0) return { z: new Float64Array(0), columns: 0 };
  const svd = new SingularValueDecomposition(toMatrix(x, n, d), { computeLeftSingularVectors: false, computeRightSingularVectors: true, autoTranspose: true });
  return project(x, n, d, svd.rightSingularVectors, svd.diagonal, scaling === 'inverseRoot' ? (s) => 1 / Math.sqrt(s) : () => 1);
}

/** mclust's 'SPH': Z = X·V·diag(1/√λ) for the eigenpairs of Σ = XᵀX / n (X centred). */
function sphere(x: Float64Array, n: number, d: number): Columns {
  const cov = new Matrix(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i * d + a] * x[i * d + b];
      cov.set(a, b, s / n);
      cov.set(b, a, s / n);
    }
  }
  const svd = new SingularValueDecomposition(cov, { computeLeftSingularVectors: false, computeRightSingularVectors: true });
  return project(x, n, d, svd.rightSingularVectors, svd.diagonal, (s) => 1 / Math.sqrt(s));
}

/** Projects onto the directions with a nonzero singular value, each scaled by weight(s), sign-normalised. */
function project(x: Float64Array, n: number, d: number, v: Matrix, singular: number[], weight: (s: number) => number): Columns {
  const largest = singular.length > 0 ? Math.max(...singular) : 0;
  const tolerance = largest * Math.max(n, d) * Number.EPSILON;
  const kept = singular.map((_, k) => k).filter((k) => singular[k] > tolerance);
  const columns = kept.length;
  const w = new Float64Array(d * columns);
  kept.forEach((k, col) => {
    const scale = signOfLargest(v, k) * weight(singular[k]);
    for (let c = 0; c < d; c++) w[c * columns + col] = v.get(c, k) * scale;
  });
  const z = new Float64Array(n * columns);
  for (let i = 0; i < n; i++) {
    for (let col = 0; col < columns; col++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += x[i * d + c] * w[c * columns + col];
      z[i * columns + col] = s;
    }
  }
  return { z, columns };
}

/**
 * 'SVD' and 'SPH' for wide data (more columns than rows), from the n × n Gram matrix G = X·Xᵀ = U·diag(s²)·Uᵀ
 * instead of a d × d decomposition, so the work is O(n²·d + n³) and the memory O(n²) rather than O(d³) and O(d²)
 * (4000 columns took minutes and gigabytes the other way). Since X·V = U·diag(s):
 * - 'SVD': Z = X·V·diag(1/√s) = U·diag(√s);
 * - 'SPH': Z = X·V·diag(1/√λ) with λ = s²/n, so Z = √n · U.
 * A direction is kept when its eigenvalue s² exceeds the largest one times max(n, d)·ε: the eigenvalues of G are
 * accurate to that much, so a direction below it (the one centring removes, say) is rounding noise. Each column is
 * signed so that its largest entry is positive.
 */
function thinRotate(x: Float64Array, n: number, d: number, kind: 'svd' | 'sphere'): Columns {
  const gram = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let c = 0, a = i * d, b = j * d; c < d; c++) s += x[a + c] * x[b + c];
      gram.set(i, j, s);
      gram.set(j, i, s);
    }
  }
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const u = eig.eigenvectorMatrix;
  const largest = values.length > 0 ? Math.max(...values) : 0;
  const tolerance = largest * Math.max(n, d) * Number.EPSILON;
  const kept = values.map((_, k) => k).filter((k) => values[k] > tolerance).sort((a, b) => values[b] - values[a]);
  const columns = kept.length;
  const z = new Float64Array(n * columns);
  kept.forEach((k, col) => {
    const scale = signOfLargest(u, k) * (kind === 'svd' ? Math.sqrt(Math.sqrt(values[k])) : Math.sqrt(n));
    for (let i = 0; i < n; i++) z[i * columns + col] = u.get(i, k) * scale;
  });
  return { z, columns };
}

/** The sign that makes column k's largest entry (in absolute value, the first of equals) positive. */
function signOfLargest(m: Matrix, k: number): number {
  let sign = 1;
  let biggest = -1;
  for (let r = 0; r < m.rows; r++) {
    const a = Math.abs(m.get(r, k));
    if (a > biggest) { biggest = a; sign = m.get(r, k) < 0 ? -1 : 1; }
  }
  return sign;
}

function toMatrix(x: Float64Array, n: number, d: number): Matrix {
  const m = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) m.set(i, c, x[i * d + c]);
  return m;
}
