/**
 * The models with varying volume and a common shape, found by Celeux & Govaert's (1995, §3.2) fixed-point
 * iteration alternating the volumes λ_k and the shared factor (mclust's msvei, msvev, msvee). Each step maximises
 * the objective Σ_k [ −N_k/2 · log|Σ_k| − ½ tr(W̃_k Σ_k⁻¹) ] exactly in its block, so the objective never drops,
 * from a cold start or from the previous iteration's Σ_k.
 */
import { InnerLoop, relativeChange } from './iteration';
import { eigenOf, rotateDiagonal } from './closedForm';
import { singular, type EstimateOutcome } from './types';
import { SINGULAR_RELATIVE, choleskyIfDefinite, inverseFromCholesky, logDetFromCholesky, traceProduct, type ModelWorkspace } from './workspace';

const MAX_ITERATIONS = 10000;
const MAX_ITERATIONS_VEE = 1000;

function total(nk: Float64Array, K: number): number {
  let n = 0;
  for (let k = 0; k < K; k++) n += nk[k];
  return n;
}

/**
 * Σ_k = λ_k · diag(a) with |diag(a)| = 1, for per-component values w (K×d: the diagonals of W̃_k for VEI, their
 * eigenvalues for VEV). Alternates a_j ∝ Σ_k w_kj / λ_k (normalised to Π a_j = 1) and λ_k = Σ_j (w_kj / a_j) / (d N_k).
 * In log λ and log a the objective is strictly concave, so the fixed point is the unique maximum.
 * @param lambda in: the volumes to start the shape update from; out: the volumes.
 * @param a      out: the shape in a[0 … d) (a[d … 2d) is scratch).
 * @param floor  a value a_j ≤ floor·max_j a_j counts as zero (0 for axis variances, which may differ in units).
 */
function scaleShape(w: Float64Array, nk: Float64Array, K: number, d: number, lambda: Float64Array, a: Float64Array, floor: number): EstimateOutcome {
  const loop = new InnerLoop(MAX_ITERATIONS, total(nk, K), d);
  const next = a.subarray(d, 2 * d);
  for (;;) {
    let logSum = 0, amax = 0, change = 0;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += w[k * d + j] / lambda[k];
      next[j] = s;
      amax = Math.max(amax, s);
    }
    for (let j = 0; j < d; j++) {
      if (!(next[j] > floor * amax) || !Number.isFinite(next[j])) return singular(0);
      logSum += Math.log(next[j]);
    }
    const g = Math.exp(logSum / d);
    for (let j = 0; j < d; j++) next[j] /= g;
    change = loop.iterations === 0 ? Infinity : relativeChange(next, a, d);
    a.set(next.subarray(0, d));
    let objective = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += w[k * d + j] / a[j];
      const v = s / (d * nk[k]);
      if (!(v > 0) || !Number.isFinite(v)) return singular(k);
      change = Math.max(change, Math.abs(v - lambda[k]) / v);
      lambda[k] = v;
      // With λ_k at its optimum the trace term of component k is N_k·d/2.
      objective -= (nk[k] * d * (Math.log(v) + 1)) / 2;
    }
    if (!loop.next(objective, change)) break;
  }
  return loop.stalled() ? { ok: false, component: 0, reason: 'not-converged' } : { ok: true, innerIterations: loop.iterations };
}

/** Starting volumes: the previous Σ_k's |Σ_k|^{1/d} (warm, when positive definite) or tr(W̃_k)/(d N_k). */
function startVolumes(w: Float64Array, nk: Float64Array, K: number, d: number, layout: 'diag' | 'full', out: Float64Array, warm: boolean, ws: ModelWorkspace): Float64Array {
  const lambda = ws.perComponent.subarray(0, K);
  const dd = d * d;
  for (let k = 0; k < K; k++) {
    let v = NaN;
    if (warm && layout === 'diag') {
      let s = 0;
      for (let j = 0; j < d; j++) s += Math.log(out[k * d + j]);
      v = Math.exp(s / d);
    } else if (warm && choleskyIfDefinite(out, k * dd, d, ws.m1)) {
      v = Math.exp(logDetFromCholesky(ws.m1, d) / d);
    }
    if (!(v > 0) || !Number.isFinite(v)) {
      let tr = 0;
      for (let j = 0; j < d; j++) tr += layout === 'diag' ? w[k * d + j] : w[k * dd + j * d + j];
      v = tr / (d * nk[k]);
    }
    lambda[k] = v;
  }
  return lambda;
}

