/** First two principal components of the fitted columns, for the scatter's "PC1 / PC2" view. */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import type { Matrix } from '../core';
import type { PcaDto } from '../protocol/model';

/**
 * @param x nSamples × d row-major (missing cells already imputed)
 * @param rows the rows to use (indices into x)
 */
export function principalComponents(x: Matrix, rows: Int32Array): PcaDto | null {
  const d = x.cols;
  const n = rows.length;
  if (n < 2 || d < 2) return null;
  const mean = new Float64Array(d);
  for (const i of rows) for (let a = 0; a < d; a++) mean[a] += x.data[i * d + a];
  for (let a = 0; a < d; a++) mean[a] /= n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const i of rows) {
    for (let a = 0; a < d; a++) centred[a] = x.data[i * d + a] - mean[a];
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[a * d + b] += centred[a] * centred[b];
  }
  const m = new MlMatrix(d, d);
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) {
    const v = cov[a * d + b] / (n - 1);
    m.set(a, b, v);
    m.set(b, a, v);
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = values.map((v, j) => [v, j] as const).sort((p, q) => q[0] - p[0]);
  const total = values.reduce((s, v) => s + Math.max(v, 0), 0) || 1;
  const axes = order.slice(0, 2).map(([, j]) => {
    const axis = vectors.getColumn(j);
    // Fix the sign so the largest loading is positive: the picture does not flip between fits.
    let big = 0;
    for (let a = 1; a < d; a++) if (Math.abs(axis[a]) > Math.abs(axis[big])) big = a;
    return axis[big] < 0 ? axis.map((v) => -v) : axis;
  });
  return { mean: Array.from(mean), axes, explained: order.slice(0, 2).map(([v]) => Math.max(v, 0) / total) };
}
