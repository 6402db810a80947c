/**
 * The covariance models whose maximum-likelihood M-step has a closed form (Celeux & Govaert 1995, Table 1 and §3;
 * mclust's ms* routines). Each maximises Σ_k [ −N_k/2 · log|Σ_k| − ½ tr(W̃_k Σ_k⁻¹) ] under its constraint, reading
 * the ridged scatter W̃_k and writing Σ_k. N = Σ_k N_k throughout.
 */
import { symmetricEigen } from '../../linalg/symmetricEigen';
import { CLOSED_FORM, singular, type EstimateOutcome } from './types';
import { SINGULAR_RELATIVE, choleskyIfDefinite, geometricMean, logDetFromCholesky, type ModelWorkspace } from './workspace';

/** The closed-form diagonal models. */
export type ClosedDiagModel = 'EII' | 'VII' | 'EEI' | 'EVI' | 'VVI';
/** The closed-form full models. */
export type ClosedFullModel = 'EEE' | 'EEV' | 'EVV' | 'VVV';

function total(nk: Float64Array, K: number): number {
  let n = 0;
  for (let k = 0; k < K; k++) n += nk[k];
  return n;
}

/**
 * Diagonal models from the K×d diagonals w of W̃_k, written to `out` (K×d):
 * - EII  λ = Σ_k tr W̃_k / (d N), Σ_k = λI;
 * - VII  λ_k = tr W̃_k / (d N_k);
 * - EEI  Σ = diag(Σ_k W̃_k) / N;
 * - VVI  Σ_k = diag(W̃_k) / N_k;
 * - EVI  Σ_k = λ·B_k, B_k = diag(W̃_k)/g_k with g_k = |diag W̃_k|^{1/d}, λ = Σ_k g_k / N (C&G 1995 §3.2, model [λB_k]).
 */
export function closedFormDiag(model: ClosedDiagModel, w: Float64Array, nk: Float64Array, K: number, d: number, out: Float64Array): EstimateOutcome {
  for (let i = 0; i < K * d; i++) if (!Number.isFinite(w[i])) return singular(Math.floor(i / d));
  const n = total(nk, K);
  switch (model) {
    case 'EII': {
      let s = 0;
      for (let i = 0; i < K * d; i++) s += w[i];
      const lambda = s / (d * n);
      if (!(lambda > 0)) return singular(0);
      out.fill(lambda, 0, K * d);
      return CLOSED_FORM;
    }
    case 'VII':
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += w[k * d + j];
        const lambda = s / (d * nk[k]);
        if (!(lambda > 0)) return singular(k);
        out.fill(lambda, k * d, k * d + d);
      }
      return CLOSED_FORM;
    case 'EEI':
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += w[k * d + j];
        if (!(s > 0)) return singular(0);
        for (let k = 0; k < K; k++) out[k * d + j] = s / n;
      }
      return CLOSED_FORM;
    case 'VVI':
      for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) {
        if (!(w[k * d + j] > 0)) return singular(k);
        out[k * d + j] = w[k * d + j] / nk[k];
      }
      return CLOSED_FORM;
    case 'EVI': {
      let lambda = 0;
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < d; j++) if (!(w[k * d + j] > 0)) return singular(k);
        lambda += geometricMean(w, k * d, d);
      }
      lambda /= n;
      for (let k = 0; k < K; k++) {
        const g = geometricMean(w, k * d, d);
        for (let j = 0; j < d; j++) out[k * d + j] = (lambda * w[k * d + j]) / g;
      }
      return CLOSED_FORM;
    }
  }
}

/**
 * Full models from W̃ (K×d×d), written to `out` (K×d×d):
 * - EEE  Σ = Σ_k W̃_k / N;
 * - VVV  Σ_k = W̃_k / N_k;
 * - EVV  Σ_k = λ·W̃_k / |W̃_k|^{1/d}, λ = Σ_k |W̃_k|^{1/d} / N (C&G 1995 §3.2, model [λC_k]);
 * - EEV  with W̃_k = L_k Ω_k L_kᵀ (eigenvalues descending), Σ_k = L_k · (Σ_l Ω_l / N) · L_kᵀ (C&G 1995 §3.2,
 *        model [λD_kAD_kᵀ]: A ∝ Σ_l Ω_l, λ = |Σ_l Ω_l|^{1/d} / N).
 */
export function closedFormFull(model: ClosedFullModel, w: Float64Array, nk: Float64Array, K: number, d: number, out: Float64Array, ws: ModelWorkspace): EstimateOutcome {
  const dd = d * d;
  const n = total(nk, K);
  switch (model) {
    case 'VVV':
      for (let k = 0; k < K; k++) {
        if (!choleskyIfDefinite(w, k * dd, d, ws.m1)) return singular(k);
        for (let i = 0; i < dd; i++) out[k * dd + i] = w[k * dd + i] / nk[k];
      }
      return CLOSED_FORM;
    case 'EEE': {
      const s = ws.m2;
      s.fill(0);
      for (let k = 0; k < K; k++) for (let i = 0; i < dd; i++) s[i] += w[k * dd + i];
      if (!choleskyIfDefinite(s, 0, d, ws.m1)) return singular(0);
      for (let k = 0; k < K; k++) for (let i = 0; i < dd; i++) out[k * dd + i] = s[i] / n;
      return CLOSED_FORM;
    }
    case 'EVV': {
      const g = ws.perComponent;
      let lambda = 0;
      for (let k = 0; k < K; k++) {
        if (!choleskyIfDefinite(w, k * dd, d, ws.m1)) return singular(k);
        g[k] = Math.exp(logDetFromCholesky(ws.m1, d) / d);
        lambda += g[k];
      }
      lambda /= n;
      for (let k = 0; k < K; k++) for (let i = 0; i < dd; i++) out[k * dd + i] = (lambda * w[k * dd + i]) / g[k];
      return CLOSED_FORM;
    }
    case 'EEV': {
      const omega = ws.values, sum = ws.perDimension;
      sum.fill(0);
      for (let k = 0; k < K; k++) {
        if (!eigenOf(w, k, d, ws)) return singular(k);
        // Rounding can leave a zero eigenvalue slightly negative.
        for (let j = 0; j < d; j++) sum[j] += Math.max(0, omega[k * d + j]);
      }
      if (!(sum[d - 1] > d * SINGULAR_RELATIVE * sum[0])) return singular(0);
      for (let j = 0; j < d; j++) sum[j] /= n;
      for (let k = 0; k < K; k++) rotateDiagonal(ws.vectors, k * dd, sum, 0, 1, d, out, k * dd);
      return CLOSED_FORM;
    }
  }
}

/** Eigen-decomposition of W̃_k into ws.values[k·d …] (descending) and ws.vectors[k·d² …]; false if not finite. */
export function eigenOf(w: Float64Array, k: number, d: number, ws: ModelWorkspace): boolean {
  const dd = d * d;
  return symmetricEigen(w, d, k * dd, ws.values.subarray(k * d, k * d + d), ws.vectors.subarray(k * dd, k * dd + dd), ws.jacobi);
}

/** out[outOff …] = scale · L diag(values[vOff …]) Lᵀ for the d×d orthogonal L at `vectors[lOff …]` (columns = directions). */
export function rotateDiagonal(vectors: Float64Array, lOff: number, values: Float64Array, vOff: number, scale: number, d: number, out: Float64Array, outOff: number): void {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += vectors[lOff + i * d + p] * values[vOff + p] * vectors[lOff + j * d + p];
      s *= scale;
      out[outOff + i * d + j] = s; out[outOff + j * d + i] = s;
    }
  }
}