/** VEI: Σ_k = λ_k·A (diagonal, common shape), from the K×d diagonals w of W̃_k; `out` is K×d. */
export function estimateVEI(w: Float64Array, nk: Float64Array, K: number, d: number, out: Float64Array, warm: boolean, ws: ModelWorkspace): EstimateOutcome {
  const lambda = startVolumes(w, nk, K, d, 'diag', out, warm, ws);
  const a = ws.perDimension;
  const outcome = scaleShape(w, nk, K, d, lambda, a, 0);
  if (!outcome.ok && outcome.reason === 'singular') return outcome;
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) out[k * d + j] = lambda[k] * a[j];
  return outcome;
}

/**
 * VEV: Σ_k = λ_k · D_k A D_kᵀ. With W̃_k = L_k Ω_k L_kᵀ (eigenvalues descending), D_k = L_k for any descending A
 * (von Neumann's trace inequality), so λ_k and A solve VEI's problem on the eigenvalues Ω_k (mclust's msvev).
 */
export function estimateVEV(w: Float64Array, nk: Float64Array, K: number, d: number, out: Float64Array, warm: boolean, ws: ModelWorkspace): EstimateOutcome {
  const lambda = startVolumes(w, nk, K, d, 'full', out, warm, ws);
  const omega = ws.values;
  for (let k = 0; k < K; k++) {
    if (!eigenOf(w, k, d, ws)) return singular(k);
    for (let j = 0; j < d; j++) omega[k * d + j] = Math.max(0, omega[k * d + j]);
  }
  const a = ws.perDimension;
  const outcome = scaleShape(omega, nk, K, d, lambda, a, d * SINGULAR_RELATIVE);
  if (!outcome.ok && outcome.reason === 'singular') return outcome;
  for (let k = 0; k < K; k++) rotateDiagonal(ws.vectors, k * d * d, a, 0, lambda[k], d, out, k * d * d);
  return outcome;
}

/**
 * VEE: Σ_k = λ_k·C with |C| = 1. Alternates C = S / |S|^{1/d} with S = Σ_k W̃_k / λ_k, and λ_k = tr(W̃_k C⁻¹) / (d N_k)
 * (C&G 1995 §3.2, model [λ_k C]; mclust's msvee).
 */
export function estimateVEE(w: Float64Array, nk: Float64Array, K: number, d: number, out: Float64Array, warm: boolean, ws: ModelWorkspace): EstimateOutcome {
  const dd = d * d;
  const lambda = startVolumes(w, nk, K, d, 'full', out, warm, ws);
  const s = ws.m2, chol = ws.m1, cInv = ws.m3;
  const loop = new InnerLoop(ws.innerBudget !== undefined ? Math.min(ws.innerBudget, MAX_ITERATIONS_VEE) : MAX_ITERATIONS_VEE, total(nk, K), d);
  let g = 1;
  for (;;) {
    s.fill(0);
    for (let k = 0; k < K; k++) for (let i = 0; i < dd; i++) s[i] += w[k * dd + i] / lambda[k];
    if (!choleskyIfDefinite(s, 0, d, chol)) return singular(0);
    g = Math.exp(logDetFromCholesky(chol, d) / d);
    // C⁻¹ = g·S⁻¹.
    inverseFromCholesky(chol, d, cInv, ws.m4);
    let objective = 0, change = 0;
    for (let k = 0; k < K; k++) {
      const v = (g * traceProduct(w, k * dd, cInv, 0, d)) / (d * nk[k]);
      if (!(v > 0) || !Number.isFinite(v)) return singular(k);
      // C is a function of the volumes, so their change measures the whole parameter's.
      change = Math.max(change, Math.abs(v - lambda[k]) / v);
      lambda[k] = v;
      objective -= (nk[k] * d * (Math.log(v) + 1)) / 2;
    }
    if (!loop.next(objective, change)) break;
  }
  for (let k = 0; k < K; k++) for (let i = 0; i < dd; i++) out[k * dd + i] = (lambda[k] * s[i]) / g;
  return loop.stalled() ? { ok: false, component: 0, reason: 'not-converged' } : { ok: true, innerIterations: loop.iterations };
}
