/**
 * The first two principal components of the fitted columns, each column standardised first (a correlation-matrix
 * PCA: otherwise the column in the largest units takes PC1 — on wine, proline alone is 99.8% of the raw variance),
 * for the scatter's "PC1 × PC2" view, computed only when the panel shows it. Bounded for any shape: at most about PCA_CELLS values of a seeded row sample are read
 * per pass, only the two components the scatter needs are found (randomized subspace iteration, Halko, Martinsson
 * & Tropp 2011, §4.5), never a d × d eigendecomposition for wide data; and it polls `isCancelled` as it goes.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { readRow, type NumericTable } from '../core';
import type { PcaDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';

/** Values of the data read per pass over the sample (rows × columns); fixes the sample's size. */
export const PCA_CELLS = 20_000_000;
/** Up to this many columns the covariance matrix is formed and decomposed exactly. */
export const EXACT_MAX_COLUMNS = 64;
/** Columns of the random subspace: the two components wanted plus oversampling. */
const BLOCK = 10;
const MAX_ITERATIONS = 30;
/** Stop iterating once the top two eigenvalues move less than this (relative). */
const TOLERANCE = 1e-7;

export interface PcaInput {
  /** nSamples × d (row-major or by columns), original units, missing cells already imputed. */
  x: NumericTable;
  /** The rows to use (indices into x). */
  rows: Int32Array;
  /** Seed of the row sample and the random start (the same seed gives the same axes). */
  seed: number;
  isCancelled(): boolean;
}

/** PC1 and PC2 (null for fewer than 2 columns or rows). Throws WorkerError `cancelled` when cancelled. */
export function principalComponents(input: PcaInput): PcaDto | null {
  const d = input.x.cols;
  if (input.rows.length < 2 || d < 2) return null;
  const rows = sampleRows(input.rows, Math.max(1000, Math.floor(PCA_CELLS / d)), input.seed);
  const centred = new Centred(input.x, rows, input.isCancelled);
  const top = d <= EXACT_MAX_COLUMNS ? exactTop2(centred) : subspaceTop2(centred, input.seed);
  const total = centred.totalVariance || 1;
  const loadings = top.vectors.map((axis) => {
    // Fix the sign so the largest loading is positive: the picture does not flip between fits.
    let big = 0;
    for (let a = 1; a < d; a++) if (Math.abs(axis[a]) > Math.abs(axis[big])) big = a;
    return axis[big] < 0 ? axis.map((v) => -v) : axis;
  });
  // Scores of rows in the file's units: PC = Σ_a w_a (x_a − mean_a) / sd_a.
  const axes = loadings.map((w) => w.map((v, a) => v / centred.sd[a]));
  return { mean: Array.from(centred.mean), axes, loadings, standardized: true, explained: top.values.map((v) => Math.max(v, 0) / total) };
}

/** At most `m` of `rows`, evenly spread with a seeded offset (all of them when there are few). */
function sampleRows(rows: Int32Array, m: number, seed: number): Int32Array {
  if (rows.length <= m) return rows;
  const step = rows.length / m;
  const offset = ((Math.abs(seed) * 2654435761) % 1000) / 1000;
  return Int32Array.from({ length: m }, (_, j) => rows[Math.min(rows.length - 1, Math.floor((j + offset) * step))]);
}

/**
 * The sample's rows, centred on their mean and divided by their standard deviation (a constant column by 1), read
 * row by row with a cancellation check per block of rows.
 */
class Centred {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly totalVariance: number;
  readonly d: number;

  constructor(private readonly x: NumericTable, readonly rows: Int32Array, private readonly isCancelled: () => boolean) {
    const d = (this.d = x.cols);
    this.mean = new Float64Array(d);
    this.forEachRow((row) => { for (let a = 0; a < d; a++) this.mean[a] += row[a]; });
    for (let a = 0; a < d; a++) this.mean[a] /= rows.length;
    const ss = new Float64Array(d);
    this.forEachRow((row) => { for (let a = 0; a < d; a++) { const c = row[a] - this.mean[a]; ss[a] += c * c; } });
    this.sd = ss.map((v) => Math.sqrt(v / (rows.length - 1)) || 1);
    // Each varying column has variance 1 once standardised.
    this.totalVariance = ss.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  }

  /** Row `row` standardised into `out`. */
  standardise(row: Float64Array, out: Float64Array): void {
    for (let a = 0; a < this.d; a++) out[a] = (row[a] - this.mean[a]) / this.sd[a];
  }

