/**
 * mclust's mclrup: adds one row to the triangular factor R of a scatter matrix W = RᵀR with Givens rotations,
 * so W + vvᵀ is factored without forming W. Matrices are p × p row-major with row stride `stride`; the factor
 * may live in the trailing sub-matrix that starts at `off` (nsub columns), as mclust uses it to fold in one
 * stored row of another group's factor at a time. Only entries on and above the diagonal are meaningful; the
 * rotations leave scratch values below it, which nothing reads.
 */
import { fma, rotg } from './openblasArithmetic';

const rotation = new Float64Array(3);

/**
 * mclrup(l, nsub, v, r): `l` counts the rows the factor has seen including v. While l − 1 ≤ nsub, v becomes
 * row l − 1 (1-based) and is rotated against the rows above it; after that v is rotated into the full triangle.
 * v (nsub entries from vOff) is overwritten.
 */
export function addRow(l: number, nsub: number, v: Float64Array, vOff: number, r: Float64Array, off: number, stride: number): void {
  if (l === 1) return;
  const k = l - 1;
  if (k <= nsub) {
    const rowK = off + (k - 1) * stride;
    for (let c = 0; c < nsub; c++) r[rowK + c] = v[vOff + c];
    for (let i = 0; i < k - 1; i++) {
      const rowI = off + i * stride;
      rotg(r[rowI + i], r[rowK + i], rotation);
      r[rowI + i] = rotation[0];
      rotate(r, rowI, r, rowK, i + 1, nsub, rotation[1], rotation[2]);
    }
    return;
  }
  for (let i = 0; i < nsub - 1; i++) {
    const rowI = off + i * stride;
    rotg(r[rowI + i], v[vOff + i], rotation);
    r[rowI + i] = rotation[0];
    rotate(r, rowI, v, vOff, i + 1, nsub, rotation[1], rotation[2]);
  }
  const last = off + (nsub - 1) * stride + nsub - 1;
  rotg(r[last], v[vOff + nsub - 1], rotation);
  r[last] = rotation[0];
}

/** drot on entries from..to−1 of two rows: x ← c·x + s·y, y ← c·y − s·x, each a fused multiply-add. */
function rotate(xs: Float64Array, xOff: number, ys: Float64Array, yOff: number, from: number, to: number, c: number, s: number): void {
  for (let col = from; col < to; col++) {
    const x = xs[xOff + col];
    const y = ys[yOff + col];
    xs[xOff + col] = fma(c, x, s * y);
    ys[yOff + col] = fma(c, y, -(s * x));
  }
}
