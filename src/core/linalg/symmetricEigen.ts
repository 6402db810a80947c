/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub & Van Loan, Matrix
 * Computations §8.5; rotation formulas as in Numerical Recipes `jacobi`). Jacobi is slower than a tridiagonal QR
 * for large n, but for the d×d matrices of a covariance model (d up to a few dozen) it is short, needs no
 * workspace beyond one n×n copy, and finds the small eigenvalues of a positive definite matrix to high *relative*
 * accuracy (Demmel & Veselić 1992), which log-determinants and shapes need.
 */

const EPS = Number.EPSILON;
const MAX_SWEEPS = 60;

/**
 * A = V·diag(values)·Vᵀ for the symmetric n×n matrix stored row-major at `a[aOff …]` (both triangles read).
 * @param values  out: the n eigenvalues, descending.
 * @param vectors out: n×n row-major, column j the unit eigenvector of values[j] (sign as the rotations left it).
 * @param work    scratch of at least n·n entries (the matrix is rotated there; `a` is not modified).
 * @returns false when the sweeps did not converge or the matrix holds a non-finite entry.
 */
export function symmetricEigen(a: Float64Array, n: number, aOff: number, values: Float64Array, vectors: Float64Array, work: Float64Array): boolean {
  const w = work;
  for (let i = 0; i < n * n; i++) {
    const v = a[aOff + i];
    if (!Number.isFinite(v)) return false;
    w[i] = v;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vectors[i * n + j] = i === j ? 1 : 0;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += w[i] * w[i];
  // Off-diagonal entries below this are zero for any purpose (they cannot move an eigenvalue by one ulp of ‖A‖).
  const floor = EPS * EPS * Math.sqrt(norm);
  let converged = n <= 1;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w[p * n + q];
        const app = w[p * n + p], aqq = w[q * n + q];
        // Relative criterion: |a_pq| below ε·√|a_pp a_qq| leaves every eigenvalue correct to a few ulps of itself.
        if (Math.abs(apq) <= floor || Math.abs(apq) <= 0.5 * EPS * Math.sqrt(Math.abs(app * aqq))) {
          w[p * n + q] = 0; w[q * n + p] = 0;
          continue;
        }
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        w[p * n + p] = app - t * apq;
        w[q * n + q] = aqq + t * apq;
        w[p * n + q] = 0; w[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          if (r !== p && r !== q) {
            const arp = w[r * n + p], arq = w[r * n + q];
            const np = c * arp - s * arq, nq = s * arp + c * arq;
            w[r * n + p] = np; w[p * n + r] = np;
            w[r * n + q] = nq; w[q * n + r] = nq;
          }
          const vrp = vectors[r * n + p], vrq = vectors[r * n + q];
          vectors[r * n + p] = c * vrp - s * vrq;
          vectors[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
    converged = !rotated;
  }
  for (let j = 0; j < n; j++) values[j] = w[j * n + j];
  sortDescending(values, vectors, n);
  return converged;
}

/** Selection sort of the eigenvalues, descending, moving the eigenvector columns along (n is small). */
function sortDescending(values: Float64Array, vectors: Float64Array, n: number): void {
  for (let j = 0; j < n - 1; j++) {
    let best = j;
    for (let i = j + 1; i < n; i++) if (values[i] > values[best]) best = i;
    if (best === j) continue;
    const tv = values[j]; values[j] = values[best]; values[best] = tv;
    for (let r = 0; r < n; r++) {
      const t = vectors[r * n + j]; vectors[r * n + j] = vectors[r * n + best]; vectors[r * n + best] = t;
    }
  }
}
