/**
 * Scratch memory of the covariance M-steps and the small helpers they share. One workspace per (K, d) lets the
 * EM loop call `estimateCovariances` every iteration without allocating.
 */
import { choleskyInPlace } from '../../linalg/cholesky';

/** Scratch buffers for `estimateCovariances` with K components in d dimensions; make it with `createModelWorkspace`. */
export interface ModelWorkspace {
  readonly K: number;
  readonly d: number;
  /** W̃_k = W_k + N_k·reg·I: K×d×d (full models) or K×d (diagonal models). */
  readonly scatter: Float64Array;
  /** Per component eigenvalues (descending) or variances along the axes of an orientation: K×d. */
  readonly values: Float64Array;
  /** A second K×d block (the diagonals of DᵀW̃_kD in EVE and VVE). */
  readonly values2: Float64Array;
  /** Per component eigenvectors (columns), K×d×d. */
  readonly vectors: Float64Array;
  /** A second K×d×d block (DᵀW̃_kD in EVE and VVE). */
  readonly vectors2: Float64Array;
  /** Per component scalars (volumes, largest eigenvalues, a failing component): 2·K. */
  readonly perComponent: Float64Array;
  /** Per dimension values (a shared shape and its previous value): 2·d. */
  readonly perDimension: Float64Array;
  /** Four scalars per component for the plane rotations of EVE and VVE: 4·K. */
  readonly pair: Float64Array;
  /** Four d×d matrices. */
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  readonly m4: Float64Array;
  /** Scratch of the Jacobi routines: 2·d·d + d. */
  readonly jacobi: Float64Array;
  /**
   * When set, the most inner iterations one call of EVE, VVE or VEE may take (a generalized EM step: every inner
   * iteration raises the objective, so EM stays monotone, and as EM converges the warm starts finish the inner
   * maximisation). Unset: each model's own cap.
   */
  innerBudget?: number;
}

/** Allocates the scratch of every model for K components in d dimensions (about 3·K·d² + 6·d² numbers). */
export function createModelWorkspace(K: number, d: number): ModelWorkspace {
  const dd = d * d;
  return {
    K, d,
    scatter: new Float64Array(K * dd),
    values: new Float64Array(K * d),
    values2: new Float64Array(K * d),
    vectors: new Float64Array(K * dd),
    vectors2: new Float64Array(K * dd),
    perComponent: new Float64Array(2 * K),
    perDimension: new Float64Array(2 * d),
    pair: new Float64Array(4 * K),
    m1: new Float64Array(dd), m2: new Float64Array(dd), m3: new Float64Array(dd), m4: new Float64Array(dd),
    jacobi: new Float64Array(2 * dd + d),
  };
}

/**
 * A pivot of the Cholesky factor below this fraction of its diagonal entry (times d) counts as zero: the matrix is
 * then singular to working precision (its smallest eigenvalue is lost in rounding), and log|·| or the inverse is noise.
 */
export const SINGULAR_RELATIVE = 16 * Number.EPSILON;

/**
 * Lower Cholesky factor of the d×d symmetric matrix at `a[off …]`, written to `l` (a is untouched), when the matrix is
 * positive definite to working precision: every squared pivot above d·SINGULAR_RELATIVE times its diagonal entry.
 * @returns false when the matrix is singular, indefinite or not finite.
 */
export function choleskyIfDefinite(a: Float64Array, off: number, d: number, l: Float64Array): boolean {
  for (let i = 0; i < d * d; i++) l[i] = a[off + i];
  if (!choleskyInPlace(l, d)) return false;
  for (let j = 0; j < d; j++) {
    const ljj = l[j * d + j];
    if (!(ljj * ljj > d * SINGULAR_RELATIVE * a[off + j * d + j])) return false;
  }
  return true;
}

/** log|A| from its Cholesky factor L (A = L·Lᵀ): 2·Σ log L_jj. */
export function logDetFromCholesky(l: Float64Array, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += Math.log(l[j * d + j]);
  return 2 * s;
}

/** A⁻¹ (full, symmetric) from the lower Cholesky factor L of A, written to `inv`; `tmp` is d×d scratch. */
export function inverseFromCholesky(l: Float64Array, d: number, inv: Float64Array, tmp: Float64Array): void {
  // tmp = L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  for (let i = 0; i < d * d; i++) tmp[i] = 0;
  for (let c = 0; c < d; c++) {
    tmp[c * d + c] = 1 / l[c * d + c];
    for (let i = c + 1; i < d; i++) {
      let s = 0;
      for (let p = c; p < i; p++) s += l[i * d + p] * tmp[p * d + c];
      tmp[i * d + c] = -s / l[i * d + i];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < d; p++) s += tmp[p * d + i] * tmp[p * d + j];
      inv[i * d + j] = s; inv[j * d + i] = s;
    }
  }
}

/** Σ_ij A_ij B_ij over two d×d blocks: tr(A·B) for symmetric A and B. */
export function traceProduct(a: Float64Array, aOff: number, b: Float64Array, bOff: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d * d; i++) s += a[aOff + i] * b[bOff + i];
  return s;
}

/** (Π v_j)^{1/d} over d positive values at `v[off …]`, through the mean log so it neither overflows nor underflows. */
export function geometricMean(v: Float64Array, off: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += Math.log(v[off + j]);
  return Math.exp(s / d);
}
