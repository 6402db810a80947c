/**
 * The plane the scatter shows: two fitted columns, or the first two principal components. Pure maths
 * (no DOM), unit-tested in test/unit/webview/projection.test.ts.
 */
import type { GaussianParamsDto, PcaDto } from '../protocol/model';

/** Component k's covariance as a d × d matrix, whatever layout the model sends (expanded only where it is drawn). */
export function covarianceMatrix(params: GaussianParamsDto, k: number): number[][] {
  const c = params.covariance;
  if (c.layout === 'full') return c.matrices[k];
  const v = c.variances[k];
  return v.map((va, a) => v.map((_, b) => (a === b ? va : 0)));
}

/** A symmetric 2 × 2 matrix [[xx, xy], [xy, yy]]. */
export interface Cov2 {
  xx: number;
  xy: number;
  yy: number;
}

/** Maps d-dimensional points and covariances onto the shown plane. */
export interface Plane {
  /** Axis titles. */
  xLabel: string;
  yLabel: string;
  point(x: readonly number[]): [number, number];
  /** The 2 × 2 covariance on the plane: the marginal for columns, P Σ Pᵀ for principal components. */
  cov(sigma: readonly (readonly number[])[]): Cov2;
}

/** The plane of columns `a` and `b` (indices into the fitted columns). */
export function columnPlane(columns: readonly string[], a: number, b: number): Plane {
  return {
    xLabel: columns[a] ?? '',
    yLabel: columns[b] ?? '',
    point: (x) => [x[a], x[b]],
    cov: (s) => ({ xx: s[a][a], xy: s[a][b], yy: s[b][b] }),
  };
}

/** The plane of the first two principal components: p = P (x − mean), Σ_p = P Σ Pᵀ. */
export function pcaPlane(pca: PcaDto): Plane {
  const [u, v] = pca.axes;
  const d = pca.mean.length;
  const of = pca.standardized ? ' of the standardised columns' : '';
  const share = (i: number) => (pca.explained[i] !== undefined ? ` (${(pca.explained[i] * 100).toFixed(1)}% of the variance${of})` : '');
  const dot = (w: readonly number[], x: readonly number[]) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[j] * (x[j] - pca.mean[j]);
    return s;
  };
  /** wᵀ Σ z */
  const quad = (w: readonly number[], s: readonly (readonly number[])[], z: readonly number[]) => {
    let t = 0;
    for (let i = 0; i < d; i++) {
      let row = 0;
      for (let j = 0; j < d; j++) row += s[i][j] * z[j];
      t += w[i] * row;
    }
    return t;
  };
  return {
    xLabel: `PC1${share(0)}`,
    yLabel: `PC2${share(1)}`,
    point: (x) => [dot(u, x), dot(v, x)],
    cov: (s) => ({ xx: quad(u, s, u), xy: quad(u, s, v), yy: quad(v, s, v) }),
  };
}

/**
 * Points on the ellipse { p : (p − μ)ᵀ Σ⁻¹ (p − μ) = r² }, i.e. the r-σ contour of a 2-D Gaussian,
 * closed (the last point repeats the first). Uses the eigen-decomposition of the symmetric 2 × 2 Σ.
 */
export function ellipsePoints(mean: readonly [number, number], c: Cov2, r: number, n = 72): { x: number; y: number }[] {
  const half = (c.xx + c.yy) / 2;
  const disc = Math.sqrt(((c.xx - c.yy) / 2) ** 2 + c.xy ** 2);
  const l1 = Math.max(half + disc, 0);
  const l2 = Math.max(half - disc, 0);
  // Angle of the major axis (eigenvector of l1).
  const theta = 0.5 * Math.atan2(2 * c.xy, c.xx - c.yy);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const a = r * Math.sqrt(l1);
  const b = r * Math.sqrt(l2);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i <= n; i++) {
    const t = (2 * Math.PI * i) / n;
    const ex = a * Math.cos(t);
    const ey = b * Math.sin(t);
    out.push({ x: mean[0] + ex * cos - ey * sin, y: mean[1] + ex * sin + ey * cos });
  }
  return out;
}

/** The correlation matrix of a covariance matrix (0 where a variance is 0). */
export function correlation(cov: readonly (readonly number[])[]): number[][] {
  const sd = cov.map((row, i) => Math.sqrt(Math.max(row[i], 0)));
  return cov.map((row, i) => row.map((v, j) => (sd[i] > 0 && sd[j] > 0 ? v / (sd[i] * sd[j]) : i === j ? 1 : 0)));
}

/** Standard deviations: square roots of the covariance diagonal. */
export function stdDevs(cov: readonly (readonly number[])[]): number[] {
  return cov.map((row, i) => Math.sqrt(Math.max(row[i], 0)));
}
