/** Volume, shape and orientation of one covariance matrix, for the panel's parameter tables. */
import { symmetricEigen } from '../../linalg/symmetricEigen';
import type { CovarianceLayout } from './catalog';

/** Σ = volume · D·diag(shape)·Dᵀ (Celeux & Govaert 1995; mclust's `decomp`). */
export interface CovarianceDecomposition {
  /** λ = |Σ|^{1/d}. */
  readonly volume: number;
  /** The eigenvalues of Σ divided by λ, descending; their product is 1. */
  readonly shape: number[];
  /** d×d row-major, column j the unit eigenvector of shape[j], signed so its largest loading is positive. */
  readonly orientation: number[];
}

/**
 * The decomposition of one Σ_k stored at `sigma[offset …]`: d×d row-major (layout 'full') or its d diagonal entries
 * ('diag', whose orientation is then a permutation of the axes, so the shape can be listed largest first).
 * A singular Σ (an eigenvalue ≤ 0) gets volume 0 and the eigenvalues divided by the largest as its shape.
 */
export function decomposeCovariance(sigma: Float64Array, offset: number, d: number, layout: CovarianceLayout): CovarianceDecomposition {
  const values = new Float64Array(d), vectors = new Float64Array(d * d);
  if (layout === 'diag') {
    const order = Array.from({ length: d }, (_, j) => j).sort((i, j) => sigma[offset + j] - sigma[offset + i] || i - j);
    order.forEach((axis, j) => { values[j] = sigma[offset + axis]; vectors[axis * d + j] = 1; });
  } else if (!symmetricEigen(sigma, d, offset, values, vectors, new Float64Array(d * d))) {
    throw new Error('decomposeCovariance: the covariance matrix holds a value that is not finite.');
  }
  let logSum = 0;
  for (let j = 0; j < d; j++) logSum += Math.log(values[j]);
  const volume = values[d - 1] > 0 ? Math.exp(logSum / d) : 0;
  const divisor = volume > 0 ? volume : values[0];
  const shape = Array.from(values, (v) => v / divisor);
  for (let j = 0; j < d; j++) {
    let best = 0;
    for (let i = 1; i < d; i++) if (Math.abs(vectors[i * d + j]) > Math.abs(vectors[best * d + j])) best = i;
    if (vectors[best * d + j] < 0) for (let i = 0; i < d; i++) vectors[i * d + j] = -vectors[i * d + j];
  }
  return { volume, shape, orientation: Array.from(vectors) };
}
