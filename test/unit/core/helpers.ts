/** Test helpers for the EM core: a planted mixture (sklearn's RandomData), a naive density, CSV reading, closeness. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CholeskyDecomposition, Matrix as MlMatrix, determinant, inverse } from 'ml-matrix';
import { createRng } from '../../../src/core/numeric/rng';
import type { Matrix } from '../../../src/core/mixture/types';
import type { GaussianParams } from '../../../src/core/gaussian/types';
import { MODEL_ALIASES } from '../../../src/core/gaussian/models/catalog';

/** scikit-learn's four structures, the shapes `plantedMixture` can plant. */
export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';
export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
/** The pass's precision layout for a structure. */
export const precisionOf = (t: CovarianceType): 'full' | 'diag' => (t === 'full' || t === 'tied' ? 'full' : 'diag');
import { expandCovariances } from '../../../src/core/gaussian/expand';

/** assert_allclose: |a − e| ≤ atol + rtol·|e| elementwise. */
export function assertClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, { rtol = 1e-7, atol = 0 } = {}, what = ''): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${what}: length`);
  for (let j = 0; j < a.length; j++) {
    const ok = Math.abs(a[j] - e[j]) <= atol + rtol * Math.abs(e[j]) || (a[j] === e[j]);
    assert.ok(ok, `${what}[${j}]: ${a[j]} vs ${e[j]} (rtol ${rtol}, atol ${atol})`);
  }
}

/** A random symmetric positive-definite d×d matrix (row-major) with eigenvalues roughly in [0.3, 2]·scale. */
function randomSpd(rng: ReturnType<typeof createRng>, d: number, scale: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let j = 0; j < d * d; j++) a[j] = rng.normal() * 0.6;
  const s = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let v = i === j ? 0.3 : 0;
    for (let p = 0; p < d; p++) v += a[i * d + p] * a[j * d + p] / d;
    s[i * d + j] = v * scale;
  }
  return s;
}

/**
 * A seeded Gaussian mixture and a sample from it (sklearn's `RandomData`): K components whose means are
 * `separation` apart on average, with covariances of the given structure.
 */
export function plantedMixture(seed: number, opts: { nSamples: number; nFeatures: number; nComponents: number; covarianceType: CovarianceType; separation?: number }): { x: Matrix; params: GaussianParams; labels: Int32Array } {
  const { nSamples: n, nFeatures: d, nComponents: K, covarianceType: t } = opts;
  const sep = opts.separation ?? 8;
  const rng = createRng(seed, 99);
  const weights = new Float64Array(K);
  for (let k = 0; k < K; k++) weights[k] = 0.5 + rng.next();
  const wsum = weights.reduce((s, w) => s + w, 0);
  for (let k = 0; k < K; k++) weights[k] /= wsum;
  const means = new Float64Array(K * d);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) means[k * d + a] = rng.normal() * sep + 10 * a;
  let covariances: Float64Array;
  if (t === 'full') { covariances = new Float64Array(K * d * d); for (let k = 0; k < K; k++) covariances.set(randomSpd(rng, d, 1 + rng.next()), k * d * d); }
  else if (t === 'tied') { const shared = randomSpd(rng, d, 1.5); covariances = new Float64Array(K * d * d); for (let k = 0; k < K; k++) covariances.set(shared, k * d * d); }
  else if (t === 'diag') covariances = Float64Array.from({ length: K * d }, () => 0.3 + 2 * rng.next());
  else { const v = Float64Array.from({ length: K }, () => 0.3 + 2 * rng.next()); covariances = Float64Array.from({ length: K * d }, (_, j) => v[Math.floor(j / d)]); }
  const params: GaussianParams = { kind: 'gaussian', model: MODEL_ALIASES[t], nComponents: K, nFeatures: d, weights, means, covariances };
  const full = expandCovariances(params);
  const chol = Array.from({ length: K }, (_, k) => new CholeskyDecomposition(new MlMatrix(Array.from({ length: d }, (_, i) => Array.from(full.subarray(k * d * d + i * d, k * d * d + i * d + d))))).lowerTriangularMatrix);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let u = rng.next(), k = 0;
    while (k < K - 1 && u >= weights[k]) { u -= weights[k]; k++; }
    labels[i] = k;
    for (let a = 0; a < d; a++) z[a] = rng.normal();
    for (let a = 0; a < d; a++) {
      let v = means[k * d + a];
      for (let b = 0; b <= a; b++) v += chol[k].get(a, b) * z[b];
      data[i * d + a] = v;
    }
  }
  return { x: { data, rows: n, cols: d }, params, labels };
}

/** log N(x | μ, Σ) the textbook way (determinant and inverse from ml-matrix), independent of the engine. */
export function naiveLogGaussian(x: number[], mean: number[], cov: number[][]): number {
  const d = x.length;
  const S = new MlMatrix(cov);
  const diff = MlMatrix.columnVector(x.map((v, a) => v - mean[a]));
  const maha = diff.transpose().mmul(inverse(S)).mmul(diff).get(0, 0);
  return -0.5 * (d * Math.log(2 * Math.PI) + Math.log(determinant(S)) + maha);
}

/** Naive log p(x) of a mixture over the observed coordinates of x (NaN = missing). */
export function naiveMixtureLogDensity(params: GaussianParams, x: number[]): number {
  const { nComponents: K, nFeatures: d } = params;
  const full = expandCovariances(params);
  const obs = x.map((v, a) => (Number.isNaN(v) ? -1 : a)).filter((a) => a >= 0);
  if (obs.length === 0) return 0;
  let s = 0;
  for (let k = 0; k < K; k++) {
    const cov = obs.map((a) => obs.map((b) => full[k * d * d + a * d + b]));
    s += params.weights[k] * Math.exp(naiveLogGaussian(obs.map((a) => x[a]), obs.map((a) => params.means[k * d + a]), cov));
  }
  return Math.log(s);
}

/** The first `nCols` columns of a CSV with a header line, as a Matrix (tiny local reader; the real ones live in src/data). */
export function readCsvColumns(relativePath: string, nCols: number): Matrix {
  const text = fs.readFileSync(path.join(repoRoot(), relativePath), 'utf8');
  const lines = text.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
  const data = new Float64Array(lines.length * nCols);
  lines.forEach((l, i) => l.split(',').slice(0, nCols).forEach((v, a) => { data[i * nCols + a] = Number(v); }));
  return { data, rows: lines.length, cols: nCols };
}

/** The repository root (tests run from out/test/…, bundled; cwd is the root under `npm test`). */
export function repoRoot(): string {
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Component order that sorts components by their first mean coordinate (then second), to compare with a truth. */
export function sortByMean(params: GaussianParams): number[] {
  const d = params.nFeatures;
  return Array.from({ length: params.nComponents }, (_, k) => k).sort((p, q) => params.means[p * d] - params.means[q * d] || params.means[p * d + 1] - params.means[q * d + 1]);
}

/** Removes a share of cells at random (never a whole row), returning a copy. */
export function removeCells(x: Matrix, share: number, seed: number): Matrix {
  const rng = createRng(seed, 7);
  const data = Float64Array.from(x.data);
  for (let i = 0; i < x.rows; i++) {
    for (let a = 0; a < x.cols; a++) if (rng.next() < share) data[i * x.cols + a] = NaN;
    let all = true;
    for (let a = 0; a < x.cols; a++) if (!Number.isNaN(data[i * x.cols + a])) all = false;
    if (all) { const a = rng.int(x.cols); data[i * x.cols + a] = x.data[i * x.cols + a]; }
  }
  return { data, rows: x.rows, cols: x.cols };
}