  /** Calls `fn` with each sample row (a buffer reused from row to row, not centred); checks for cancel every 256 rows. */
  forEachRow(fn: (row: Float64Array, j: number) => void): void {
    const row = new Float64Array(this.d);
    for (let j = 0; j < this.rows.length; j++) {
      if ((j & 255) === 0 && this.isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled());
      fn(readRow(this.x, this.rows[j], row), j);
    }
  }

  /** C Q for the sample covariance C = Xcᵀ Xc / (m − 1) and a d × p block Q (its columns one after another). */
  covTimes(q: Float64Array, p: number): Float64Array {
    const d = this.d;
    const out = new Float64Array(d * p);
    const z = new Float64Array(p);
    const c = new Float64Array(d);
    this.forEachRow((row) => {
      this.standardise(row, c);
      for (let k = 0; k < p; k++) {
        let s = 0;
        const col = k * d;
        for (let a = 0; a < d; a++) s += c[a] * q[col + a];
        z[k] = s;
      }
      for (let k = 0; k < p; k++) {
        const zk = z[k];
        const col = k * d;
        for (let a = 0; a < d; a++) out[col + a] += c[a] * zk;
      }
    });
    const scale = 1 / (this.rows.length - 1);
    for (let i = 0; i < out.length; i++) out[i] *= scale;
    return out;
  }
}

interface Top2 {
  values: number[];
  vectors: number[][];
}

/** Narrow data: the d × d covariance of the sample, decomposed exactly. */
function exactTop2(c: Centred): Top2 {
  const d = c.d;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  c.forEachRow((row) => {
    c.standardise(row, centred);
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) cov[a * d + b] += centred[a] * centred[b];
  });
  const m = new MlMatrix(d, d);
  for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) {
    const v = cov[a * d + b] / (c.rows.length - 1);
    m.set(a, b, v);
    m.set(b, a, v);
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  return topOf(evd, (j) => evd.eigenvectorMatrix.getColumn(j));
}

/**
 * Wide data: randomized subspace iteration. Q (d × BLOCK, orthonormal) → C Q → orthonormalise, repeated until
 * the top two Ritz values settle; then the Ritz vectors of Qᵀ C Q are the axes. Each pass reads the sample once.
 */
function subspaceTop2(c: Centred, seed: number): Top2 {
  const d = c.d;
  const p = Math.min(BLOCK, d);
  let q: Float64Array = new Float64Array(d * p);
  let state = (seed ^ 0x5bd1e995) >>> 0;
  for (let i = 0; i < q.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    q[i] = state / 2 ** 32 - 0.5;
  }
  orthonormalise(q, d, p);
  let previous = [NaN, NaN];
  let result: Top2 = { values: [0, 0], vectors: [] };
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const y = c.covTimes(q, p);
    // Rayleigh–Ritz: B = Qᵀ C Q (p × p) from y = C Q.
    const b = new MlMatrix(p, p);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += q[i * d + a] * y[j * d + a];
      b.set(i, j, s);
      b.set(j, i, s);
    }
    const evd = new EigenvalueDecomposition(b, { assumeSymmetric: true });
    const basis = q;
    result = topOf(evd, (j) => {
      const v = evd.eigenvectorMatrix.getColumn(j);
      const axis = new Array<number>(d).fill(0);
      for (let k = 0; k < p; k++) for (let a = 0; a < d; a++) axis[a] += basis[k * d + a] * v[k];
      return axis;
    });
    const settled = result.values.every((v, k) => Math.abs(v - previous[k]) <= TOLERANCE * Math.max(Math.abs(v), 1e-300));
    if (settled) break;
    previous = result.values;
    orthonormalise(y, d, p);
    q = y;
  }
  return result;
}

/** The two largest eigenvalues of a symmetric decomposition and their vectors (built by `vector(j)`). */
function topOf(evd: EigenvalueDecomposition, vector: (j: number) => number[]): Top2 {
  const values = evd.realEigenvalues;
  const order = values.map((v, j) => [v, j] as const).sort((s, t) => t[0] - s[0]).slice(0, 2);
  return { values: order.map(([v]) => v), vectors: order.map(([, j]) => vector(j)) };
}

/** Modified Gram–Schmidt on the p columns (each d long, stored one after another) of `q`, in place. */
function orthonormalise(q: Float64Array, d: number, p: number): void {
  for (let k = 0; k < p; k++) {
    const col = k * d;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += q[col + a] * q[j * d + a];
      for (let a = 0; a < d; a++) q[col + a] -= s * q[j * d + a];
    }
    let norm = 0;
    for (let a = 0; a < d; a++) norm += q[col + a] * q[col + a];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let a = 0; a < d; a++) q[col + a] /= norm;
  }
}
