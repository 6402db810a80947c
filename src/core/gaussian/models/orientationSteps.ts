/**
 * The two kinds of orientation update of EVE and VVE, for a common orientation D (d×d, columns = axes) and per
 * component variances b_kj along those axes (Σ_k = D·diag(b_k)·Dᵀ). Both lower f(D) = Σ_k tr(W̃_k D B_k⁻¹ Dᵀ) at fixed
 * B_k — the only part of the objective that depends on D — so neither can lower the likelihood.
 */
import { orthogonalPolar } from '../../linalg/polar';
import type { ModelWorkspace } from './workspace';

/** Pair problems are re-solved with refreshed variances this many times before the rotation is applied. */
const PAIR_ITERATIONS = 3;

/** out[outOff …] = A[aOff …] · B[bOff …] for d×d row-major blocks. */
export function multiply(a: Float64Array, aOff: number, b: Float64Array, bOff: number, d: number, out: Float64Array, outOff: number): void {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += a[aOff + i * d + p] * b[bOff + p * d + j];
      out[outOff + i * d + j] = s;
    }
  }
}

/** out[off …] = Dᵀ · wd[off …]. */
export function transposeMultiply(D: Float64Array, wd: Float64Array, off: number, d: number, out: Float64Array): void {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += D[p * d + i] * wd[off + p * d + j];
      out[off + i * d + j] = s;
    }
  }
}

/**
 * One majorisation–minimisation step for D (Browne & McNicholas 2014, MM1 and MM2; mclust's mseve/msvve), from the
 * products wd = W̃_k·D (K×d×d). f is concave in D once the largest eigenvalue is shifted out, so its tangent plane
 * majorises it: MM1 shifts W̃_k by ω_k ≥ λ_max(W̃_k), M = Σ_k (W̃_k − ω_k I) D B_k⁻¹; MM2 shifts B_k⁻¹ by
 * β_k = max_j 1/b_kj, M = Σ_k W̃_k D (B_k⁻¹ − β_k I). The tangent plane is lowest at D := polar factor of −M.
 * @returns false when the polar factor fails (a non-finite M).
 */
export function mmStep(kind: 1 | 2, wd: Float64Array, b: Float64Array, omega: Float64Array, K: number, d: number, D: Float64Array, ws: ModelWorkspace): boolean {
  const dd = d * d, m = ws.m2;
  m.fill(0);
  for (let k = 0; k < K; k++) {
    let beta = 0;
    if (kind === 2) for (let j = 0; j < d; j++) beta = Math.max(beta, 1 / b[k * d + j]);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const x = wd[k * dd + i * d + j];
        m[i * d + j] -= kind === 1 ? (x - omega[k] * D[i * d + j]) / b[k * d + j] : x * (1 / b[k * d + j] - beta);
      }
    }
  }
  return orthogonalPolar(m, d, D, ws.jacobi);
}

/**
 * One cyclic sweep of plane rotations of D (in the manner of Flury & Gautschi's CPC algorithm). For the axes (p, q),
 * with the variances at their optimum for the current D, rotating columns p and q by θ changes f by
 * P·cos 2θ + Q·sin 2θ, where P = Σ_k δ_k (m_kpp − m_kqq)/2, Q = Σ_k δ_k m_kpq, m_k = DᵀW̃_kD and δ_k = 1/b_kp − 1/b_kq;
 * the minimising θ has (cos 2θ, sin 2θ) = −(P, Q)/√(P² + Q²). The 2×2 problem is re-solved PAIR_ITERATIONS times with
 * the variances refreshed (O(K) each) before the rotation is applied to D and to every m_k (`mk`, K×d×d).
 * Variances: VVE b_kj = m_kjj / N_k; EVE b_kj ∝ m_kjj / g_k with g_k = (Π_j m_kjj)^{1/d} (the common λ cancels in θ).
 */
export function rotationSweep(equalVolume: boolean, mk: Float64Array, nk: Float64Array, K: number, d: number, D: Float64Array, ws: ModelWorkspace): void {
  const dd = d * d;
  const alpha = ws.pair.subarray(0, K), beta = ws.pair.subarray(K, 2 * K), gamma = ws.pair.subarray(2 * K, 3 * K);
  const rest = ws.pair.subarray(3 * K, 4 * K);
  for (let p = 0; p < d - 1; p++) {
    for (let q = p + 1; q < d; q++) {
      for (let k = 0; k < K; k++) {
        const o = k * dd;
        alpha[k] = mk[o + p * d + p]; beta[k] = mk[o + q * d + q]; gamma[k] = mk[o + p * d + q];
        if (equalVolume) {
          // Σ_j log m_kjj over the axes this rotation leaves alone, for g_k.
          let s = 0;
          for (let j = 0; j < d; j++) if (j !== p && j !== q) s += Math.log(mk[o + j * d + j]);
          rest[k] = s;
        }
      }
      let C = 1, S = 0;
      for (let it = 0; it < PAIR_ITERATIONS; it++) {
        let P = 0, Q = 0;
        for (let k = 0; k < K; k++) {
          const weight = equalVolume ? Math.exp((rest[k] + Math.log(alpha[k]) + Math.log(beta[k])) / d) : nk[k];
          const delta = weight * (1 / alpha[k] - 1 / beta[k]);
          P += (delta * (alpha[k] - beta[k])) / 2;
          Q += delta * gamma[k];
        }
        const R = Math.hypot(P, Q);
        if (!(R > 0)) break;
        const cos2 = -P / R, sin2 = -Q / R;
        // θ in (−π/2, π/2], so cos θ = √((1 + cos 2θ)/2) ≥ 0.
        const c = Math.sqrt(Math.max(0, (1 + cos2) / 2));
        const s = c > 1e-8 ? sin2 / (2 * c) : (sin2 < 0 ? -1 : 1) * Math.sqrt(Math.max(0, (1 - cos2) / 2));
        if (Math.abs(s) <= Number.EPSILON) break;
        for (let k = 0; k < K; k++) {
          const a = alpha[k], b = beta[k], y = gamma[k];
          alpha[k] = c * c * a + 2 * c * s * y + s * s * b;
          beta[k] = s * s * a - 2 * c * s * y + c * c * b;
          gamma[k] = c * s * (b - a) + (c * c - s * s) * y;
        }
        // Compose with the rotation so far: angles add.
        const nextC = C * c - S * s;
        S = S * c + C * s; C = nextC;
      }
      if (S === 0) continue;
      rotateColumns(D, 0, d, p, q, C, S);
      for (let k = 0; k < K; k++) {
        rotateColumns(mk, k * dd, d, p, q, C, S);
        rotateRows(mk, k * dd, d, p, q, C, S);
      }
    }
  }
}

/** Columns p, q of the d×d block at `a[off …]` := (c·a_p + s·a_q, −s·a_p + c·a_q). */
function rotateColumns(a: Float64Array, off: number, d: number, p: number, q: number, c: number, s: number): void {
  for (let r = 0; r < d; r++) {
    const x = a[off + r * d + p], y = a[off + r * d + q];
    a[off + r * d + p] = c * x + s * y;
    a[off + r * d + q] = -s * x + c * y;
  }
}

/** Rows p, q likewise (after rotateColumns this makes m := Jᵀ·m·J). */
function rotateRows(a: Float64Array, off: number, d: number, p: number, q: number, c: number, s: number): void {
  for (let r = 0; r < d; r++) {
    const x = a[off + p * d + r], y = a[off + q * d + r];
    a[off + p * d + r] = c * x + s * y;
    a[off + q * d + r] = -s * x + c * y;
  }
}
