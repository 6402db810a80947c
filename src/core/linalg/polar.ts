/**
 * The orthogonal polar factor of a small square matrix, by one-sided Jacobi SVD (Hestenes 1958; Demmel & Veselić
 * 1992): the columns of F are rotated pairwise until orthogonal, F·V = U·S, and the polar factor is U·Vᵀ, the
 * orthogonal matrix Q maximising tr(Qᵀ F) (the orthogonal Procrustes solution).
 */

const EPS = Number.EPSILON;
const MAX_SWEEPS = 60;

/**
 * Q = U·Vᵀ where F = U·S·Vᵀ is the SVD of the n×n row-major `f`. When F is rank deficient the missing columns of U
 * are completed to an orthonormal basis, which still maximises tr(Qᵀ F).
 * @param q    out: n×n row-major orthogonal matrix (must not overlap `f` or `work`).
 * @param work scratch of at least 2·n·n + n entries.
 * @returns false when `f` holds a non-finite entry or the sweeps did not converge.
 */
export function orthogonalPolar(f: Float64Array, n: number, q: Float64Array, work: Float64Array): boolean {
  const u = work.subarray(0, n * n), v = work.subarray(n * n, 2 * n * n), sv = work.subarray(2 * n * n, 2 * n * n + n);
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(f[i])) return false;
    u[i] = f[i];
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = i === j ? 1 : 0;
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let rotated = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let r = 0; r < n; r++) {
          const ui = u[r * n + i], uj = u[r * n + j];
          alpha += ui * ui; beta += uj * uj; gamma += ui * uj;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t), s = c * t;
        for (let r = 0; r < n; r++) {
          const ui = u[r * n + i], uj = u[r * n + j];
          u[r * n + i] = c * ui - s * uj; u[r * n + j] = s * ui + c * uj;
          const vi = v[r * n + i], vj = v[r * n + j];
          v[r * n + i] = c * vi - s * vj; v[r * n + j] = s * vi + c * vj;
        }
      }
    }
    converged = !rotated;
  }
  let smax = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += u[r * n + j] * u[r * n + j];
    sv[j] = Math.sqrt(s);
    smax = Math.max(smax, sv[j]);
  }
  // Columns with a negligible singular value carry no direction: replace them by an orthonormal completion.
  const tiny = n * EPS * smax;
  for (let j = 0; j < n; j++) {
    if (sv[j] > tiny) for (let r = 0; r < n; r++) u[r * n + j] /= sv[j];
  }
  for (let j = 0; j < n; j++) if (!(sv[j] > tiny)) completeColumn(u, sv, n, j, tiny);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += u[r * n + p] * v[c * n + p];
      q[r * n + c] = s;
    }
  }
  return converged;
}

/** Column j of U := a unit vector orthogonal to every accepted column (Gram–Schmidt on e_1, e_2, …). */
function completeColumn(u: Float64Array, sv: Float64Array, n: number, j: number, tiny: number): void {
  let bestNorm = -1, bestE = 0;
  // Try each axis; keep the one with the largest residual after projecting out the accepted columns.
  for (let e = 0; e < n; e++) {
    let norm = 1;
    for (let c = 0; c < n; c++) if (c !== j && sv[c] > tiny) norm -= u[e * n + c] * u[e * n + c];
    if (norm > bestNorm) { bestNorm = norm; bestE = e; }
  }
  for (let r = 0; r < n; r++) u[r * n + j] = r === bestE ? 1 : 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < n; c++) {
      if (c === j || !(sv[c] > tiny)) continue;
      let dot = 0;
      for (let r = 0; r < n; r++) dot += u[r * n + c] * u[r * n + j];
      for (let r = 0; r < n; r++) u[r * n + j] -= dot * u[r * n + c];
    }
  }
  let norm = 0;
  for (let r = 0; r < n; r++) norm += u[r * n + j] * u[r * n + j];
  norm = Math.sqrt(norm);
  for (let r = 0; r < n; r++) u[r * n + j] /= norm;
  // Accepted from here on, so a second missing column is made orthogonal to this one too.
  sv[j] = Infinity;
}
