/**
 * Small dense kernels for d×d work on flat row-major Float64Arrays, at an offset so a K×d×d block can be
 * processed in place without slicing. These run once per component per iteration, never per row.
 */

/**
 * Lower Cholesky factor L (A = L·Lᵀ) of the symmetric n×n matrix stored row-major at `a[off …]`, in place.
 * Only the lower triangle is read; the upper triangle is set to 0.
 * @returns false (leaving `a` partly overwritten) when A is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number, off = 0): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = off + j * n;
    let s = a[rowJ + j];
    for (let p = 0; p < j; p++) s -= a[rowJ + p] * a[rowJ + p];
    // `!(s > 0)` also catches NaN, which a plain `s <= 0` would let through.
    if (!(s > 0) || !Number.isFinite(s)) return false;
    const ljj = Math.sqrt(s);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = off + i * n;
      let t = a[rowI + j];
      for (let p = 0; p < j; p++) t -= a[rowI + p] * a[rowJ + p];
      a[rowI + j] = t / ljj;
    }
    for (let i = 0; i < j; i++) a[off + i * n + j] = 0;
  }
  return true;
}

/**
 * M = L⁻¹ for the lower-triangular n×n L at `l[lOff …]`, written lower-triangular (upper zeros) to `out[outOff …]`.
 * Forward substitution column by column. `out` must not overlap `l`.
 */
export function invertLower(l: Float64Array, n: number, lOff: number, out: Float64Array, outOff: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[outOff + i * n + j] = 0;
  for (let c = 0; c < n; c++) {
    out[outOff + c * n + c] = 1 / l[lOff + c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let p = c; p < i; p++) s += l[lOff + i * n + p] * out[outOff + p * n + c];
      out[outOff + i * n + c] = -s / l[lOff + i * n + i];
    }
  }
}

/** Σ log L_jj over the diagonal of the n×n triangular factor at `l[off …]`. */
export function logDiagSum(l: Float64Array, n: number, off = 0): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.log(l[off + j * n + j]);
  return s;
}
