/**
 * Test helpers: random scatter statistics, and random *feasible* covariances of a model near a given estimate, made
 * by splitting each Σ_k into volume λ_k, shape A_k and orientation D_k and perturbing each factor as the model allows
 * (one perturbation for an Equal factor, one per component for a Variable one, none for the Identity).
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { COVARIANCE_MODELS, type ModelName } from '../../../../../src/core/gaussian/models/catalog';
import type { ScatterInput } from '../../../../../src/core/gaussian/models/estimate';
import { createRng, type Rng } from '../../../../../src/core/numeric/rng';

/** N_k and W_k (full) of a seeded sample: K groups of 8…60 points in d dimensions with varied covariances. */
export function randomScatter(seed: number, K: number, d: number): ScatterInput {
  const rng = createRng(seed, 17);
  const nk = new Float64Array(K), scatter = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) {
    const n = d + 8 + Math.floor(rng.next() * 50);
    const a = Float64Array.from({ length: d * d }, () => rng.normal());
    const mean = new Float64Array(d), xs: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const z = Float64Array.from({ length: d }, () => rng.normal());
      const x = new Float64Array(d);
      for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) x[p] += a[p * d + q] * z[q];
      xs.push(x);
      for (let p = 0; p < d; p++) mean[p] += x[p] / n;
    }
    for (const x of xs) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) scatter[k * d * d + p * d + q] += (x[p] - mean[p]) * (x[q] - mean[q]);
    nk[k] = n;
  }
  return { K, d, nk, scatter, regCovar: 0 };
}

/** Column-major helpers over ml-matrix. */
function toMl(a: ArrayLike<number>, off: number, d: number): MlMatrix {
  return new MlMatrix(Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => a[off + i * d + j])));
}

/** A rotation near the identity: Gram–Schmidt of I + scale·G. */
function nearIdentityRotation(rng: Rng, d: number, scale: number): MlMatrix {
  const m = MlMatrix.eye(d).add(new MlMatrix(Array.from({ length: d }, () => Array.from({ length: d }, () => scale * rng.normal()))));
  const q = new MlMatrix(d, d);
  for (let c = 0; c < d; c++) {
    const v = m.getColumn(c);
    for (let p = 0; p < c; p++) {
      const u = q.getColumn(p);
      const dot = u.reduce((s, x, i) => s + x * v[i], 0);
      for (let i = 0; i < d; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    q.setColumn(c, v.map((x) => x / norm));
  }
  return q;
}

interface Factors { volume: number[]; shape: number[][]; orientation: MlMatrix[] }

/** Σ_k = λ_k D_k diag(A_k) D_kᵀ for the model's constraints, read from an estimate that satisfies them. */
function factorsOf(model: ModelName, sigma: Float64Array, K: number, d: number): Factors {
  const info = COVARIANCE_MODELS[model];
  if (info.layout === 'diag') {
    const volume = [], shape = [];
    for (let k = 0; k < K; k++) {
      const v = Array.from(sigma.subarray(k * d, k * d + d));
      const g = Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / d);
      volume.push(g); shape.push(v.map((x) => x / g));
    }
    return { volume, shape, orientation: Array.from({ length: K }, () => MlMatrix.eye(d)) };
  }
  const volume: number[] = [], shape: number[][] = [], orientation: MlMatrix[] = [];
  let common: MlMatrix | undefined;
  for (let k = 0; k < K; k++) {
    const S = toMl(sigma, k * d * d, d);
    // A common orientation is read once, from the first component; its shapes are then the diagonals in those axes.
    const D = info.orientation === 'E' && common ? common : new EigenvalueDecomposition(S, { assumeSymmetric: true }).eigenvectorMatrix;
    common ??= D;
    const diag = D.transpose().mmul(S).mmul(D).diagonal();
    const g = Math.exp(diag.reduce((s, x) => s + Math.log(x), 0) / d);
    volume.push(g); shape.push(diag.map((x) => x / g)); orientation.push(D);
  }
  return { volume, shape, orientation };
}

/**
 * A random covariance set of the same model near `sigma` (which must satisfy the model): every free factor is
 * multiplied by exp(scale·noise) (volumes, shapes renormalised to product 1) or rotated by a random rotation of the
 * given scale. Written in the model's layout.
 */
export function perturbWithinModel(model: ModelName, sigma: Float64Array, K: number, d: number, rng: Rng, scale: number): Float64Array {
  const info = COVARIANCE_MODELS[model];
  const f = factorsOf(model, sigma, K, d);
  const shared = { volume: Math.exp(scale * rng.normal()), shape: Array.from({ length: d }, () => Math.exp(scale * rng.normal())), rotation: nearIdentityRotation(rng, d, scale) };
  const out = new Float64Array(info.layout === 'full' ? K * d * d : K * d);
  for (let k = 0; k < K; k++) {
    const lambda = f.volume[k] * (info.volume === 'E' ? shared.volume : Math.exp(scale * rng.normal()));
    let a = f.shape[k];
    if (info.shape !== 'I') {
      const noise = info.shape === 'E' ? shared.shape : a.map(() => Math.exp(scale * rng.normal()));
      a = a.map((x, j) => x * noise[j]);
    } else {
      a = a.map(() => 1);
    }
    const g = Math.exp(a.reduce((s, x) => s + Math.log(x), 0) / d);
    a = a.map((x) => x / g);
    if (info.layout === 'diag') {
      for (let j = 0; j < d; j++) out[k * d + j] = lambda * a[j];
      continue;
    }
    const rotation = info.orientation === 'E' ? shared.rotation : nearIdentityRotation(rng, d, scale);
    const D = f.orientation[k].mmul(rotation);
    const S = D.mmul(MlMatrix.diag(a.map((x) => lambda * x))).mmul(D.transpose());
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[k * d * d + i * d + j] = (S.get(i, j) + S.get(j, i)) / 2;
  }
  return out;
}
